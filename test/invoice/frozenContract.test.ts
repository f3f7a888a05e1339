import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  parseContract,
  prepareRating,
  rateFromAggregates,
  rateInvoice,
} from "../../src/index.js";

// Rating keeps what it derives from a contract on the contract's own objects, out of sight
// (src/schema/objectSlot.ts), or in a WeakMap for an object that cannot take it. Either way the invoice
// is the golden file's, byte for byte: whether the contract is frozen before rating, frozen after a
// first rating, or rated again.
const dir = "fixtures/golden-rich";
const contractJson: unknown = JSON.parse(readFileSync(`${dir}/contract.json`, "utf8"));
const events = readFileSync(`${dir}/usage.ndjson`, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as unknown);
const expected = `${readFileSync(`${dir}/expected.json`, "utf8").trimEnd()}`;
const options = { creditsStartFull: true } as const;

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

const printed = (invoice: unknown) => JSON.stringify(invoice, null, 2);

describe("a contract rated frozen, frozen after rating, or again", () => {
  it("gives the golden invoice when every object of the parsed contract is frozen first (its decimals too)", () => {
    const contract = deepFreeze(parseContract(contractJson));
    expect(printed(rateInvoice(contract, events, "2026-03", options))).toBe(expected);
    expect(printed(rateInvoice(contract, events, "2026-03", options))).toBe(expected);
  });

  it("gives the golden invoice again after the contract is frozen between two ratings", () => {
    const contract = parseContract(contractJson);
    expect(printed(rateInvoice(contract, events, "2026-03", options))).toBe(expected);
    deepFreeze(contract);
    expect(printed(rateInvoice(contract, events, "2026-03", options))).toBe(expected);
  });

  it("rates a frozen preparation from aggregates, the same invoice as from the events", () => {
    const prepared = deepFreeze(prepareRating(deepFreeze(parseContract(contractJson)), "2026-03"));
    const invoice = rateFromAggregates(prepared, aggregateForRating(prepared, events), options);
    expect(printed(invoice)).toBe(expected);
  });
});
