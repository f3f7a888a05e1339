import { expect, it } from "vitest";
import { parseContract, prepareRating, rateFromAggregates } from "../../src/index.js";
import { matrixChargeOf, twoTiers } from "../_support/contract.js";
import { type AggregatedOn, contractHead, eventAt, type TableEvent } from "./engines.js";

// A matrix by region amended twice in March, run on each engine by sqlCases.ts: `aggregatedOn`
// aggregates the events in the engine and checks the result equal to the in-memory aggregates (whole
// period, each piece and each span). Each region is rated by its own cell (docs/contracts.md, "A group
// the override does not reach keeps its terms"), so the engine must aggregate the stretches of two
// pieces that eu (10–31 March) and apac (1–20 March) are rated over.

const matrix = (eu: ReturnType<typeof twoTiers>, apac: ReturnType<typeof twoTiers>) =>
  matrixChargeOf("bw", "bw", "bw", "region", [
    ["na", twoTiers("0.10", "0.01")],
    ["eu", eu],
    ["apac", apac],
  ]);
const LIST = twoTiers("0.10", "0.01");
const HALF = twoTiers("0.05", "0.005");
const DOUBLE = twoTiers("0.20", "0.02");

const prepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_cells",
    meters: [{ id: "bw", eventType: "bw", aggregation: "sum", valueProperty: "gb" }],
    charges: [matrix(LIST, LIST)],
    amendments: [
      { id: "eu_half", effective: "2026-03-10", charges: [matrix(HALF, LIST)] },
      { id: "apac_double", effective: "2026-03-20", charges: [matrix(HALF, DOUBLE)] },
    ],
  }),
  "2026-03",
);
const bw = (id: string, day: number, region: string, gb: number) =>
  eventAt(id, "bw", `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`, { gb, region });
// na 80 GB on the 5th and 25th; eu 80, 60, 60 and apac 80, 40, 80 on the 5th, 15th and 25th
const events: TableEvent[] = [
  bw("n1", 5, "na", 80),
  bw("n2", 25, "na", 80),
  bw("e1", 5, "eu", 80),
  bw("e2", 15, "eu", 60),
  bw("e3", 25, "eu", 60),
  bw("a1", 5, "apac", 80),
  bw("a2", 15, "apac", 40),
  bw("a3", 25, "apac", 80),
];

/** A matrix amended cell by cell, its regions' stretches aggregated on the engine behind `aggregatedOn`. */
export function amendedCellCases(aggregatedOn: AggregatedOn, reload: () => Promise<void>) {
  it("aggregates each region's stretch of its own terms and rates the cells as worked out by hand", async () => {
    const aggregates = await aggregatedOn(prepared, events);
    // the two stretches of two pieces, 1–20 March (apac) and 10–31 March (eu): 120 GB of apac and 120 of
    // eu in them, with the other regions' events in the stretch too
    expect(
      prepared.period.spans.map(({ start, end }) =>
        [start, end].map((t) => new Date(t).toISOString().slice(5, 10)),
      ),
    ).toEqual([
      ["03-01", "03-20"],
      ["03-10", "04-01"],
    ]);
    expect(aggregates.spans).toHaveLength(2);
    const invoice = rateFromAggregates(prepared, aggregates);
    // na never changes: 160 GB over March = 100 × 0.10 + 60 × 0.01 = 10.60. eu: 80 × 0.10 = 8.00 before
    // the 10th, then 60 + 60 = 120 GB at half = 100 × 0.05 + 20 × 0.005 = 5.10. apac: 80 + 40 = 120 GB
    // before the 20th = 100 × 0.10 + 20 × 0.01 = 10.20, then 80 × 0.20 = 16.00. The unchanged region
    // first, then the runs by start, then end: eu 1–10, apac 1–20, eu 10–31, apac 20–31.
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ['bw[region="na"]', "160", "10.60"],
      ['bw[region="eu"]@2026-03-01', "80", "8.00"],
      ['bw[region="apac"]@2026-03-01', "120", "10.20"],
      ['bw[region="eu"]@2026-03-10', "120", "5.10"],
      ['bw[region="apac"]@2026-03-20', "80", "16.00"],
    ]);
    // 10.60 + 8.00 + 10.20 + 5.10 + 16.00 = 49.90
    expect(invoice.total).toBe("49.90");
    await reload();
  });
}
