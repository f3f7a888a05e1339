import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  prepareRating,
  previewInvoice,
  rateFromAggregates,
  rateInvoice,
} from "../../src/invoice/index.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// A period is cut wherever a term of the contract changes: an amendment of one charge cuts every
// charge's usage there. A charge whose own terms do not change at a cut is rated once over the stretch
// its terms hold (chargeRuns.ts), so its tiers run on. Before this fix it was rated piece by piece, its
// graduated tiers restarting at the other charge's amendment date.
const graduated = {
  id: "bw",
  name: "Bandwidth",
  meter: "gb",
  price: { model: "graduated" as const, tiers: [{ upTo: "500", unitPrice: "0.10" }, { unitPrice: "0.05" }] },
};
const contract = () =>
  buildContract({
    meters: [
      sumMeter("gb", { eventType: "gb", valueProperty: "gb" }),
      sumMeter("req", { eventType: "req", valueProperty: "n" }),
    ],
    charges: [unitCharge("bw", "Bandwidth", "gb", "0.10"), unitCharge("rq", "Requests", "req", "1")],
    amendments: [
      { id: "tiered", effective: "2026-03-10", charges: [graduated] },
      { id: "dearer", effective: "2026-03-17", charges: [unitCharge("rq", "Requests", "req", "2")] },
    ],
  } as never);
const event = (id: string, day: string, type: string, properties: Record<string, unknown>) => ({
  id,
  type,
  customer: "cus",
  timestamp: `2026-03-${day}T12:00:00Z`,
  properties,
});
const usage = [
  event("g1", "12", "gb", { gb: 1000 }),
  event("g2", "20", "gb", { gb: 600 }),
  event("r1", "05", "req", { n: 3 }),
  event("r2", "20", "req", { n: 1 }),
];

describe("a charge rated once over the stretch its terms hold", () => {
  it("keeps a graduated charge's tiers running across another charge's amendment date", () => {
    const invoice = rateInvoice(contract(), usage, "2026-03");
    // bw: 1–10 March at 0.10 (no usage) = 0.00; 10 March–1 April graduated, 1,600 GB:
    //   500 × 0.10 + 1,100 × 0.05 = 50.00 + 55.00 = 105.00 (piece by piece it was 75.00 + 55.00 = 130.00)
    // rq: 1–17 March at 1 (3 requests on the 5th) = 3.00; 17 March–1 April at 2 (1 request) = 2.00
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["bw@2026-03-01", "0", "0.00"],
      ["bw@2026-03-10", "1600", "105.00"],
      ["rq@2026-03-01", "3", "3.00"],
      ["rq@2026-03-17", "1", "2.00"],
    ]);
    expect(invoice.total).toBe("110.00");
  });

  it("prorates a run's line by the run's share of the period (a fee amended on 10 March, 22 of 31 days)", () => {
    const withFee = buildContract({
      meters: [sumMeter("req", { eventType: "req", valueProperty: "n" })],
      charges: [
        { id: "fee", name: "Platform", price: { model: "flat", amount: "31.00" } },
        unitCharge("rq", "Requests", "req", "1"),
      ],
      amendments: [
        {
          id: "fee_up",
          effective: "2026-03-10",
          charges: [{ id: "fee", name: "Platform", price: { model: "flat", amount: "62.00" } }],
        },
        { id: "dearer", effective: "2026-03-17", charges: [unitCharge("rq", "Requests", "req", "2")] },
      ],
    } as never);
    const invoice = rateInvoice(withFee, usage, "2026-03");
    // fee: 31.00 × 9/31 = 9.00 for 1–10 March; 62.00 × 22/31 = 44.00 for 10 March–1 April, one line
    const fee = invoice.lines.filter((line) => line.chargeId === "fee");
    expect(fee.map((line) => [line.id, line.amount])).toEqual([
      ["fee@2026-03-01", "9.00"],
      ["fee@2026-03-10", "44.00"],
    ]);
  });

  it("previews such a period: so far on one bandwidth line, and a projection of the stretch as a whole", () => {
    // as of 22 March 00:00: every bandwidth event (12th, 20th) is in, so far = the invoice's 105.00
    const preview = previewInvoice(contract(), usage, "2026-03", "2026-03-22T00:00:00Z");
    const bw = preview.lines.filter((line) => line.chargeId === "bw");
    expect(bw.map((line) => [line.id, line.amount])).toEqual([
      ["bw@2026-03-01", "0.00"],
      ["bw@2026-03-10", "105.00"],
    ]);
    // projected: 1,600 GB over 21 of 31 days → 1,600 × 31 ÷ 21 for the whole period; the stretch from
    // the 10th holds it all (none before), so its one line prices more than 1,600 GB, tiers running on
    const projected = preview.preview!.projection.lines.filter((line) => line.line.startsWith("bw"));
    expect(projected.map((line) => line.line)).toEqual(["bw@2026-03-01", "bw@2026-03-10"]);
    expect(Number(projected[1]!.quantity)).toBeGreaterThan(1600);
  });

  it("rates such a period from usage aggregates too, byte for byte (each span aggregated as one)", () => {
    const prepared = prepareRating(contract(), "2026-03");
    const aggregates = aggregateForRating(prepared, usage);
    // two stretches of several pieces: 10 March–1 April (bandwidth's) and 1–17 March (requests')
    expect(aggregates.spans).toHaveLength(2);
    expect(JSON.stringify(rateFromAggregates(prepared, aggregates))).toBe(
      JSON.stringify(rateInvoice(contract(), usage, "2026-03")),
    );
  });

  it("refuses aggregates made without the spans (an older envelope), rather than restart the tiers", () => {
    const prepared = prepareRating(contract(), "2026-03");
    const { spans: _spans, ...withoutSpans } = aggregateForRating(prepared, usage);
    const error = thrown(() => rateFromAggregates(prepared, withoutSpans));
    expect(error).toMatchObject({ code: "aggregates_mismatch", path: "spans" });
    expect(String((error as Error).message)).toContain(
      "made for a period with no stretch of pieces, but this rating is for a period with 2 stretches of pieces rated at once",
    );
  });
});
