import { describe, expect, it } from "vitest";
import type { Contract } from "../../src/contracts/index.js";
import { emptyDraft, type PeriodInForce } from "../../src/invoice/draft.js";

describe("emptyDraft", () => {
  it("starts with every field of a draft, the optional ones undefined, so every stage's copy has one shape", () => {
    // issue 14: each stage copies the draft with a field or two more; with every field there from the
    // start the copies keep the draft's layout (3–5 µs an invoice rating from aggregates)
    const draft = emptyDraft({} as Contract, {} as PeriodInForce, "closing");
    expect(Object.keys(draft)).toEqual([
      "contract",
      "period",
      "kind",
      "lines",
      "warnings",
      "allowances",
      "discounts",
      "commitments",
      "grants",
      "credits",
      "tax",
      "total",
      "amountDue",
      "totalRounding",
    ]);
    for (const optional of ["allowances", "tax", "total", "amountDue", "totalRounding"] as const)
      expect(draft[optional]).toBeUndefined();
    expect(draft.kind).toBe("closing");
    // nothing rated or recorded yet: every list starts empty (the rating stage replaces the lines, but a
    // draft read before it, or a stage that appends, must find none)
    const lists = [
      draft.lines,
      draft.warnings,
      draft.discounts,
      draft.commitments,
      draft.grants,
      draft.credits,
    ];
    expect(lists).toEqual([[], [], [], [], [], []]);
  });
});
