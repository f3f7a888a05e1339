import { describe, expect, it } from "vitest";
import { safeParseContract } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateClosingInvoice, rateInvoice, rateProgressiveInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, type ChargeInput, type MeterInput } from "../_support/contract.js";
import { FLEXPRICE_TIERS } from "../_support/hourlyPeaks.js";

type Json = Record<string, unknown>;
const event = (id: string, timestamp: string, v: string) => ({
  id,
  type: "e",
  customer: "cus",
  timestamp,
  properties: { v },
});
const windowed = (size: string, inner: string, emptyWindows?: "zero" | "skip"): MeterInput =>
  ({
    id: "m",
    eventType: "e",
    aggregation: "sum",
    valueProperty: "v",
    window: { size, aggregation: inner, ...(emptyWindows ? { emptyWindows } : {}) },
  }) as MeterInput;
const charged = (price: Json, windows?: Json, extra: Json = {}): ChargeInput =>
  ({ id: "use", name: "Use", meter: "m", price, ...(windows ? { windows } : {}), ...extra }) as ChargeInput;
const lineOf = (
  meter: MeterInput,
  charge: ChargeInput,
  events: Json[],
  period = "2026-03",
  layer: Json = {},
) =>
  rateInvoice(
    buildContract(buildContractJson({ meters: [meter], charges: [charge], ...layer })),
    events as never,
    period,
  ).lines[0]!;
const windowStep = (line: { steps: ReadonlyArray<{ kind: string }> }) =>
  line.steps.find((step) => step.kind === "window_pricing") as unknown as Json & {
    priced: Json[];
    buckets?: Json[];
  };

// Flexprice's bucketed max: FLEXPRICE_TIERS (test/_support/hourlyPeaks.ts, where the readings and sums are).
const hourlyMax = windowed("hour", "max");
const twoBuckets = [
  event("a", "2026-03-01T00:05:00Z", "2"),
  event("b", "2026-03-01T00:20:00Z", "5"),
  event("c", "2026-03-01T00:35:00Z", "6"),
  event("d", "2026-03-01T00:50:00Z", "9"),
  event("e", "2026-03-01T01:10:00Z", "10"),
  event("f", "2026-03-01T01:40:00Z", "15"),
];

describe("window pricing, each_window (Flexprice's bucketed max)", () => {
  it("restarts graduated tiers in every window: $0.90 + $1.25 = $2.15, Flexprice's figure", () => {
    // bucket 1: 9 × 0.10 = 0.90; bucket 2: 10 × 0.10 + 5 × 0.05 = 1.00 + 0.25 = 1.25; Σ = 2.15
    const line = lineOf(
      hourlyMax,
      charged({ model: "graduated", tiers: FLEXPRICE_TIERS }, { tiers: "each_window" }),
      twoBuckets,
    );
    expect(line).toMatchObject({ quantity: "24", amount: "2.15" });
    expect(line.unitPrice).toBeUndefined();
    const step = windowStep(line);
    expect(step).toMatchObject({ tiers: "each_window", rounding: "line", windows: 744, quantity: "24" });
    expect(step.priced).toEqual([
      { start: "2026-03-01T00:00:00.000Z", quantity: "9", amount: "0.9" },
      { start: "2026-03-01T01:00:00.000Z", quantity: "15", amount: "1.25" },
    ]);
    expect(step.amount).toBe("2.15");
  });

  it("without the setting prices the sum of the peaks through the tiers once, as before: $1.58", () => {
    // 24: 10 × 0.10 + 10 × 0.05 + 4 × 0.02 = 1.00 + 0.50 + 0.08 = 1.58
    const line = lineOf(hourlyMax, charged({ model: "graduated", tiers: FLEXPRICE_TIERS }), twoBuckets);
    expect(line).toMatchObject({ quantity: "24", amount: "1.58" });
    expect(windowStep(line)).toBeUndefined();
  });

  it("prices each window at its own volume tier: $0.90 + $0.75 = $1.65, Flexprice's figure", () => {
    // 9 → tier 1: 9 × 0.10 = 0.90; 15 → tier 2: 15 × 0.05 = 0.75
    const line = lineOf(
      hourlyMax,
      charged({ model: "volume", tiers: FLEXPRICE_TIERS }, { tiers: "each_window" }),
      twoBuckets,
    );
    expect(line.amount).toBe("1.65");
  });

  it("rounds each window's partial package up: $5 + $10 + $10 + $5 = $30 (Flexprice's complex scenario)", () => {
    // maxima 50, 150, 200, 99 in packages of 100 at $5: 1 + 2 + 2 + 1 = 6 packages = $30
    // (the total, 499, would be 5 packages = $25)
    const events = ["50", "150", "200", "99"].map((v, hour) =>
      event(`p${hour}`, `2026-03-01T0${hour}:30:00Z`, v),
    );
    const price = { model: "package", packageSize: "100", packagePrice: "5" };
    expect(lineOf(hourlyMax, charged(price, { tiers: "each_window" }), events).amount).toBe("30.00");
    expect(lineOf(hourlyMax, charged(price), events).amount).toBe("25.00");
  });

  it("applies the transform to each window: 1,500 MB and 2,500 MB rounded up to whole GB are 2 + 3 GB", () => {
    // divideBy 1000, round up per window: ⌈1.5⌉ + ⌈2.5⌉ = 2 + 3 = 5 GB at $1 (the total would be ⌈4⌉ = 4)
    const events = [event("x", "2026-03-01T00:10:00Z", "1500"), event("y", "2026-03-01T01:10:00Z", "2500")];
    const line = lineOf(
      windowed("hour", "sum"),
      charged(
        { model: "unit", unitPrice: "1" },
        { tiers: "each_window" },
        { transform: { divideBy: "1000", round: "up" } },
      ),
      events,
    );
    expect(line).toMatchObject({ quantity: "5", amount: "5.00" });
    expect(line.steps.some((step) => step.kind === "billable_quantity")).toBe(false);
  });
});

// Tencent CDN (tencentyun/qcloud-documents, product/存储与CDN/内容分发网络/购买指导/计费说明.md, "流量按量计费"):
// monthly tiered progression, mainland China, yuan per GB: 0–2 TB 0.21, 2–10 TB 0.20, 10–50 TB 0.18,
// 50–100 TB 0.15, above 0.11; 1 TB = 1,000 GB. Hourly settlement uses the same tiers ("按流量小时计费的
// 价格阶梯同流量按量计费，仅计费周期变更为按小时").
const TENCENT_TIERS = [
  { upTo: "2000", unitPrice: "0.21" },
  { upTo: "10000", unitPrice: "0.20" },
  { upTo: "50000", unitPrice: "0.18" },
  { upTo: "100000", unitPrice: "0.15" },
  { unitPrice: "0.11" },
];
const tencent = (windows?: Json) => charged({ model: "graduated", tiers: TENCENT_TIERS }, windows);
const CNY = { currency: "CNY", timeZone: "Asia/Shanghai" };

describe("window pricing, running_total (Tencent CDN's settlement against month-to-date tiers)", () => {
  it("reproduces Tencent's worked bill: 3 TB, 3 TB and 7 TB on January 1–3 bill 620, 600 and 1,340 yuan", () => {
    // Jan 1: 2,000 × 0.21 + 1,000 × 0.20 = 420 + 200 = 620
    // Jan 2: running total 3,000 → 6,000, all in 2–10 TB: 3,000 × 0.20 = 600
    // Jan 3: 6,000 → 13,000: 4,000 × 0.20 + 3,000 × 0.18 = 800 + 540 = 1,340; month: 2,560
    const events = [
      event("d1", "2026-01-01T12:00:00+08:00", "3000"),
      event("d2", "2026-01-02T12:00:00+08:00", "3000"),
      event("d3", "2026-01-03T12:00:00+08:00", "7000"),
    ];
    const line = lineOf(
      windowed("day", "sum"),
      tencent({ tiers: "running_total", rounding: "each_window" }),
      events,
      "2026-01",
      CNY,
    );
    expect(line).toMatchObject({ quantity: "13000", amount: "2560.00" });
    expect(windowStep(line).priced).toEqual([
      { start: "2025-12-31T16:00:00.000Z", quantity: "3000", total: "3000", amount: "620" },
      { start: "2026-01-01T16:00:00.000Z", quantity: "3000", total: "6000", amount: "600" },
      { start: "2026-01-02T16:00:00.000Z", quantity: "7000", total: "13000", amount: "1340" },
    ]);
  });

  it("bills progressively what the settlements so far add up to, and closes with the rest", () => {
    // at 2 January 12:30 (Shanghai): days 1–2, 620 + 600 = 1,220; the closing invoice: 2,560 − 1,220 = 1,340,
    // Tencent's figure for 3 January
    const contract = buildContract(
      buildContractJson({
        meters: [windowed("day", "sum")],
        charges: [tencent({ tiers: "running_total", rounding: "each_window" })],
        ...CNY,
      }),
    );
    const events = [
      event("d1", "2026-01-01T12:00:00+08:00", "3000"),
      event("d2", "2026-01-02T12:00:00+08:00", "3000"),
      event("d3", "2026-01-03T12:00:00+08:00", "7000"),
    ];
    const first = rateProgressiveInvoice(contract, events, "2026-01", "2026-01-02T12:30:00+08:00");
    expect(first.total).toBe("1220.00");
    expect(rateClosingInvoice(contract, events, "2026-01", { earlier: [first] }).total).toBe("1340.00");
  });

  it("settles hour by hour: 1,500 GB then 1,500 GB bill 315 + 305 yuan, Tencent's 620 for the day", () => {
    // hour 1: 1,500 × 0.21 = 315; hour 2: running 1,500 → 3,000: 500 × 0.21 + 1,000 × 0.20 = 105 + 200 = 305
    const events = [
      event("h1", "2026-01-01T00:30:00+08:00", "1500"),
      event("h2", "2026-01-01T01:30:00+08:00", "1500"),
    ];
    const line = lineOf(windowed("hour", "sum"), tencent({ tiers: "running_total" }), events, "2026-01", CNY);
    expect(line.amount).toBe("620.00");
    expect(windowStep(line).priced.map((window) => window.amount)).toEqual(["315", "305"]);
  });

  it("bills the same as pricing the month's total when only the line is rounded", () => {
    // the windows' amounts telescope: Σ [P(total after) − P(total before)] = P(13,000) = 2,560
    const events = [
      event("d1", "2026-01-01T12:00:00+08:00", "3000"),
      event("d3", "2026-01-03T12:00:00+08:00", "10000"),
    ];
    const byWindow = lineOf(
      windowed("day", "sum"),
      tencent({ tiers: "running_total" }),
      events,
      "2026-01",
      CNY,
    );
    const whole = lineOf(windowed("day", "sum"), tencent(), events, "2026-01", CNY);
    expect(byWindow.amount).toBe(whole.amount);
    expect(whole.amount).toBe("2560.00");
  });

  it("rounds each settlement first with rounding each_window: 3 × ¥0.03 = ¥0.09, not ¥0.0756 → ¥0.08", () => {
    // 0.12 GB × 0.21 = 0.0252 → 0.03 (half-even) in each of three hours; Σ 0.09. Rounded once: 0.36 × 0.21
    // = 0.0756 → 0.08
    const events = ["00", "01", "02"].map((hour) =>
      event(`s${hour}`, `2026-01-01T${hour}:30:00+08:00`, "0.12"),
    );
    const each = lineOf(
      windowed("hour", "sum"),
      tencent({ tiers: "running_total", rounding: "each_window" }),
      events,
      "2026-01",
      CNY,
    );
    const once = lineOf(windowed("hour", "sum"), tencent({ tiers: "running_total" }), events, "2026-01", CNY);
    expect(each.amount).toBe("0.09");
    expect(windowStep(each).priced.map((window) => window.amount)).toEqual(["0.03", "0.03", "0.03"]);
    expect(once.amount).toBe("0.08");
  });
});

describe("window pricing on a grouped price", () => {
  it("runs each group's windows through the tiers on its own (Tencent's regions billed apart)", () => {
    // region "cn": 3,000 then 3,000 GB → 620 + 600 = 1,220; region "na" at the same tiers: 1,000 GB → 210
    const events = [
      { ...event("c1", "2026-01-01T12:00:00+08:00", "3000"), properties: { v: "3000", region: "cn" } },
      { ...event("c2", "2026-01-02T12:00:00+08:00", "3000"), properties: { v: "3000", region: "cn" } },
      { ...event("n1", "2026-01-02T12:00:00+08:00", "1000"), properties: { v: "1000", region: "na" } },
    ];
    const invoice = rateInvoice(
      buildContract(
        buildContractJson({
          meters: [windowed("day", "sum")],
          charges: [
            charged(
              { model: "grouped", groupBy: ["region"], price: { model: "graduated", tiers: TENCENT_TIERS } },
              { tiers: "running_total" },
            ),
          ],
          ...CNY,
        }),
      ),
      events as never,
      "2026-01",
    );
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ['use[region="cn"]', "1220.00"],
      ['use[region="na"]', "210.00"],
    ]);
  });
});

describe("window pricing, time-of-day buckets with commitments (Flexprice's window commitments)", () => {
  // Peak 08:00–20:00: $0.10 a unit, at least $5 a window (true-up), the excess × 1.5; off-peak hours at
  // the charge's $0.05, no commitment.
  const peakCommitted = (commitment: Json) => ({
    tiers: "each_window",
    buckets: [
      { id: "peak", from: "08:00", until: "20:00", price: { model: "unit", unitPrice: "0.10" }, commitment },
    ],
  });
  const peak = peakCommitted({ amount: "5", overageFactor: "1.5", trueUp: true });
  const events = [
    event("p1", "2026-03-02T09:15:00Z", "80"),
    event("p2", "2026-03-02T10:15:00Z", "20"),
    event("o1", "2026-03-02T22:15:00Z", "100"),
  ];

  it("commits each peak window and prices off-peak windows at the charge's price", () => {
    // 09:00: 80 × 0.10 = 8.00 ≥ 5: 5 + (8 − 5) × 1.5 = 9.50
    // 10:00: 20 × 0.10 = 2.00 < 5, true-up: 5.00
    // 22:00: off-peak, 100 × 0.05 = 5.00; line 9.50 + 5.00 + 5.00 = 19.50
    const line = lineOf(
      windowed("hour", "sum", "skip"),
      charged({ model: "unit", unitPrice: "0.05" }, peak),
      events,
    );
    expect(line.amount).toBe("19.50");
    const step = windowStep(line);
    expect(step.priced).toEqual([
      {
        start: "2026-03-02T09:00:00.000Z",
        quantity: "80",
        bucket: "peak",
        usage: "8",
        committed: "5",
        amount: "9.5",
      },
      {
        start: "2026-03-02T10:00:00.000Z",
        quantity: "20",
        bucket: "peak",
        usage: "2",
        committed: "5",
        amount: "5",
      },
      { start: "2026-03-02T22:00:00.000Z", quantity: "100", amount: "5" },
    ]);
    // peak: usage 8 + 2 = 10, true-up 5 − 2 = 3, overage (8 − 5) × 1.5 = 4.5, billed 9.5 + 5 = 14.5
    expect(step.buckets).toEqual([
      { id: "peak", windows: 2, quantity: "100", usage: "10", trueUp: "3", overage: "4.5", amount: "14.5" },
      { id: null, windows: 1, quantity: "100", usage: "5", trueUp: "0", overage: "0", amount: "5" },
    ]);
  });

  it("reads a bucket's hours in the contract's zone: 08:00 in Shanghai is 00:00 UTC", () => {
    // 2026-03-02T00:15Z is 08:15 in Asia/Shanghai: peak, 80 × 0.10 = 8 → 5 + 3 × 1.5 = 9.50
    const line = lineOf(
      windowed("hour", "sum", "skip"),
      charged({ model: "unit", unitPrice: "0.05" }, peak),
      [event("p1", "2026-03-02T00:15:00Z", "80")],
      "2026-03",
      { timeZone: "Asia/Shanghai" },
    );
    expect(line.amount).toBe("9.50");
  });

  it("commits a quantity by pricing it, and bills usage below it without a true-up", () => {
    // committed 60 units × 0.10 = 6.00; 80 units = 8.00 ≥ 6: 6 + 2 × 1 = 8.00; 20 units = 2.00 < 6: 2.00
    const quantityCommitment = peakCommitted({ quantity: "60" });
    const line = lineOf(
      windowed("hour", "sum", "skip"),
      charged({ model: "unit", unitPrice: "0.05" }, quantityCommitment),
      events.slice(0, 2),
    );
    expect(line.amount).toBe("10.00");
  });

  it("lists a committed window with no usage, whose commitment is shown though nothing is billed", () => {
    // 09:00: 80 × 0.10 = 8 ≥ 5: 5 + (8 − 5) × 1 = 8; 11:00: 0 units = 0 < 5, no true-up: 0; line 8.00
    const line = lineOf(
      windowed("hour", "sum", "skip"),
      charged({ model: "unit", unitPrice: "0.05" }, peakCommitted({ amount: "5" })),
      [event("p1", "2026-03-02T09:15:00Z", "80"), event("p0", "2026-03-02T11:15:00Z", "0")],
    );
    expect(line.amount).toBe("8.00");
    expect(windowStep(line).priced[1]).toEqual({
      start: "2026-03-02T11:00:00.000Z",
      quantity: "0",
      bucket: "peak",
      usage: "0",
      committed: "5",
      amount: "0",
    });
  });

  it("trues up every empty peak window of the month when empty windows count as 0", () => {
    // March: 31 days × 12 peak hours = 372 peak windows, 372 off-peak. 09:00 on 2 March: 80 × 0.10 =
    // 8 ≥ 5: 5 + 3 × 1.5 = 9.50; the other 371 peak windows have 0 < 5, a true-up of 5.00 each =
    // 1,855.00; off-peak windows 0 × 0.05 = 0. Line 9.50 + 1,855.00 = 1,864.50 (an empty window is
    // priced once per bucket and its charge reused: each must still count)
    const line = lineOf(
      windowed("hour", "sum", "zero"),
      charged({ model: "unit", unitPrice: "0.05" }, peak),
      [event("p1", "2026-03-02T09:15:00Z", "80")],
    );
    expect(line.amount).toBe("1864.50");
    expect(windowStep(line).buckets).toEqual([
      {
        id: "peak",
        windows: 372,
        quantity: "80",
        usage: "8",
        trueUp: "1855",
        overage: "4.5",
        amount: "1864.5",
      },
      { id: null, windows: 372, quantity: "0", usage: "0", trueUp: "0", overage: "0", amount: "0" },
    ]);
  });

  it("totals a bucket no window fell in as zeros, and adds no row for windows in none when there are none", () => {
    // peak 09:00: 80 × 0.10 = 8; night: no window; every window is in a bucket, so no null row
    const terms = {
      tiers: "each_window",
      buckets: [
        { id: "peak", from: "08:00", until: "20:00", price: { model: "unit", unitPrice: "0.10" } },
        { id: "night", from: "22:00", until: "06:00", price: { model: "unit", unitPrice: "0.01" } },
      ],
    };
    const line = lineOf(
      windowed("hour", "sum", "skip"),
      charged({ model: "unit", unitPrice: "0.05" }, terms),
      [event("p1", "2026-03-02T09:15:00Z", "80")],
    );
    expect(line.amount).toBe("8.00");
    // Two prices (peak's and the charge's) rated the windows: the line names no single unit price.
    expect(line.unitPrice).toBeUndefined();
    expect(windowStep(line).buckets).toEqual([
      { id: "peak", windows: 1, quantity: "80", usage: "8", trueUp: "0", overage: "0", amount: "8" },
      { id: "night", windows: 0, quantity: "0", usage: "0", trueUp: "0", overage: "0", amount: "0" },
    ]);
  });

  it("wraps a bucket around midnight: 22:00–06:00 holds 23:00 and 02:00", () => {
    // night at $0.01: 100 × 0.01 + 100 × 0.01 = 2.00; the 12:00 window at the charge's $0.05: 5.00
    const night = {
      tiers: "each_window",
      buckets: [{ id: "night", from: "22:00", until: "06:00", price: { model: "unit", unitPrice: "0.01" } }],
    };
    const line = lineOf(
      windowed("hour", "sum", "skip"),
      charged({ model: "unit", unitPrice: "0.05" }, night),
      [
        event("n1", "2026-03-02T23:10:00Z", "100"),
        event("n2", "2026-03-03T02:10:00Z", "100"),
        event("d1", "2026-03-03T12:10:00Z", "100"),
      ],
    );
    expect(line.amount).toBe("7.00");
  });

  it("explains the windows in words", () => {
    const contract = buildContract(
      buildContractJson({
        meters: [windowed("hour", "sum", "skip")],
        charges: [charged({ model: "unit", unitPrice: "0.05" }, peak)],
      }),
    );
    const text = explainText(rateInvoice(contract, events as never, "2026-03"));
    expect(text).toContain("Priced window by window, the tiers starting again in each window");
    expect(text).toContain(
      "from 2026-03-02T09:00:00.000Z in peak, 80 → $9.50 (price $8.00 against a commitment of $5.00)",
    );
    // peak: 80 × 0.10 = 8.00 and 20 × 0.10 = 2.00 priced, 10.00; the 10:00 window is trued up by
    // 5.00 − 2.00 = 3.00; the 09:00 window's 8.00 − 5.00 = 3.00 above its commitment bills × 1.5 = 4.50
    // in place of its price. Billed 5.00 + 4.50 + 5.00 = 14.50 = 10.00 + 3.00 + 4.50 − 3.00: the four
    // figures add up only with the 3.00 taken off, so the sentence says it (10 + 3 + 4.5 = 17.5 read
    // as a sum before 7 December 2026).
    expect(text).toContain(
      "Bucket peak: 2 windows, 100 priced $10.00, true-up $3.00, overage $4.50 in place of the $3.00 priced above the commitments, billed $10.00 + $3.00 + $4.50 − $3.00 = $14.50.",
    );
    // Outside the buckets nothing is above a commitment: 100 × 0.05 = 5.00, and the figures add up as they are.
    expect(text).toContain(
      "Outside the buckets: 1 window, 100 priced $5.00, true-up $0.00, overage $0.00, billed $5.00.",
    );
  });

  it("names each window's rounding when every window is rounded to the minor unit", () => {
    const contract = buildContract(
      buildContractJson({
        meters: [windowed("hour", "sum", "skip")],
        charges: [charged({ model: "unit", unitPrice: "0.05" }, { ...peak, rounding: "each_window" })],
      }),
    );
    const rated = rateInvoice(
      contract,
      [event("p1", "2026-03-02T09:15:00Z", "80"), event("o1", "2026-03-02T22:15:00Z", "0.1")] as never,
      "2026-03",
    );
    const text = explainText(rated);
    // peak 09:00: 80 × 0.10 = 8.00 ≥ 5.00, 5.00 + 3.00 × 1.5 = 9.50, a whole cent: no rounding.
    expect(text).toContain(
      "Bucket peak: 1 window, 80 priced $8.00, true-up $0.00, overage $4.50 in place of the $3.00 priced above the commitments, billed $8.00 + $0.00 + $4.50 − $3.00 = $9.50.",
    );
    // off-peak 22:00: 0.1 × 0.05 = 0.005, rounded half-even to 0.00: priced 0.005, billed 0.005 − 0.005 = 0.00.
    expect(text).toContain(
      "Outside the buckets: 1 window, 0.1 priced $0.005, true-up $0.00, overage $0.00, billed $0.005 + $0.00 + $0.00 − $0.005 of each window's rounding = $0.00.",
    );
    expect(rated.lines[0]!.amount).toBe("9.50");
  });
});

describe("window pricing: the contract checks", () => {
  const problems = (meter: MeterInput, charge: ChargeInput, layer: Json = {}) => {
    const parsed = safeParseContract(buildContractJson({ meters: [meter], charges: [charge], ...layer }));
    return parsed.success ? [] : [`${parsed.error.code} at ${parsed.error.path}`];
  };
  const unit = { model: "unit", unitPrice: "1" };

  it("needs a meter that adds up its windows", () => {
    const plain = { id: "m", eventType: "e", aggregation: "sum", valueProperty: "v" } as MeterInput;
    expect(problems(plain, charged(unit, { tiers: "each_window" }))).toEqual([
      "invalid_field at charges[0].windows",
    ]);
    expect(
      problems(
        { ...windowed("hour", "max"), aggregation: "max" } as MeterInput,
        charged(unit, { tiers: "each_window" }),
      ),
    ).toEqual(["invalid_field at charges[0].windows"]);
  });

  it("refuses included units, which belong to the window's allowance", () => {
    expect(problems(hourlyMax, charged(unit, { tiers: "each_window" }, { included: "10" }))).toEqual([
      "invalid_field at charges[0].windows",
    ]);
  });

  it("refuses buckets with running_total, and buckets that overlap", () => {
    const bucket = (id: string, from: string, until: string) => ({ id, from, until });
    expect(
      problems(
        hourlyMax,
        charged(unit, { tiers: "running_total", buckets: [bucket("a", "08:00", "20:00")] }),
      ),
    ).toEqual(["invalid_field at charges[0].windows.buckets"]);
    expect(
      problems(
        hourlyMax,
        charged(unit, {
          tiers: "each_window",
          buckets: [bucket("a", "08:00", "20:00"), bucket("b", "19:00", "21:00")],
        }),
      ),
    ).toEqual(["invalid_field at charges[0].windows.buckets[1]"]);
    expect(
      problems(hourlyMax, charged(unit, { tiers: "each_window", buckets: [bucket("a", "08:00", "08:00")] })),
    ).toEqual(["invalid_field at charges[0].windows.buckets[0].until"]);
  });

  it("refuses a commitment with both an amount and a quantity", () => {
    const both = { id: "a", from: "08:00", until: "20:00", commitment: { amount: "5", quantity: "5" } };
    expect(problems(hourlyMax, charged(unit, { tiers: "each_window", buckets: [both] }))).toEqual([
      "invalid_field at charges[0].windows.buckets[0].commitment.amount",
    ]);
  });
});

describe("window pricing under a bounded last tier (aboveLastTier: refuse)", () => {
  it("each_window: prices every window that fits, though the period's total passes the bound", () => {
    // Tiers 0–10 at $0.10, bounded at 10, larger quantities refused. Hour 00: max 9 → 9 × 0.10 = 0.90;
    // hour 01: max 8 → 8 × 0.10 = 0.80; line 0.90 + 0.80 = 1.70. The month's 17 is above 10, but no window
    // is, so nothing is refused (the charge's price is never rated at the period's total).
    const refusing = {
      model: "graduated",
      tiers: [{ upTo: "10", unitPrice: "0.10" }],
      aboveLastTier: "refuse",
    };
    const line = lineOf(hourlyMax, charged(refusing, { tiers: "each_window" }), [
      event("a", "2026-03-01T00:10:00Z", "9"),
      event("b", "2026-03-01T01:10:00Z", "8"),
    ]);
    expect(line).toMatchObject({ quantity: "17", amount: "1.70" });
  });
});

describe("window pricing above a bounded last tier (aboveLastTier: extend)", () => {
  // Tiers 0–10 at $0.10, 10–20 at $0.05, bounded at 20; "extend" prices above 20 at $0.05.
  const bounded = {
    model: "graduated",
    tiers: [
      { upTo: "10", unitPrice: "0.10" },
      { upTo: "20", unitPrice: "0.05" },
    ],
    aboveLastTier: "extend",
  };
  const extendedNotices = (invoice: {
    notices?: ReadonlyArray<{ code: string; details?: unknown }> | undefined;
  }) => (invoice.notices ?? []).filter((notice) => notice.code === "above_last_tier_extended");
  const rate = (windows: Json, events: Json[]) =>
    rateInvoice(
      buildContract(buildContractJson({ meters: [hourlyMax], charges: [charged(bounded, windows)] })),
      events as never,
      "2026-03",
    );

  it("each_window: warns of the largest window above the bound, naming that window", () => {
    // Hour 00: max 9 → 9 × 0.10 = 0.90, within the tiers. Hour 01: max 25 → 10 × 0.10 + 10 × 0.05 +
    // 5 × 0.05 (extended) = 1.00 + 0.50 + 0.25 = 1.75. Hour 02: max 22 → 1.00 + 0.50 + 0.10 = 1.60.
    // Line: 0.90 + 1.75 + 1.60 = 4.25; the warning names hour 01 (25 is 5 above 20), the largest, by
    // its local date and time in the contract's zone (UTC here) as the line's sentences do; the
    // notice's details keep the instant.
    const invoice = rate({ tiers: "each_window" }, [
      event("a", "2026-03-01T00:10:00Z", "9"),
      event("b", "2026-03-01T01:10:00Z", "25"),
      event("c", "2026-03-01T02:10:00Z", "22"),
    ]);
    expect(invoice.lines[0]!.amount).toBe("4.25");
    const notices = extendedNotices(invoice);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.details).toEqual({
      quantity: "25",
      upTo: "20",
      above: "5",
      window: "2026-03-01T01:00:00.000Z",
    });
    expect(invoice.warnings).toEqual([
      "Charge use: the quantity 25 in the window from 2026-03-01 01:00 is 5 above the last tier's upTo of 20; the price says aboveLastTier \"extend\", so those 5 are billed at the last tier's price.",
    ]);
  });

  it("each_window: no warning when every window fits, however large the period's total", () => {
    // Three hours of max 15: 45 in the month, but each window is priced alone and 15 ≤ 20.
    const invoice = rate({ tiers: "each_window" }, [
      event("a", "2026-03-01T00:10:00Z", "15"),
      event("b", "2026-03-01T01:10:00Z", "15"),
      event("c", "2026-03-01T02:10:00Z", "15"),
    ]);
    // each hour: 1.00 + 5 × 0.05 = 1.25; × 3 = 3.75
    expect(invoice.lines[0]!.amount).toBe("3.75");
    expect(extendedNotices(invoice)).toEqual([]);
  });

  it("running_total: warns when the period's running total passes the bound, without a window", () => {
    // Hours of max 9, 9 and 9: running totals 9, 18, 27; the month's 27 is 7 above 20.
    // P(27) = 1.00 + 0.50 + 7 × 0.05 = 1.85 for the line.
    const invoice = rate({ tiers: "running_total" }, [
      event("a", "2026-03-01T00:10:00Z", "9"),
      event("b", "2026-03-01T01:10:00Z", "9"),
      event("c", "2026-03-01T02:10:00Z", "9"),
    ]);
    expect(invoice.lines[0]!.amount).toBe("1.85");
    expect(extendedNotices(invoice).map((notice) => notice.details)).toEqual([
      { quantity: "27", upTo: "20", above: "7" },
    ]);
  });
});
