import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { rateClosingInvoice, rateProgressiveInvoice } from "../../src/invoice/index.js";
import { buildContract } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// The options of the progressive entry points come from JavaScript too: an `earlier` that is not a
// list, or a `trigger` of another shape, is a typed error at its option, not a TypeError, and never a
// field written into an invoice that parseInvoice (and explain) would then refuse.
const contract = buildContract({});
// biome-ignore lint/suspicious/noExplicitAny: the point is to call the API with what the types forbid
const loose = (fn: unknown) => fn as (...args: any[]) => any;

describe("the options of rateProgressiveInvoice and rateClosingInvoice", () => {
  it.each([
    ["an invoice, not a list of them", { id: "inv" }],
    ["a string", "inv_1"],
    ["null", null],
  ])("rateProgressiveInvoice refuses %s as earlier (invalid_argument)", (_, earlier) => {
    const error = thrown(() =>
      loose(rateProgressiveInvoice)(contract, [], "2026-03", "2026-03-10", { earlier }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_argument", path: "options.earlier" });
  });

  it("rateClosingInvoice refuses an earlier that is not a list (invalid_argument)", () => {
    const error = thrown(() => loose(rateClosingInvoice)(contract, [], "2026-03", { earlier: "inv_1" }));
    expect(error).toMatchObject({ code: "invalid_argument", path: "options.earlier" });
  });

  it("names the earlier invoice a refused field is in", () => {
    const error = thrown(() =>
      loose(rateProgressiveInvoice)(contract, [], "2026-03", "2026-03-10", { earlier: [{}] }),
    );
    expect(error).toMatchObject({ path: "options.earlier[0].schemaVersion" });
  });

  it.each([
    ["a number", 5],
    ["another kind", { kind: "manual" }],
    ["a threshold that is not an amount", { kind: "spend_threshold", threshold: "lots", spend: "10.00" }],
  ])("rateProgressiveInvoice refuses %s as trigger (invalid_argument)", (_, trigger) => {
    const error = thrown(() =>
      loose(rateProgressiveInvoice)(contract, [], "2026-03", "2026-03-10", { trigger }),
    );
    expect(error).toMatchObject({ code: "invalid_argument", path: "options.trigger" });
  });

  it("records a trigger of the documented shape", () => {
    const trigger = { kind: "spend_threshold", threshold: "100.00", spend: "120.00" } as const;
    expect(
      rateProgressiveInvoice(contract, [], "2026-03", "2026-03-10", { trigger }).progressive?.trigger,
    ).toEqual(trigger);
  });

  it("rateClosingInvoice refuses a trigger (a closing invoice is issued at the period's end, not by one)", () => {
    const trigger = { kind: "spend_threshold", threshold: "100.00", spend: "120.00" };
    const error = thrown(() => loose(rateClosingInvoice)(contract, [], "2026-03", { trigger }));
    expect(error).toMatchObject({ code: "invalid_argument", path: "options.trigger" });
  });
});
