import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { aggregateForRating, prepareRating, rateFromAggregates, rateInvoice } from "../../src/index.js";
import { buildContract, unitCharge, usageEvent } from "../_support/contract.js";

// rateFromAggregates with the state the previous period carried out (`options.carried`): the opening
// level of a weighted_sum gauge, as in test/invoice/amendmentsCarried.test.ts. Storage is 0.50 a
// GB-month in UTC; February closed at 62 GB; March's events set 124 GB on the 10th and 31 GB on the 24th.
const storage = {
  id: "storage",
  eventType: "storage.level",
  aggregation: "weighted_sum",
  valueProperty: "gb",
};
const contractWith = (amendments: ContractInput["amendments"] = undefined) =>
  buildContract({
    id: "ctr_carried_aggregates",
    meters: [storage as never],
    charges: [unitCharge("storage", "Storage", "storage", "0.50")],
    ...(amendments ? { amendments } : {}),
  });
const level = (id: string, day: number, gb: string) =>
  usageEvent(id, "storage.level", `2026-03-${String(day).padStart(2, "0")}T00:00:00Z`, { gb });
const march = [level("l1", 10, "124"), level("l2", 24, "31")];
const carried = { storage: { level: "62" } };
const lines = (invoice: ReturnType<typeof rateInvoice>) =>
  invoice.lines.map((line) => [line.id, line.quantity, line.amount]);

describe("rateFromAggregates with carried state", () => {
  it("opens the period at the carried level, as rateInvoice does", () => {
    const prepared = prepareRating(contractWith(), "2026-03");
    const invoice = rateFromAggregates(prepared, aggregateForRating(prepared, march), { carried });
    // 62 GB × 9 days (1st–10th) + 124 × 14 (10th–24th) + 31 × 8 (24th–1 April) = 558 + 1,736 + 248
    //   = 2,542 GB-days ÷ 31 = 82 GB-month × 0.50 = 41.00 (without the carried 62 GB: 1,984 ÷ 31 = 64 → 32.00)
    expect(lines(invoice)).toEqual([["storage", "82", "41.00"]]);
    expect(JSON.stringify(invoice)).toBe(
      JSON.stringify(rateInvoice(contractWith(), march, "2026-03", { carried })),
    );
  });

  it("opens the first piece of a cut period at the carried level, the next where the first closed", () => {
    const contract = contractWith([
      {
        id: "up",
        effective: "2026-03-17",
        charges: [
          { id: "storage", name: "Storage", meter: "storage", price: { model: "unit", unitPrice: "1" } },
        ],
      },
    ]);
    const prepared = prepareRating(contract, "2026-03");
    const invoice = rateFromAggregates(prepared, aggregateForRating(prepared, march), { carried });
    // 1–16 March: 62 × 9 + 124 × 7 = 558 + 868 = 1,426 GB-days ÷ 31 = 46 × 0.50 = 23.00
    //   (without the carried level: 868 ÷ 31 = 28 → 14.00)
    // 17–31 March from 124 GB: 124 × 7 + 31 × 8 = 868 + 248 = 1,116 ÷ 31 = 36 × 1.00 = 36.00
    expect(lines(invoice)).toEqual([
      ["storage@2026-03-01", "46", "23.00"],
      ["storage@2026-03-17", "36", "36.00"],
    ]);
    expect(JSON.stringify(invoice)).toBe(
      JSON.stringify(rateInvoice(contract, march, "2026-03", { carried })),
    );
  });
});
