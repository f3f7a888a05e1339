import { describe, expect, it } from "vitest";
import { explainText, parseContract, rateInvoice, type UsageEventInput } from "../../src/index.js";

// Distinct values per window (`window.aggregation: "unique_count"`), Datadog's two ways of billing what it
// "meters … hourly" (https://docs.datadoghq.com/account_management/billing/): custom metrics, "the
// total of all distinct custom metrics for each hour in a given month, … divid[ed] by the number of
// hours in the month" (the `avg` of hourly distinct counts), and hosts, "the maximum count (high-water
// mark) of the lower 99 percent of usage for those hours" (the 99th `percentile` of them).

const HOUR = 3_600_000;
const FEBRUARY = Date.UTC(2026, 1, 1); // 672 hours: 28 × 24
const at = (hour: number, minute = 0) => new Date(FEBRUARY + hour * HOUR + minute * 60_000).toISOString();

const contractJson = (meter: object, price: object) => ({
  schemaVersion: 1,
  id: "ctr_dd",
  customer: { id: "cus_dd", name: "Datadog customer" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly", alignment: "calendar" },
  term: { start: "2026-01-01" },
  meters: [{ id: "m", eventType: "dd.point", ...meter }],
  charges: [{ id: "c", name: "Charge", meter: "m", price }],
});
const contractWith = (meter: object, unitPrice: string) =>
  parseContract(contractJson(meter, { model: "unit", unitPrice }));

const point = (id: string, hour: number, minute: number, value: string): UsageEventInput => ({
  id,
  type: "dd.point",
  customer: "cus_dd",
  timestamp: at(hour, minute),
  properties: { series: value, host: value },
});

describe("windows that count distinct values", () => {
  it("averages the distinct custom metrics of each hour over the month's hours (Datadog custom metrics)", () => {
    const contract = contractWith(
      {
        aggregation: "avg",
        valueProperty: "series",
        unit: "custom metrics",
        window: { size: "hour", aggregation: "unique_count" },
      },
      "0.05",
    );
    // 40 series report twice an hour all month (the second point of an hour is the same series: it counts
    // once); 10 more report for the first 72 hours only.
    const events: UsageEventInput[] = [];
    for (let hour = 0; hour < 672; hour += 1)
      for (let series = 0; series < (hour < 72 ? 50 : 40); series += 1) {
        events.push(point(`p${hour}_${series}a`, hour, 5, `latency|host:${series}`));
        events.push(point(`p${hour}_${series}b`, hour, 35, `latency|host:${series}`));
      }
    const invoice = rateInvoice(contract, events, "2026-02");
    // Series-hours: 40 × 672 + 10 × 72 = 26,880 + 720 = 27,600; ÷ 672 hours = 41.0714285714… (575 ÷ 14,
    // which does not end). × $0.05 = $2.0535714… → $2.05.
    const line = invoice.lines[0]!;
    expect(line.quantity.startsWith("41.07142857142857")).toBe(true);
    expect(line.amount).toBe("2.05");
    expect(invoice.usage.eventsCounted).toBe(2 * 27_600);
    expect(explainText(invoice)).toContain(
      "The quantity is the avg of 672 hourly windows, each the number of distinct values among its events.",
    );
  });

  const hostsContract = (percentile: object) =>
    contractWith(
      {
        aggregation: "percentile",
        valueProperty: "host",
        unit: "hosts",
        window: { size: "hour", aggregation: "unique_count" },
        percentile,
      },
      "18",
    );
  // Hosts heard each hour: 9 in 6 hours (a spike), 5 in hour 300, 2 in every other hour. Each host beats
  // every 20 minutes (3 events an hour, one host).
  const hostsIn = (hour: number) => ([10, 11, 12, 100, 200, 671].includes(hour) ? 9 : hour === 300 ? 5 : 2);
  const heartbeats = (): UsageEventInput[] => {
    const events: UsageEventInput[] = [];
    for (let hour = 0; hour < 672; hour += 1)
      for (let host = 0; host < hostsIn(hour); host += 1)
        for (const minute of [0, 20, 40])
          events.push(point(`h${hour}_${host}_${minute}`, hour, minute, `i-${host}`));
    return events;
  };

  it("bills the 99th percentile of the hosts seen each hour, from one heartbeat per host (Datadog hosts)", () => {
    const invoice = rateInvoice(hostsContract({ rank: "99" }), heartbeats(), "2026-02");
    // 672 hourly samples; 1 % of 672 = 6.72, rounded down: 6 discarded (the six 9-host hours). The highest
    // remaining is hour 300: 5 hosts × $18 = $90.00.
    expect([invoice.lines[0]!.quantity, invoice.lines[0]!.amount]).toEqual(["5", "90.00"]);
    expect(explainText(invoice)).toContain(
      "The 99th percentile of 672 hourly samples (the number of distinct values in each): the top 6 discarded",
    );
  });

  it("bills Datadog's eighth highest February hour when the top 1 % is rounded up (discard: ceil)", () => {
    // Datadog ranks the hourly counts and bills "the ninth highest measurement", "the eighth highest" in
    // February (docs.datadoghq.com/account_management/billing/apm_tracing_profiler/): 1 % of 672 = 6.72,
    // rounded up, 7 discarded (the six 9-host hours and hour 300's 5); the 8th highest is an ordinary
    // hour: 2 hosts × $18 = $36.00, where the default floor bills hour 300's 5 hosts.
    const invoice = rateInvoice(hostsContract({ rank: "99", discard: "ceil" }), heartbeats(), "2026-02");
    expect([invoice.lines[0]!.quantity, invoice.lines[0]!.amount]).toEqual(["2", "36.00"]);
    expect(explainText(invoice)).toContain("the top 7 discarded (1% of 672, rounded up)");
  });

  it("refuses a derived value and a percentage price on such a meter, saying why", () => {
    const meter = { aggregation: "max", window: { size: "hour", aggregation: "unique_count" } };
    expect(() => contractWith({ ...meter, value: { property: "host" } }, "1")).toThrow(
      "a meter that counts the distinct values of each window cannot take a derived value",
    );
    // A percentage prices each event's amount: a host name is none.
    expect(() =>
      parseContract(contractJson({ ...meter, valueProperty: "host" }, { model: "percentage", percent: "2" })),
    ).toThrow(
      'meter "m" counts the distinct values of each hour window, then takes the max of those counts: its values are identities, not amounts',
    );
  });
});
