import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  prepareRating,
  previewInvoice,
  rateFromAggregates,
  rateInvoice,
} from "../../src/invoice/index.js";
import { buildContract, matrixCharge, sumMeter } from "../_support/contract.js";

// An override with `where` starting inside the period cuts the period, but changes the price of the
// groups it matches only. A group it does not reach keeps its terms all period, so it is rated over the
// whole period on one line, its graduated tiers running on (docs/contracts.md, step 0, "Overrides").
// Before this fix every group of the charge was rated piece by piece, restarting the tiers of groups
// whose price never changed.
const graduated = (first: string) => ({
  model: "graduated" as const,
  tiers: [{ upTo: "100", unitPrice: first }, { unitPrice: "0.01" }],
});
type Overrides = Parameters<typeof buildContract>[0]["overrides"];
const EU_HALF = [
  { id: "eu_half", charge: "bw", from: "2026-03-16", where: { region: "eu" }, multiplier: "0.5" },
];
const matrix = (overrides: Overrides = EU_HALF as never) =>
  buildContract({
    meters: [sumMeter("gb", { eventType: "gb", valueProperty: "gb" })],
    charges: [matrixCharge("bw", "Bandwidth", "gb", "region", ["na", "eu"], graduated("0.10"))],
    overrides,
  });
const event = (id: string, day: string, properties: Record<string, unknown>) => ({
  id,
  type: "gb",
  customer: "cus",
  timestamp: `2026-03-${day}T12:00:00Z`,
  properties,
});
const usage = [
  event("na1", "05", { region: "na", gb: 80 }),
  event("na2", "20", { region: "na", gb: 80 }),
  event("eu1", "05", { region: "eu", gb: 80 }),
  event("eu2", "20", { region: "eu", gb: 80 }),
];

describe("a group an override does not reach is rated over the whole period", () => {
  it("keeps na's graduated tiers running across the date eu's override starts", () => {
    const invoice = rateInvoice(matrix(), usage, "2026-03");
    // na, the whole month (its price never changes): 160 GB = 100 × 0.10 + 60 × 0.01 = 10.00 + 0.60 =
    //   10.60 (piece by piece it was 80 × 0.10 + 80 × 0.10 = 16.00, 5.40 too much)
    // eu, 1–16 March: 80 × 0.10 = 8.00; 16 March–1 April at half: 80 × 0.05 = 4.00
    // (a group's line for the whole period comes before the charge's lines piece by piece)
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ['bw[region="na"]', "160", "10.60"],
      ['bw[region="eu"]@2026-03-01', "80", "8.00"],
      ['bw[region="eu"]@2026-03-16', "80", "4.00"],
    ]);
    // 8.00 + 4.00 + 10.60
    expect(invoice.total).toBe("22.60");
    // the na line covers the whole month
    const na = invoice.lines.find((line) => line.id === 'bw[region="na"]')!;
    expect([na.period.start, na.period.end]).toEqual([
      "2026-03-01T00:00:00.000Z",
      "2026-04-01T00:00:00.000Z",
    ]);
  });

  it("does the same for a grouped charge: project B's tiers run on while A's price changes", () => {
    const grouped = buildContract({
      meters: [sumMeter("gb", { eventType: "gb", valueProperty: "gb" })],
      charges: [
        {
          id: "egress",
          name: "Egress",
          meter: "gb",
          price: { model: "grouped", groupBy: ["project"], price: graduated("0.10") },
        },
      ],
      overrides: [
        {
          id: "a_price",
          charge: "egress",
          from: "2026-03-16",
          where: { project: "A" },
          price: { model: "unit", unitPrice: "0.02" },
        },
      ],
    } as never);
    const invoice = rateInvoice(
      grouped,
      [
        event("a1", "05", { project: "A", gb: 80 }),
        event("a2", "20", { project: "A", gb: 80 }),
        event("b1", "05", { project: "B", gb: 80 }),
        event("b2", "20", { project: "B", gb: 80 }),
      ],
      "2026-03",
    );
    // A, 1–16 March: 80 × 0.10 = 8.00; 16 March–1 April replaced by unit 0.02: 80 × 0.02 = 1.60
    // B, the whole month: 100 × 0.10 + 60 × 0.01 = 10.60 (piece by piece: 8.00 + 8.00 = 16.00)
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ['egress[project="B"]', "10.60"],
      ['egress[project="A"]@2026-03-01', "8.00"],
      ['egress[project="A"]@2026-03-16', "1.60"],
    ]);
  });

  it("rates a group the override reaches from its start piece by piece, and one it reached before as a whole", () => {
    // eu's override started before March: every piece of March has it, so eu keeps its terms all month;
    // na's own override from 16 March cuts na alone
    const contract = matrix([
      { id: "eu_half", charge: "bw", from: "2026-02-01", where: { region: "eu" }, multiplier: "0.5" },
      { id: "na_double", charge: "bw", from: "2026-03-16", where: { region: "na" }, multiplier: "2" },
    ] as never);
    const invoice = rateInvoice(contract, usage, "2026-03");
    // eu, all month at half: 100 × 0.05 + 60 × 0.005 = 5.00 + 0.30 = 5.30
    // na, 1–16 March: 80 × 0.10 = 8.00; 16 March–1 April doubled: 80 × 0.20 = 16.00
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ['bw[region="eu"]', "5.30"],
      ['bw[region="na"]@2026-03-01', "8.00"],
      ['bw[region="na"]@2026-03-16', "16.00"],
    ]);
  });

  it("restarts each group's tiers only where its own terms change, when two overrides cut two groups", () => {
    // eu at half from the 10th, apac doubled from the 20th: the period is cut on the 10th and the 20th
    const contract = buildContract({
      meters: [sumMeter("gb", { eventType: "gb", valueProperty: "gb" })],
      charges: [matrixCharge("bw", "Bandwidth", "gb", "region", ["na", "eu", "apac"], graduated("0.10"))],
      overrides: [
        { id: "eu_half", charge: "bw", from: "2026-03-10", where: { region: "eu" }, multiplier: "0.5" },
        { id: "apac_double", charge: "bw", from: "2026-03-20", where: { region: "apac" }, multiplier: "2" },
      ],
    } as never);
    const events = [
      event("na1", "05", { region: "na", gb: 80 }),
      event("na2", "25", { region: "na", gb: 80 }),
      event("eu1", "05", { region: "eu", gb: 80 }),
      event("eu2", "15", { region: "eu", gb: 60 }),
      event("eu3", "25", { region: "eu", gb: 60 }),
      event("ap1", "05", { region: "apac", gb: 80 }),
      event("ap2", "15", { region: "apac", gb: 40 }),
      event("ap3", "25", { region: "apac", gb: 80 }),
    ];
    const invoice = rateInvoice(contract, events, "2026-03");
    // na, all month (no override reaches it): 160 GB = 100 × 0.10 + 60 × 0.01 = 10.60
    // eu, 1–10 March: 80 × 0.10 = 8.00; 10 March–1 April at half, one run (apac's date changes nothing
    //   for eu): 120 GB = 100 × 0.05 + 20 × 0.005 = 5.00 + 0.10 = 5.10 (cut on the 20th as well it was
    //   60 × 0.05 + 60 × 0.05 = 6.00, 0.90 too much)
    // apac, 1–20 March, one run (eu's date changes nothing for apac): 120 GB = 100 × 0.10 + 20 × 0.01 =
    //   10.20 (cut on the 10th it was 80 × 0.10 + 40 × 0.10 = 12.00, 1.80 too much); 20 March–1 April
    //   doubled: 80 × 0.20 = 16.00
    // (runs in order of their start, then their end: 1–10, 1–20, 10–1 April, 20–1 April)
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ['bw[region="na"]', "160", "10.60"],
      ['bw[region="eu"]@2026-03-01', "80", "8.00"],
      ['bw[region="apac"]@2026-03-01', "120", "10.20"],
      ['bw[region="eu"]@2026-03-10', "120", "5.10"],
      ['bw[region="apac"]@2026-03-20', "80", "16.00"],
    ]);
    // 10.60 + 8.00 + 10.20 + 5.10 + 16.00
    expect(invoice.total).toBe("49.90");
    // apac's first line covers its own run, 1–20 March
    expect(invoice.lines.find((line) => line.id === 'bw[region="apac"]@2026-03-01')!.period).toEqual({
      start: "2026-03-01T00:00:00.000Z",
      end: "2026-03-20T00:00:00.000Z",
    });
    // from usage aggregates, byte for byte
    const prepared = prepareRating(contract, "2026-03");
    expect(JSON.stringify(rateFromAggregates(prepared, aggregateForRating(prepared, events)))).toBe(
      JSON.stringify(invoice),
    );
  });

  it("rates such a period from usage aggregates byte for byte, and previews it", () => {
    const prepared = prepareRating(matrix(), "2026-03");
    expect(JSON.stringify(rateFromAggregates(prepared, aggregateForRating(prepared, usage)))).toBe(
      JSON.stringify(rateInvoice(matrix(), usage, "2026-03")),
    );
    // as of 22 March every event is in: so far = the invoice's lines
    const preview = previewInvoice(matrix(), usage, "2026-03", "2026-03-22T00:00:00Z");
    expect(preview.lines.map((line) => [line.id, line.amount])).toEqual([
      ['bw[region="na"]', "10.60"],
      ['bw[region="eu"]@2026-03-01', "8.00"],
      ['bw[region="eu"]@2026-03-16', "4.00"],
    ]);
  });
});
