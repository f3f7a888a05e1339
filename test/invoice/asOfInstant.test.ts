import { describe, expect, it } from "vitest";
import { asOfInstant } from "../../src/invoice/asOfInstant.js";
import { thrown } from "../_support/thrown.js";

// The as-of instant of a preview or a progressive invoice, as a JavaScript caller may pass it.
describe("asOfInstant", () => {
  it("reads an instant with an offset, and a date alone as its midnight in the zone", () => {
    // midnight in New York on 10 March 2026 is 04:00Z (daylight time, UTC−4, began on 8 March)
    expect(asOfInstant("2026-03-10T05:00:00Z", "UTC")).toBe(Date.UTC(2026, 2, 10, 5));
    expect(asOfInstant("2026-03-10", "America/New_York")).toBe(Date.UTC(2026, 2, 10, 4));
  });

  it("refuses anything that is not text as text, with a typed error at asOf, never a TypeError", () => {
    // A Symbol cannot be read as text implicitly (a regular expression throws a TypeError on it);
    // String() names it, so the refusal is a sentence like any other bad as-of.
    expect(thrown(() => asOfInstant(Symbol("march"), "UTC"))).toMatchObject({
      code: "invalid_instant",
      path: "asOf",
      // neither form the as-of takes: both are named (a local date or an ISO 8601 timestamp)
      message: expect.stringContaining(
        'or an ISO 8601 timestamp with an offset (2026-02-10T14:00:00Z), not "Symbol(march)"',
      ),
    });
    expect(thrown(() => asOfInstant(20260310, "UTC"))).toMatchObject({
      code: "invalid_instant",
      path: "asOf",
      message: expect.stringContaining('"20260310"'),
    });
  });

  it("tells text with a date and time inside it, but not at its start, both forms; a timestamp wrong in detail keeps its own sentence", () => {
    // "on 2026-03-10T05:00:00Z" is shaped like neither form from its first character.
    expect(thrown(() => asOfInstant("on 2026-03-10T05:00:00Z", "UTC"))).toMatchObject({
      code: "invalid_instant",
      path: "asOf",
      message: expect.stringContaining("or an ISO 8601 timestamp with an offset (2026-02-10T14:00:00Z)"),
    });
    // No offset: the instant's own refusal, still at asOf.
    const noOffset = thrown(() => asOfInstant("2026-03-10T05:00:00", "UTC")) as {
      path: string;
      message: string;
    };
    expect(noOffset).toMatchObject({ code: "invalid_instant", path: "asOf" });
    expect(noOffset.message).not.toContain("or an ISO 8601 timestamp with an offset (2026-02-10T14:00:00Z)");
  });
});
