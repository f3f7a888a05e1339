import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { type MeterTerms, meterSchema } from "../../src/schema/index.js";
import { aggregateFor, EVENT_TYPE, usageEvent } from "../_arbitraries/meters.js";
import { buildContract, buildContractJson } from "../_support/contract.js";

const MARCH_UTC = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };
const hour = (h: number, minute = 0) => Date.UTC(2026, 2, 1, h, minute);

// GitHub Actions: "Cache storage usage is measured by the peak usage for each hour. Included usage is
// 10 GB per repository. For a given hour, if a repository has a peak cache usage of 15 GB, then the
// repository owner will be charged for the 5 GB of usage above the 10 GB included for that hour."
const cache = (allowance?: string): MeterTerms => ({
  id: "cache",
  eventType: EVENT_TYPE,
  aggregation: "sum",
  valueProperty: "gb",
  unit: "GB-hours",
  window: {
    size: "hour",
    aggregation: "max",
    ...(allowance === undefined ? {} : { allowance: new Decimal(allowance) }),
  },
});

// 14:00–15:00 peaks at 15 GB (readings 9 and 15), 15:00–16:00 at 8 GB, 16:00–17:00 at 12 GB.
const readings = [
  usageEvent("a", hour(14, 5), { gb: "9" }),
  usageEvent("b", hour(14, 40), { gb: "15" }),
  usageEvent("c", hour(15, 10), { gb: "8" }),
  usageEvent("d", hour(16, 30), { gb: "12" }),
];

describe("window.allowance: a free allowance in every window", () => {
  it("bills GitHub's hour with a 15 GB peak for the 5 GB above the 10 GB included", () => {
    const result = aggregateFor([cache("10")], [readings[1]!], MARCH_UTC);
    // max(0, 15 − 10) = 5 GB for that hour; every other hour is empty (0 − 10 → 0)
    expect(result.meters[0]!.quantity.toFixed()).toBe("5");
  });

  it("sums max(0, peak − 10) over the hours: 5 + 0 + 2 = 7 GB-hours", () => {
    const result = aggregateFor([cache("10")], readings, MARCH_UTC);
    // 14:00 peak 15 → 5; 15:00 peak 8 → 0; 16:00 peak 12 → 2; Σ = 7
    expect(result.meters[0]!.quantity.toFixed()).toBe("7");
    expect(result.meters[0]!.computation).toMatchObject({
      kind: "windows",
      windows: 744,
      allowance: {
        perWindow: "10",
        // 10 (of 15) + 8 + 10 (of 12) covered; the 741 empty hours count 0
        free: "28",
        above: [
          { start: "2026-03-01T14:00:00.000Z", value: "15", billable: "5" },
          { start: "2026-03-01T16:00:00.000Z", value: "12", billable: "2" },
        ],
      },
    });
    // without the allowance the same hours sum to 15 + 8 + 12 = 35
    expect(aggregateFor([cache()], readings, MARCH_UTC).meters[0]!.quantity.toFixed()).toBe("35");
  });

  it("lists no window whose value is exactly the allowance: 10 GB with 10 GB free bills 0", () => {
    const atAllowance = [usageEvent("x", hour(9), { gb: "10" }), usageEvent("y", hour(10), { gb: "10.5" })];
    const result = aggregateFor([cache("10")], atAllowance, MARCH_UTC);
    // 09:00 peak 10 → 0 (not above), 10:00 peak 10.5 → 0.5; free 10 + 10 = 20
    expect(result.meters[0]!.quantity.toFixed()).toBe("0.5");
    expect(result.meters[0]!.computation).toMatchObject({
      allowance: {
        perWindow: "10",
        free: "20",
        above: [{ start: "2026-03-01T10:00:00.000Z", value: "10.5", billable: "0.5" }],
      },
    });
  });

  it("gives Cosmos DB's free 1,000 RU/s in each hour: 1,400 and 800 RU/s bill 400 RU/s-hours", () => {
    // Azure Cosmos DB free tier: the first 1,000 RU/s free, billed per hour on the hour's highest RU/s.
    const throughput: MeterTerms = {
      ...cache("1000"),
      id: "ru",
      valueProperty: "rus",
    };
    const events = [usageEvent("r1", hour(0), { rus: "1400" }), usageEvent("r2", hour(1), { rus: "800" })];
    // hour 0: 1,400 − 1,000 = 400; hour 1: 800 − 1,000 → 0; Σ = 400
    expect(aggregateFor([throughput], events, MARCH_UTC).meters[0]!.quantity.toFixed()).toBe("400");
  });

  it("says in the explanation which windows went above the allowance and by how much", () => {
    const contract = buildContract(
      buildContractJson({
        meters: [
          {
            id: "cache",
            eventType: "cache",
            aggregation: "sum",
            valueProperty: "gb",
            unit: "GB-hours",
            window: { size: "hour", aggregation: "max", allowance: "10" },
          },
        ],
        charges: [
          {
            id: "cache",
            name: "Actions cache",
            meter: "cache",
            price: { model: "unit", unitPrice: "0.0001" },
          },
        ],
      }),
    );
    const events = readings.map((event) => ({
      ...event,
      type: "cache",
      customer: contract.customer.id,
      timestamp: new Date(event.timestamp).toISOString(),
    }));
    const text = explainText(rateInvoice(contract, events, "2026-03"));
    expect(text).toContain("10 free in each window: 2 windows above it");
    expect(text).toContain("the window from 2026-03-01 14:00: 15 − 10 free = 5");
    expect(text).toContain("28 covered by the allowance in all");
  });

  it("counts nothing as covered in a window whose value is below zero", () => {
    // 14:00 peak 15 GB, 15:00 a window whose value is −5 (a reading below zero, as a derived value can
    // give). With 10 free: 14:00 bills 15 − 10 = 5 and the allowance covers 10; 15:00 bills max(0, −5 −
    // 10) = 0 and the allowance covers nothing (it is not used by a window below zero). Covered in all:
    // 10, not 10 + (−5) = 5 (as it said until 6 December 2026).
    const below = [usageEvent("a", hour(14), { gb: "15" }), usageEvent("b", hour(15), { gb: "-5" })];
    const result = aggregateFor([cache("10")], below, MARCH_UTC);
    expect(result.meters[0]!.quantity.toFixed()).toBe("5");
    expect(result.meters[0]!.computation).toMatchObject({ allowance: { perWindow: "10", free: "10" } });
  });

  it("says 0 covered when an allowance of 0 only lifts windows below zero to 0 (Datadog containers)", () => {
    // Datadog's containers beyond 5 per host, hour by hour: containers + hosts × (−5), an allowance of 0
    // per hour so an hour under its allotment bills 0. 14:00: 130 − 100 = 30; 15:00: 90 − 100 = −10.
    // Billed 30 + 0 = 30; covered by the allowance 0 + 0 = 0 (it said −10).
    const overAllotment: MeterTerms = meterSchema.parse({
      id: "containers_over",
      eventType: EVENT_TYPE,
      aggregation: "sum",
      unit: "container-hours",
      value: { add: [{ property: "containers" }, { multiply: [{ property: "hosts" }, { constant: "-5" }] }] },
      window: { size: "hour", aggregation: "max", allowance: "0" },
    });
    const hours = [
      usageEvent("h14", hour(14), { hosts: 20, containers: 130 }),
      usageEvent("h15", hour(15), { hosts: 20, containers: 90 }),
    ];
    const result = aggregateFor([overAllotment], hours, MARCH_UTC);
    expect(result.meters[0]!.quantity.toFixed()).toBe("30");
    expect(result.meters[0]!.computation).toMatchObject({
      allowance: {
        perWindow: "0",
        free: "0",
        above: [{ start: "2026-03-01T14:00:00.000Z", value: "30", billable: "30" }],
      },
    });
  });

  it("names each window above the allowance by its local start in the invoice's zone", () => {
    // Datadog's containers beyond 5 per host in New York, March 2026. The hour from 07:00Z on 8 March
    // is 03:00 EDT, the first hour after the clocks jump; 130 containers − 5 × 20 hosts = 30 above 0.
    // The sentence read "the window from 2026-03-08T07:00:00.000Z", the stored UTC instant, in an
    // invoice whose period and lines read New York dates; a day window starts at local midnight.
    const contract = buildContract(
      buildContractJson({
        timeZone: "America/New_York",
        meters: [
          {
            id: "over",
            eventType: "dd.hour",
            aggregation: "sum",
            unit: "container-hours",
            value: {
              add: [{ property: "containers" }, { multiply: [{ property: "hosts" }, { constant: "-5" }] }],
            },
            window: { size: "hour", aggregation: "max", allowance: "0" },
          },
          {
            id: "downloads",
            eventType: "download",
            aggregation: "sum",
            valueProperty: "gb",
            unit: "GB",
            window: { size: "day", aggregation: "sum", allowance: "1" },
          },
        ],
        charges: [
          {
            id: "containers",
            name: "Containers",
            meter: "over",
            price: { model: "unit", unitPrice: "0.002" },
          },
          {
            id: "downloads",
            name: "Downloads",
            meter: "downloads",
            price: { model: "unit", unitPrice: "0.01" },
          },
        ],
      }),
    );
    const at = (id: string, type: string, timestamp: string, properties: Record<string, number>) => ({
      id,
      type,
      customer: contract.customer.id,
      timestamp,
      properties,
    });
    const text = explainText(
      rateInvoice(
        contract,
        [
          at("h", "dd.hour", "2026-03-08T07:30:00Z", { hosts: 20, containers: 130 }),
          // 9 March in New York (EDT, UTC−4) begins at 04:00Z; 3 GB − 1 free = 2
          at("d", "download", "2026-03-09T05:00:00Z", { gb: 3 }),
        ],
        "2026-03",
      ),
    );
    // An allowance of 0 frees nothing: it only counts an hour below its allotment as 0. The sentence read
    // "0 free in each window: 1 window above it (… 30 − 0 free = 30); 0 covered by the allowance in all".
    expect(text).toContain(
      "Each window counts only above 0: 1 window above 0 (the window from 2026-03-08 03:00: 30).",
    );
    expect(text).not.toContain("0 free");
    expect(text).not.toContain("0 covered by the allowance");
    expect(text).toContain("(the window from 2026-03-09: 3 − 1 free = 2)");
  });

  it("refuses an allowance per window on a percentile meter", () => {
    const result = meterSchema.safeParse({
      id: "p95",
      eventType: "transit",
      aggregation: "percentile",
      valueProperty: "bytes",
      percentile: { rank: 95 },
      window: { size: "5m", aggregation: "sum", allowance: "10" },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["window", "allowance"]);
  });
});
