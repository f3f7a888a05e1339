import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { safeParseContract } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  buildContractJson,
  COMPUTE_AND_STORAGE,
  computeAndStorageUsage,
} from "../_support/contract.js";
import { withoutDigests } from "../_support/withoutDigests.js";

// Every problem parseContract reports (the error's details list them all, the first leads).
function problemsOf(parsed: ReturnType<typeof safeParseContract>) {
  if (parsed.success) return [];
  return parsed.error.details.problems as ReadonlyArray<{ code: string; path: string }>;
}

type CommitmentInput = NonNullable<ContractInput["commitments"]>[number];

function contractWith(commitment: CommitmentInput, fields: Partial<ContractInput> = {}) {
  return buildContract(
    { id: "ctr_commit_changes", ...COMPUTE_AND_STORAGE, commitments: [commitment] },
    fields,
  );
}

describe("a commitment whose minimum changes on a date (commitments[].changes)", () => {
  it("owes each minimum for its part of the month: 100.00 for 16 days, 150.00 for 15 → 124.19", () => {
    const contract = contractWith({
      id: "min",
      name: "Minimum",
      minimum: "100",
      changes: [{ effective: "2026-03-17", minimum: "150" }],
    });
    const invoice = rateInvoice(contract, computeAndStorageUsage("2", "0"), "2026-03");
    // March (UTC, by seconds = by days): Mar 1–17 is 16 of 31 days, Mar 17–Apr 1 is 15 of 31 days.
    // minimum = (100 × 16 + 150 × 15) ÷ 31 = 3,850 ÷ 31 = 124.1935… → 124.19; spend 2.00 → true-up 122.19
    expect(invoice.commitments?.[0]).toMatchObject({ minimum: "124.19", spend: "2.00", trueUp: "122.19" });
    expect(invoice.commitments?.[0]?.schedule).toEqual([
      {
        start: "2026-03-01T00:00:00.000Z",
        end: "2026-03-17T00:00:00.000Z",
        minimum: "100.00",
        basis: "second",
        elapsed: "1382400",
        total: "2678400",
      },
      {
        start: "2026-03-17T00:00:00.000Z",
        end: "2026-04-01T00:00:00.000Z",
        minimum: "150.00",
        basis: "second",
        elapsed: "1296000",
        total: "2678400",
      },
    ]);
    // 2.00 + 0.00 + 122.19 = 124.19
    expect(invoice.total).toBe("124.19");
    expect(explainText(invoice)).toContain(
      // (100.00 × 1,382,400 + 150.00 × 1,296,000) ÷ 2,678,400 = 332,640,000 ÷ 2,678,400 = 124.19354838…
      "Minimum: the commitment changed inside the period: minimum $100.00 × 1,382,400 ÷ 2,678,400 seconds (2026-03-01 to 2026-03-17) + $150.00 × 1,296,000 ÷ 2,678,400 seconds (2026-03-17 to 2026-04-01) = $124.1935483870…, rounded half-even: $124.19 for this invoice.",
    );
  });

  it("prorates by the seconds of a month with a clock change: 5,000.00 then 8,000.00 from 17 March in New York → 6,453.57", () => {
    const contract = contractWith(
      {
        id: "min",
        name: "Minimum",
        minimum: "5000",
        changes: [{ effective: "2026-03-17", minimum: "8000" }],
      },
      { timeZone: "America/New_York" },
    );
    const invoice = rateInvoice(contract, [], "2026-03");
    // March in New York has 743 hours (clocks forward on 8 March) = 2,674,800 s; 1–17 March is
    // 2,674,800 − 1,296,000 = 1,378,800 s, 17 March–1 April 15 days = 1,296,000 s.
    // 5,000 × 1,378,800 + 8,000 × 1,296,000 = 6,894,000,000 + 10,368,000,000 = 17,262,000,000;
    // ÷ 2,674,800 = 6,453.5666… → 6,453.57 (docs/contracts.md, "Proration of minimums"); no spend
    expect(invoice.commitments?.[0]).toMatchObject({ minimum: "6453.57", spend: "0.00", trueUp: "6453.57" });
  });

  it("uses the changed minimum whole in the months after the change (April: 150.00)", () => {
    const contract = contractWith({
      id: "min",
      name: "Minimum",
      minimum: "100",
      changes: [{ effective: "2026-03-17", minimum: "150" }],
    });
    const invoice = rateInvoice(contract, [], "2026-04");
    expect(invoice.commitments?.[0]).toEqual({
      id: "min",
      name: "Minimum",
      minimum: "150.00",
      spend: "0.00",
      trueUp: "150.00",
    });
  });

  it("lowers a maximum mid-month by whole days on a day basis: 300.00 then 200.00 from the 11th of April", () => {
    const contract = contractWith(
      { id: "cap", name: "Cap", maximum: "300", changes: [{ effective: "2026-04-11", maximum: "200" }] },
      { billing: { cadence: "monthly", proration: "day" } },
    );
    const invoice = rateInvoice(
      contract,
      computeAndStorageUsage("400", "0").map((event) => ({ ...event, timestamp: "2026-04-02T00:00:00Z" })),
      "2026-04",
    );
    // April: 10 days at 300.00 and 20 days at 200.00 of 30: (300 × 10 + 200 × 20) ÷ 30 = 7,000 ÷ 30
    // = 233.333… → 233.33; spend 400.00 → cap −166.67
    expect(invoice.commitments?.[0]).toMatchObject({ maximum: "233.33", spend: "400.00", cap: "-166.67" });
    expect(invoice.total).toBe("233.33");
  });

  it("refuses changes out of date order, without a limit, or on a limit the commitment lacks", () => {
    const parsed = safeParseContract(
      buildContractJson({
        ...COMPUTE_AND_STORAGE,
        commitments: [
          {
            id: "min",
            name: "Minimum",
            minimum: "100",
            changes: [
              { effective: "2026-03-17", minimum: "150" },
              { effective: "2026-03-10", minimum: "120" },
              { effective: "2026-04-01" },
              { effective: "2026-05-01", maximum: "500" },
            ],
          },
        ],
      }),
    );
    expect(parsed.success).toBe(false);
    const issues = problemsOf(parsed).map((problem) => [problem.code, problem.path]);
    expect(issues).toEqual([
      ["invalid_field", "commitments[0].changes[1].effective"],
      ["missing_field", "commitments[0].changes[2].minimum"],
      ["invalid_field", "commitments[0].changes[3].maximum"],
    ]);
  });

  it("refuses a change that lifts the minimum above the maximum in force", () => {
    const parsed = safeParseContract(
      buildContractJson({
        ...COMPUTE_AND_STORAGE,
        commitments: [
          {
            id: "c",
            name: "C",
            minimum: "100",
            maximum: "200",
            changes: [{ effective: "2026-03-17", minimum: "250" }],
          },
        ],
      }),
    );
    expect(problemsOf(parsed).map((problem) => problem.path)).toEqual(["commitments[0].changes[0].minimum"]);
  });
});

describe("laws of dated commitment changes", () => {
  const cents = fc.integer({ min: 1, max: 10_000_000 }).map((n) => (n / 100).toFixed(2));
  const day = fc.integer({ min: 2, max: 31 }).map((d) => `2026-03-${String(d).padStart(2, "0")}`);

  it("a change that keeps the minimum owes exactly the undated minimum (the parts sum to the whole)", () => {
    fc.assert(
      fc.property(
        cents,
        day,
        fc.constantFrom("second", "day", "month_30_days"),
        (minimum, date, proration) => {
          const billing = { billing: { cadence: "monthly" as const, proration } };
          const undated = contractWith({ id: "m", name: "M", minimum }, billing);
          const dated = contractWith(
            { id: "m", name: "M", minimum, changes: [{ effective: date, minimum }] },
            billing,
          );
          const usage = computeAndStorageUsage("1", "0");
          const a = rateInvoice(undated, usage, "2026-03");
          const b = rateInvoice(dated, usage, "2026-03");
          expect(b.commitments?.[0]?.minimum).toBe(a.commitments?.[0]?.minimum);
          expect(b.total).toBe(a.total);
          const schedule = b.commitments?.[0]?.schedule ?? [];
          // The parts' shares add up to the whole billing period.
          const elapsed = schedule.reduce((sum, part) => sum + Number(part.elapsed), 0);
          expect(elapsed).toBe(Number(schedule[0]?.total));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a change effective on or before the period's start gives the invoice of the changed, undated commitment", () => {
    fc.assert(
      fc.property(cents, cents, (before, after) => {
        const dated = contractWith({
          id: "m",
          name: "M",
          minimum: before,
          changes: [{ effective: "2026-03-01", minimum: after }],
        });
        const undated = contractWith({ id: "m", name: "M", minimum: after });
        const usage = computeAndStorageUsage("3", "4");
        const a = withoutDigests(rateInvoice(dated, usage, "2026-03"));
        const b = withoutDigests(rateInvoice(undated, usage, "2026-03"));
        expect(a).toEqual(b);
      }),
      { numRuns: 30 },
    );
  });

  it("the period's minimum lies between the smaller and the larger of the two minimums", () => {
    fc.assert(
      fc.property(cents, cents, day, (before, after, date) => {
        const contract = contractWith({
          id: "m",
          name: "M",
          minimum: before,
          changes: [{ effective: date, minimum: after }],
        });
        const minimum = Number(rateInvoice(contract, [], "2026-03").commitments?.[0]?.minimum);
        expect(minimum).toBeGreaterThanOrEqual(Math.min(Number(before), Number(after)));
        expect(minimum).toBeLessThanOrEqual(Math.max(Number(before), Number(after)));
      }),
      { numRuns: 40 },
    );
  });
});
