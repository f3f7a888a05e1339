import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import {
  aggregateForRating,
  billProgressively,
  issueCreditNote,
  prepareRating,
  previewInvoice,
  rateClosingInvoice,
  rateFromAggregates,
  rateInvoice,
  rateInvoiceAsync,
  rateMany,
  rateOpeningInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import { buildContract, sumMeter } from "../_support/contract.js";
import { rejected, thrown } from "../_support/thrown.js";

// An option whose name is misspelt was ignored without a word: `{ carry: previous.usage.carryOut }`
// (the CLI's flag is --carry; the option is `carried`) rated a persistent meter from zero, billing the
// whole running total again. Every option name an entry point does not know is now refused at its path.
const contract = buildContract({ meters: [{ ...sumMeter("m"), persistent: true }] });
const event = {
  id: "a",
  type: "m",
  customer: "cus",
  timestamp: "2026-03-02T00:00:00Z",
  properties: { v: "10" },
};
// biome-ignore lint/suspicious/noExplicitAny: the point is to call the API with what the types forbid
const loose = (fn: unknown) => fn as (...args: any[]) => any;

describe("options an entry point does not know", () => {
  it("rateInvoice refuses `carry` (the option is `carried`) instead of billing from zero", () => {
    const february = rateInvoice(contract, [], "2026-02");
    const error = thrown(() =>
      loose(rateInvoice)(contract, [event], "2026-03", { carry: february.usage.carryOut }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_argument", path: "options.carry" });
    expect((error as Error).message).toContain("carried");
  });

  it.each([
    ["rateInvoice", () => loose(rateInvoice)(contract, [], "2026-03", { dayly: true })],
    ["previewInvoice", () => loose(previewInvoice)(contract, [], "2026-03", "2026-03-10", { dayly: true })],
    [
      "rateProgressiveInvoice",
      () => loose(rateProgressiveInvoice)(contract, [], "2026-03", "2026-03-10", { dayly: true }),
    ],
    ["rateClosingInvoice", () => loose(rateClosingInvoice)(contract, [], "2026-03", { dayly: true })],
    [
      "billProgressively",
      () => loose(billProgressively)(contract, [], "2026-03", { threshold: "5", dayly: true }),
    ],
    ["rateOpeningInvoice", () => loose(rateOpeningInvoice)(contract, { dayly: true })],
    ["rateMany", () => loose(rateMany)([contract], [], "2026-03", { dayly: true })],
    ["prepareRating", () => loose(prepareRating)(contract, "2026-03", { dayly: true })],
    [
      "aggregateForRating",
      () => loose(aggregateForRating)(prepareRating(contract, "2026-03"), [], { dayly: true }),
    ],
    [
      "rateFromAggregates",
      () => {
        const prepared = prepareRating(contract, "2026-03");
        return loose(rateFromAggregates)(prepared, aggregateForRating(prepared, []), { dayly: true });
      },
    ],
  ])("%s refuses an option it does not know (options.dayly)", (_, run) => {
    expect(thrown(run)).toMatchObject({ code: "invalid_argument", path: "options.dayly" });
  });

  it("rateInvoiceAsync refuses an option it does not know", async () => {
    const error = await rejected(loose(rateInvoiceAsync)(contract, [], "2026-03", { sha: "x" }));
    expect(error).toMatchObject({ code: "invalid_argument", path: "options.sha" });
  });

  it("issueCreditNote refuses an option it does not know (`previousNotes` for `previous`)", () => {
    // Ignored, the earlier notes would not count: the line could be credited a second time.
    const invoice = rateInvoice(contract, [event], "2026-03");
    const corrections = [{ kind: "invoice", reason: "goodwill" }];
    const error = thrown(() => loose(issueCreditNote)(contract, invoice, corrections, { previousNotes: [] }));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_argument", path: "options.previousNotes" });
    expect((error as Error).message).toContain("previous");
    // the one option it takes is still taken: 10 units at 1.00 = 10.00 billed, credited whole (a
    // credit note's amounts are what it gives back, written positive)
    expect(issueCreditNote(contract, invoice, corrections, { previous: [] }).total).toBe("10.00");
  });

  it("still takes every documented option", () => {
    const february = rateInvoice(contract, [], "2026-02");
    const options = { carried: february.usage.carryOut ?? {}, daily: true, creditsStartFull: true };
    // 10 units at 1.00 in March, nothing carried from an empty February
    expect(rateInvoice(contract, [event], "2026-03", options).total).toBe("10.00");
  });
});
