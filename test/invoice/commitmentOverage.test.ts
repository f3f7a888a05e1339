import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  COMPUTE_AND_STORAGE,
  type ContractOverrides,
  computeAndStorageUsage,
} from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Two unit-priced charges at 1.00 a unit, so a line's amount is its usage.
const contractWith = (extra: ContractOverrides) =>
  buildContract({ id: "ctr_overage" }, COMPUTE_AND_STORAGE, extra);
const usage = computeAndStorageUsage;
const committed = (extra: Record<string, string | string[]>) =>
  contractWith({ commitments: [{ id: "commit", name: "Annual commit", minimum: "1000", ...extra }] });

describe("commitment overage factor", () => {
  it("bills spend above the minimum at the factor with an overage line (Flexprice)", () => {
    const invoice = rateInvoice(committed({ overageFactor: "1.25" }), usage("1000", "240"), "2026-03");
    // spend 1,000.00 + 240.00 = 1,240.00; excess 1,240.00 − 1,000.00 = 240.00;
    // overage 240.00 × (1.25 − 1) = 60.00; total 1,240.00 + 60.00 = 1,300.00
    // (Flexprice: 1,000 + 240 × 1.25 = 1,000 + 300 = 1,300)
    expect(invoice.lines.at(-1)).toEqual({
      id: "commit",
      chargeId: "commit",
      name: "Annual commit (overage)",
      model: "commitment",
      period: { start: "2026-03-01T00:00:00.000Z", end: "2026-04-01T00:00:00.000Z" },
      quantity: "1",
      priceKind: "overage",
      amount: "60.00",
      steps: [
        {
          kind: "commitment_overage",
          commitment: "commit",
          minimum: "1000.00",
          spend: "1240.00",
          excess: "240.00",
          factor: "1.25",
          amount: "60",
        },
        { kind: "rounding", mode: "half_even", minorUnits: 2, before: "60", amount: "60.00" },
      ],
    });
    expect(invoice.commitments).toEqual([
      { id: "commit", name: "Annual commit", minimum: "1000.00", spend: "1240.00", overage: "60.00" },
    ]);
    expect(invoice.subtotal).toBe("1300.00");
    expect(invoice.total).toBe("1300.00");
    expect(explainText(invoice)).toContain(
      "Spend of $1,240.00 is $240.00 above the committed minimum of $1,000.00; the excess is billed at 1.25 times its price, so the overage is $240.00 × (1.25 − 1) = $60.00.",
    );
  });

  it("below the minimum bills the true-up and no overage", () => {
    const invoice = rateInvoice(committed({ overageFactor: "1.25" }), usage("600", "200"), "2026-03");
    // spend 800.00 < 1,000.00: true-up 200.00, total 1,000.00; no overage line
    expect(invoice.commitments).toEqual([
      { id: "commit", name: "Annual commit", minimum: "1000.00", spend: "800.00", trueUp: "200.00" },
    ]);
    expect(invoice.lines.map((line) => [line.priceKind, line.unitPrice])).toEqual([
      ["unit", "1"],
      ["unit", "1"],
      ["true_up", undefined],
    ]);
    expect(invoice.total).toBe("1000.00");
  });

  it("adds nothing when spend equals the minimum, or the overage rounds to zero", () => {
    const exactly = rateInvoice(committed({ overageFactor: "1.5" }), usage("700", "300"), "2026-03");
    // spend 1,000.00 = minimum: excess 0, no line
    expect(exactly.lines).toHaveLength(2);
    expect(exactly.total).toBe("1000.00");
    const cent = rateInvoice(committed({ overageFactor: "1.25" }), usage("700", "300.01"), "2026-03");
    // excess 0.01 × 0.25 = 0.0025, rounds half-even to 0.00: no line, total 1,000.01
    expect(cent.lines).toHaveLength(2);
    expect(cent.commitments?.[0]).not.toHaveProperty("overage");
    expect(cent.total).toBe("1000.01");
  });

  it("rounds the overage once, with the contract's mode", () => {
    const invoice = rateInvoice(committed({ overageFactor: "1.5" }), usage("700", "300.03"), "2026-03");
    // excess 0.03 × 0.5 = 0.015 → half-even 0.02 (the digit before the 5 is odd); total 1,000.03 + 0.02
    const line = invoice.lines.at(-1)!;
    expect(line.amount).toBe("0.02");
    expect(line.steps.at(-1)).toEqual({
      kind: "rounding",
      mode: "half_even",
      minorUnits: 2,
      before: "0.015",
      amount: "0.02",
    });
    expect(invoice.total).toBe("1000.05");
  });

  it("counts the overage line as spend for the maximum, spreading the cap over it too", () => {
    const invoice = rateInvoice(
      committed({ overageFactor: "1.25", maximum: "1250" }),
      usage("1000", "240"),
      "2026-03",
    );
    // overage 60.00 (as above); spend + overage 1,300.00 > maximum 1,250.00: cap 50.00, spread 1,000 : 240 : 60
    // in cents: 5,000 × 1,000/1,300 = 3,846.15…, × 240/1,300 = 923.07…, × 60/1,300 = 230.76…;
    // floors 3,846 + 923 + 230 = 4,999, the last cent to the largest remainder (.76…, the overage line)
    expect(invoice.commitments).toEqual([
      {
        id: "commit",
        name: "Annual commit",
        minimum: "1000.00",
        maximum: "1250.00",
        spend: "1240.00",
        overage: "60.00",
        cap: "-50.00",
        allocation: [
          { line: "compute", amount: "-38.46" },
          { line: "storage", amount: "-9.23" },
          { line: "commit", amount: "-2.31" },
        ],
      },
    ]);
    expect(invoice.lines.map((line) => line.net)).toEqual(["961.54", "230.77", "57.69"]);
    expect(invoice.total).toBe("1250.00");
    expect(explainText(invoice)).toContain(
      "Annual commit: spend $1,240.00 plus the overage of $60.00 is above the maximum of $1,250.00: -$50.00",
    );
  });

  it("measures the excess above the prorated minimum on a partial period", () => {
    const contract = contractWith({
      term: { start: "2026-03-17" },
      commitments: [{ id: "commit", name: "Commit", minimum: "31", overageFactor: "1.5" }],
    });
    // the usage falls after the term start
    const late = usage("12", "8").map((event) => ({ ...event, timestamp: "2026-03-20T00:00:00Z" }));
    const invoice = rateInvoice(contract, late, "2026-03");
    // 17–31 March = 15 of 31 days: minimum 31 × 15 ÷ 31 = 15.00; spend 20.00;
    // overage (20.00 − 15.00) × 0.5 = 2.50; total 22.50
    expect(invoice.commitments?.[0]).toMatchObject({ minimum: "15.00", spend: "20.00", overage: "2.50" });
    expect(invoice.total).toBe("22.50");
  });

  it("counts a narrow commitment's overage as spend of a wider one", () => {
    const contract = contractWith({
      commitments: [
        { id: "all", name: "Overall minimum", minimum: "500" },
        { id: "compute_commit", name: "Compute", minimum: "100", overageFactor: "2", charges: ["compute"] },
      ],
    });
    const invoice = rateInvoice(contract, usage("150", "100"), "2026-03");
    // compute_commit first: compute 150.00, excess 50.00 × (2 − 1) = 50.00 overage;
    // all: 150.00 + 100.00 + 50.00 = 300.00 < 500.00 → true-up 200.00; total 500.00
    expect(invoice.commitments?.map((c) => [c.id, c.spend, c.overage, c.trueUp])).toEqual([
      ["compute_commit", "150.00", "50.00", undefined],
      ["all", "300.00", undefined, "200.00"],
    ]);
    expect(invoice.total).toBe("500.00");
  });

  it("refuses an overage factor without a minimum, or not above 1", () => {
    expect(
      thrown(() =>
        contractWith({ commitments: [{ id: "c", name: "C", maximum: "100", overageFactor: "1.25" }] }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "commitments[0].overageFactor" });
    for (const factor of ["1", "0.8"])
      expect(
        thrown(() =>
          contractWith({ commitments: [{ id: "c", name: "C", minimum: "100", overageFactor: factor }] }),
        ),
      ).toMatchObject({ code: "invalid_field", path: "commitments[0].overageFactor" });
    expect(
      thrown(() =>
        contractWith({ commitments: [{ id: "c", name: "C", minimum: "100", overageFactor: "-2" }] }),
      ),
    ).toMatchObject({ path: "commitments[0].overageFactor" });
  });
});
