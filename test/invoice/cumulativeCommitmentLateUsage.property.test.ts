import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { correctLateUsage, type Invoice, rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { usageEvent } from "../_support/contract.js";
import { quarterCommitment, spendIn, spendToDate } from "../_support/cumulativeCommitment.js";

// Law (docs/commitment-periods.md, "Late usage"): late usage of a month of a cumulative commitment's
// quarter, corrected in April — the month with the late events and its spend before, then each later
// month already issued with no late event and the corrected spend to date — re-rates every month
// exactly as if the late usage had arrived in time; so the issued invoices plus the corrections bill
// what the quarter rated on time bills, to the cent, whatever the overage factor and its rounding.
const MONTHS = ["2026-01", "2026-02", "2026-03"] as const;
const money = fc
  .integer({ min: 0, max: 90_000 })
  .map((cents) => new Decimal(cents).dividedBy(100).toFixed(2));

function quarterOf(
  contract: ReturnType<typeof quarterCommitment>,
  usage: ReadonlyArray<unknown[]>,
): Invoice[] {
  const invoices: Invoice[] = [];
  MONTHS.forEach((month, at) => {
    const carried = at === 0 ? {} : { commitmentSpendToDate: spendToDate(invoices[at - 1]!) };
    invoices.push(rateInvoice(contract, usage[at]!, month, carried));
  });
  return invoices;
}

describe("late usage in a cumulative commitment's period, corrected in a chain", () => {
  it("re-rates each month as if the late usage had come in time, and bills the on-time quarter", () => {
    fc.assert(
      fc.property(
        fc.tuple(money, money, money),
        fc.integer({ min: 0, max: 2 }),
        money,
        fc.constantFrom(undefined, "1.5", "2"),
        (spends, lateMonth, lateSpend, factor) => {
          const contract = quarterCommitment(factor === undefined ? {} : { overageFactor: factor }, {
            lateUsage: { lookBackPeriods: 3 },
          });
          const usage = MONTHS.map((month, at) => spendIn(month, spends[at]!));
          const late = [usageEvent("late", "e", `${MONTHS[lateMonth]}-10T00:00:00Z`, { v: lateSpend })];
          const issued = quarterOf(contract, usage);
          const onTime = quarterOf(
            contract,
            usage.map((events, at) => (at === lateMonth ? [...events, ...late] : events)),
          );
          const corrections: string[] = [];
          let corrected: Invoice | undefined;
          for (let at = lateMonth; at < MONTHS.length; at += 1) {
            const fix = correctLateUsage(contract, issued[at]!, usage[at]!, at === lateMonth ? late : [], {
              billOn: "2026-04",
              ...(at === 0 ? {} : { commitmentSpendToDate: spendToDate(issued[at - 1]!) }),
              ...(corrected === undefined ? {} : { correctedCommitmentSpendToDate: spendToDate(corrected) }),
            });
            if (fix.mode !== "next_invoice") throw new Error("expected next_invoice");
            // the re-rated month is the on-time month, figure for figure
            expect(fix.rerated).toEqual(onTime[at]);
            corrections.push(fix.total);
            corrected = fix.rerated;
          }
          const add = (totals: ReadonlyArray<string>) =>
            totals.reduce((sum, total) => sum.plus(total), new Decimal(0)).toFixed(2);
          expect(add([...issued.map((invoice) => invoice.total), ...corrections])).toBe(
            add(onTime.map((invoice) => invoice.total)),
          );
          // and the spend to date after March is the on-time quarter's
          expect(spendToDate(corrected!)).toEqual(spendToDate(onTime[2]!));
        },
      ),
      { numRuns: 40 },
    );
  });
});
