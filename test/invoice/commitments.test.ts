import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import {
  buildContract,
  COMPUTE_AND_STORAGE,
  type ContractOverrides,
  computeAndStorageUsage,
  sumMeter,
  unitCharge,
} from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Two unit-priced charges at 1.00 a unit, so a line's amount is its usage.
const contractWith = (extra: ContractOverrides) =>
  buildContract({ id: "ctr_commit" }, COMPUTE_AND_STORAGE, extra);
const usage = computeAndStorageUsage;
// Compute on meter a, storage and egress on meter b, each at 1.00 a unit.
const WITH_EGRESS = {
  meters: [sumMeter("a"), sumMeter("b")],
  charges: [
    unitCharge("compute", "Compute", "a"),
    unitCharge("storage", "Storage", "b"),
    unitCharge("egress", "Egress", "b"),
  ],
} satisfies ContractOverrides;

describe("commitments", () => {
  it("counts a narrow scope's true-up as spend of a wider scope that contains it, whatever the listing order", () => {
    // wide (compute + storage, minimum 150) is listed first; narrow (compute, minimum 100) still runs
    // first: compute 50.00 → true-up 50.00; wide's spend 50.00 + 50.00 + 50.00 = 150.00 → no true-up
    const contract = contractWith({
      commitments: [
        { id: "wide", name: "Platform minimum", minimum: "150", charges: ["compute", "storage"] },
        { id: "narrow", name: "Compute minimum", minimum: "100", charges: ["compute"] },
      ],
    });
    const invoice = rateInvoice(contract, usage("50", "50"), "2026-03");
    expect(invoice.commitments?.map((c) => [c.id, c.spend, c.trueUp])).toEqual([
      ["narrow", "50.00", "50.00"],
      ["wide", "150.00", undefined],
    ]);
    expect(invoice.total).toBe("150.00");
  });

  it("adds a true-up line for the shortfall below a minimum (Fastly's commit shortfall)", () => {
    const contract = contractWith({ commitments: [{ id: "min50", name: "Monthly minimum", minimum: "50" }] });
    const invoice = rateInvoice(contract, usage("5.20", "3.50"), "2026-03");
    // spend 5.20 + 3.50 = 8.70; shortfall 50.00 − 8.70 = 41.30; total 50.00
    expect(invoice.lines.at(-1)).toMatchObject({
      id: "min50",
      chargeId: "min50",
      amount: "41.30",
      priceKind: "true_up",
    });
    expect(invoice.commitments).toEqual([
      { id: "min50", name: "Monthly minimum", minimum: "50.00", spend: "8.70", trueUp: "41.30" },
    ]);
    expect(invoice.total).toBe("50.00");
    expect(explainText(invoice)).toContain("spend came to $8.70, so the shortfall of $41.30 is billed");
  });

  it("takes the excess above a maximum off the lines by largest remainder", () => {
    const contract = contractWith({ commitments: [{ id: "cap", name: "Spend cap", maximum: "100" }] });
    const invoice = rateInvoice(contract, usage("90", "60"), "2026-03");
    // spend 150.00, cap 100.00: 50.00 off, split 90:60 → 30.00 and 20.00; nets 60.00 and 40.00
    expect(invoice.commitments?.[0]).toMatchObject({ spend: "150.00", cap: "-50.00" });
    expect(invoice.lines.map((line) => line.net)).toEqual(["60.00", "40.00"]);
    expect(invoice.total).toBe("100.00");
    expect(explainText(invoice)).toContain(
      "Spend cap: spend $150.00 is above the maximum of $100.00: -$50.00, spread over Compute -$30.00, Storage -$20.00.",
    );
  });

  it("measures spend after discounts, so a discount cannot push the bill below the minimum", () => {
    const contract = contractWith({
      discounts: [{ id: "half", name: "50% off", percent: "50" }],
      commitments: [{ id: "min", name: "Minimum", minimum: "80" }],
    });
    const invoice = rateInvoice(contract, usage("60", "40"), "2026-03");
    // 100.00 − 50 % = 50.00 spend; true-up 30.00; total 80.00
    expect(invoice.commitments?.[0]).toMatchObject({ spend: "50.00", trueUp: "30.00" });
    expect(invoice.total).toBe("80.00");
  });

  it("prorates the minimum on a partial period", () => {
    const contract = contractWith({
      term: { start: "2026-03-17" },
      commitments: [{ id: "min", name: "Minimum", minimum: "31" }],
    });
    const invoice = rateInvoice(contract, [], "2026-03");
    // 17–31 March = 15 of 31 days: 31 × 15 ÷ 31 = 15.00, all of it a true-up
    expect(invoice.commitments?.[0]).toMatchObject({ minimum: "15.00", spend: "0.00", trueUp: "15.00" });
  });

  it("applies a commitment on listed charges only to those, before invoice-wide ones", () => {
    const contract = contractWith({
      commitments: [
        { id: "all", name: "Overall minimum", minimum: "100" },
        { id: "compute_min", name: "Compute minimum", minimum: "40", charges: ["compute"] },
      ],
    });
    const invoice = rateInvoice(contract, usage("10", "20"), "2026-03");
    // compute_min first: compute 10 → true-up 30; then all: 10 + 20 + 30 = 60 → true-up 40; total 100
    expect(invoice.commitments?.map((c) => [c.id, c.spend, c.trueUp])).toEqual([
      ["compute_min", "10.00", "30.00"],
      ["all", "60.00", "40.00"],
    ]);
    expect(invoice.total).toBe("100.00");
  });

  it("refuses two commitments whose charge lists overlap without one containing the other", () => {
    const overlapping = {
      commitments: [
        { id: "c1", name: "C1", minimum: "10", charges: ["compute"] },
        { id: "c2", name: "C2", minimum: "10", charges: ["compute", "storage"] },
        { id: "c3", name: "C3", minimum: "10", charges: ["storage"] },
      ],
    };
    // c1 ⊂ c2 and c3 ⊂ c2 are nested; c1 and c3 are separate: all fine
    expect(() => contractWith(overlapping)).not.toThrow();
    // with a third charge: { compute, storage } and { storage, egress } share storage, and neither
    // contains the other
    expect(
      thrown(() =>
        contractWith({
          ...WITH_EGRESS,
          commitments: [
            { id: "c1", name: "C1", minimum: "10", charges: ["compute", "storage"] },
            { id: "c2", name: "C2", minimum: "10", charges: ["storage", "egress"] },
          ],
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "commitments[1].charges" });
  });

  it("refuses overlapping scopes when a charge is listed twice (the scopes are sets)", () => {
    // { compute, storage } and { storage, egress } share storage only. Listing storage twice in c1
    // made the 2 shared entries ("storage", "storage") as many as c2's 2 entries: read as nested, c2's
    // true-up (egress outside c1) would then have counted as spend of c1.
    const error = thrown(() =>
      contractWith({
        ...WITH_EGRESS,
        commitments: [
          { id: "c1", name: "C1", minimum: "10", charges: ["storage", "storage", "compute"] },
          { id: "c2", name: "C2", minimum: "10", charges: ["storage", "egress"] },
        ],
      }),
    ) as { details: { problems: { path: string; message: string }[] } };
    expect(error.details.problems.map(({ path, message }) => ({ path, message }))).toEqual([
      {
        path: "commitments[1].charges",
        message:
          "commitments[1].charges overlaps commitments[0] on storage without containing it or being contained; make the scopes nested or separate",
      },
    ]);
    // a charge listed twice in a scope that does contain the other stays accepted
    expect(() =>
      contractWith({
        commitments: [
          { id: "c1", name: "C1", minimum: "10", charges: ["compute", "compute", "storage"] },
          { id: "c2", name: "C2", minimum: "10", charges: ["storage"] },
        ],
      }),
    ).not.toThrow();
  });

  it("counts a line outside a scope only when it is the true-up of a commitment nested in it", () => {
    // a platform fee of 40.00 outside both scopes; narrow (compute, 100) is listed first.
    // narrow: compute 50.00 → true-up 50.00 (the platform fee is not its spend);
    // wide (compute + storage, 150): 50.00 + 50.00 + narrow's true-up 50.00 = 150.00, without the
    // platform fee's 40.00 → no true-up; total 50 + 50 + 40 + 50 = 190.00
    const contract = contractWith({
      charges: [
        ...COMPUTE_AND_STORAGE.charges,
        { id: "platform", name: "Platform", price: { model: "flat", amount: "40" } },
      ],
      commitments: [
        { id: "narrow", name: "Compute minimum", minimum: "100", charges: ["compute"] },
        { id: "wide", name: "Platform minimum", minimum: "150", charges: ["compute", "storage"] },
      ],
    });
    const invoice = rateInvoice(contract, usage("50", "50"), "2026-03");
    expect(invoice.commitments?.map((c) => [c.id, c.spend, c.trueUp])).toEqual([
      ["narrow", "50.00", "50.00"],
      ["wide", "150.00", undefined],
    ]);
    expect(invoice.total).toBe("190.00");
  });

  it("runs a narrow scope first even when it lists its one charge three times", () => {
    // narrow names compute only (3 entries, 1 charge); wide names compute and storage (2 entries):
    // narrow first, compute 50.00 → true-up 50.00; wide's spend 50.00 + 50.00 + 50.00 = 150.00 → no
    // true-up. Ordered by entries, wide would run first (spend 100.00, true-up 50.00) and the total
    // would be 200.00.
    const contract = contractWith({
      commitments: [
        { id: "wide", name: "Platform minimum", minimum: "150", charges: ["compute", "storage"] },
        { id: "narrow", name: "Compute minimum", minimum: "100", charges: ["compute", "compute", "compute"] },
      ],
    });
    const invoice = rateInvoice(contract, usage("50", "50"), "2026-03");
    expect(invoice.commitments?.map((c) => [c.id, c.spend, c.trueUp])).toEqual([
      ["narrow", "50.00", "50.00"],
      ["wide", "150.00", undefined],
    ]);
    expect(invoice.total).toBe("150.00");
  });

  it("refuses a maximum below the minimum, neither bound, an unknown charge, and an id a charge uses", () => {
    expect(
      thrown(() => contractWith({ commitments: [{ id: "c", name: "C", minimum: "10", maximum: "5" }] })),
    ).toMatchObject({
      code: "invalid_field",
      path: "commitments[0].maximum",
    });
    expect(thrown(() => contractWith({ commitments: [{ id: "c", name: "C" }] }))).toMatchObject({
      code: "missing_field",
    });
    expect(
      thrown(() => contractWith({ commitments: [{ id: "c", name: "C", minimum: "1", charges: ["x"] }] })),
    ).toMatchObject({
      path: "commitments[0].charges[0]",
    });
    expect(
      thrown(() => contractWith({ commitments: [{ id: "compute", name: "C", minimum: "1" }] })),
    ).toMatchObject({
      code: "duplicate_id",
      path: "commitments[0].id",
    });
  });
});

describe("commitment laws", () => {
  const cents = fc.integer({ min: 0, max: 2_000_000 }).map((n) => (n / 100).toFixed(2));
  it("bills at least the minimum and at most the maximum before tax", () => {
    fc.assert(
      fc.property(
        cents,
        cents,
        fc.integer({ min: 1, max: 30_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        (a, b, min, extra) => {
          const contract = contractWith({
            commitments: [{ id: "c", name: "C", minimum: String(min), maximum: String(min + extra) }],
          });
          const total = new Decimal(rateInvoice(contract, usage(a, b), "2026-03").total);
          expect(total.greaterThanOrEqualTo(min)).toBe(true);
          expect(total.lessThanOrEqualTo(min + extra)).toBe(true);
        },
      ),
    );
  });
});
