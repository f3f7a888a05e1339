import { describe, expect, it } from "vitest";
import { ContractError, InputError } from "../../src/errors/index.js";
import {
  aggregateForRating,
  prepareRating,
  rateFromAggregates,
  rateInvoice,
  rateInvoiceAsync,
} from "../../src/invoice/index.js";
import { buildContract, sumMeter } from "../_support/contract.js";
import { rejected, thrown } from "../_support/thrown.js";

// A carried state is passed in the options object (`{ carried: previous.usage.carryOut }`): an error in
// it is addressed from there, `options.carried.<meter>.<field>`, as every other option's error is
// (`options.creditBalances…`). It was addressed from inside the carried object (`m.total`), a path
// that names no argument the caller wrote.
const contract = buildContract({ meters: [{ ...sumMeter("m"), persistent: true }] });
// biome-ignore lint/suspicious/noExplicitAny: the point is to call the API with what the types forbid
const loose = (fn: unknown) => fn as (...args: any[]) => any;

describe("errors in a carried state are addressed from the options", () => {
  it.each([
    ["a total that is not a decimal", { m: { total: "ten" } }, "options.carried.m.total"],
    ["a meter the contract does not have", { mm: { total: "1" } }, "options.carried.mm"],
    ["a field the meter does not carry", { m: { level: "1" } }, "options.carried.m.level"],
    ["a meter id that is not a plain name", { "m-2": { total: "1" } }, 'options.carried["m-2"]'],
  ])("rateInvoice: %s", (_, carried, path) => {
    expect(thrown(() => loose(rateInvoice)(contract, [], "2026-03", { carried }))).toMatchObject({ path });
  });

  it("rateInvoiceAsync and rateFromAggregates address them the same way", async () => {
    const carried = { m: { level: "1" } };
    await expect(
      rejected(loose(rateInvoiceAsync)(contract, [], "2026-03", { carried })),
    ).resolves.toMatchObject({
      path: "options.carried.m.level",
    });
    const prepared = prepareRating(contract, "2026-03");
    const aggregates = aggregateForRating(prepared, []);
    expect(thrown(() => loose(rateFromAggregates)(prepared, aggregates, { carried }))).toMatchObject({
      path: "options.carried.m.level",
    });
  });
});

// The contract above is fine; the option is wrong. So the error is an InputError, as every other option's
// is (`options.creditBalances…`, `options.carried` that is not an object), not a ContractError; the code
// and the path are the same, and the CLI still exits 2 (failureOf: any RatecardError but an invariant).
describe("errors in a carried state are InputErrors, not ContractErrors", () => {
  it.each([
    ["a total that is not a decimal (its shape)", { m: { total: "ten" } }, "options.carried.m.total"],
    ["a meter the contract does not have", { mm: { total: "1" } }, "options.carried.mm"],
    ["a field the meter does not carry", { m: { level: "1" } }, "options.carried.m.level"],
  ])("rateInvoice: %s", (_, carried, path) => {
    const error = thrown(() => loose(rateInvoice)(contract, [], "2026-03", { carried }));
    expect(error).toBeInstanceOf(InputError);
    expect(error).not.toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ name: "InputError", code: "invalid_field", path });
  });

  it("rateFromAggregates and rateInvoiceAsync throw the same class", async () => {
    const carried = { mm: { total: "1" } };
    const prepared = prepareRating(contract, "2026-03");
    const aggregates = aggregateForRating(prepared, []);
    expect(thrown(() => loose(rateFromAggregates)(prepared, aggregates, { carried }))).toBeInstanceOf(
      InputError,
    );
    expect(await rejected(loose(rateInvoiceAsync)(contract, [], "2026-03", { carried }))).toBeInstanceOf(
      InputError,
    );
  });
});
