import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import type { RoundingMode } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, type ChargeInput, type MeterInput, usageEvent } from "../_support/contract.js";

// A quantity that is a quotient which does not end (an average over 3 events, a level held for a third
// of a month) is priced as the fraction it is, and the amount divided once: an amount that ends exactly
// is not rounded from 0.0099…9 or 0.0200…01 (docs/meters.md, "Quotients"). Every expected amount below
// is worked out by hand; each was billed a cent off before the fraction was kept.

const gauge = (fields: Partial<MeterInput> = {}): MeterInput => ({
  id: "gauge",
  eventType: "g",
  aggregation: "avg",
  valueProperty: "v",
  unit: "GB",
  ...fields,
});
const charge = (price: ChargeInput["price"], extra: Partial<ChargeInput> = {}): ChargeInput => ({
  id: "c",
  name: "Gauge",
  meter: "gauge",
  price,
  ...extra,
});
const readings = (...values: ReadonlyArray<string>) =>
  values.map((v, at) =>
    usageEvent(`e${at}`, "g", `2026-02-${String(at + 2).padStart(2, "0")}T00:00:00Z`, { v }),
  );

function lineOf(
  meter: MeterInput,
  price: ChargeInput["price"],
  events: ReturnType<typeof readings>,
  mode: RoundingMode,
  extra: Partial<ChargeInput> = {},
) {
  const contract = buildContract({ meters: [meter], charges: [charge(price, extra)], rounding: { mode } });
  const invoice = rateInvoice(contract, events, "2026-02");
  return invoice.lines.find((line) => line.chargeId === "c")!;
}

describe("a quantity that is a quotient which does not end is priced exactly", () => {
  it("an average of 1, 0 and 0 GB at $0.03, rounded down, is $0.01 (1 × 0.03 ÷ 3), not $0.00", () => {
    const line = lineOf(gauge(), { model: "unit", unitPrice: "0.03" }, readings("1", "0", "0"), "down");
    expect(line.amount).toBe("0.01");
    // The unit step and the rounding step show the amount the division gives, 0.01, not 0.0099…9.
    expect(line.steps.find((step) => step.kind === "unit")).toMatchObject({ amount: "0.01" });
    expect(line.steps.find((step) => step.kind === "rounding")).toMatchObject({ before: "0.01" });
  });

  it("graduated: an average of 32, 0 and 0 GB over 10 at $0.09, then $0.03, rounded up, is $0.92", () => {
    // 32 ÷ 3 = 10 2/3 GB: 10 × 0.09 + 2/3 × 0.03 = 0.90 + 0.02 = 0.92 exactly. At 50 digits the second
    // tier held 0.666…67 GB, 0.0200…01, which rounds up to a cent more: 0.93.
    const tiers = [{ upTo: "10", unitPrice: "0.09" }, { unitPrice: "0.03" }];
    const line = lineOf(gauge(), { model: "graduated", tiers }, readings("32", "0", "0"), "up");
    expect(line.amount).toBe("0.92");
    const second = line.steps.find((step) => step.kind === "tier" && step.tier === 2);
    expect(second).toMatchObject({ amount: "0.02" });
    // The usage step keeps the quantity exactly, and the explanation says it.
    expect(line.steps[0]).toMatchObject({ kind: "usage", fraction: { numerator: "32", denominator: "3" } });
  });

  it("volume: an average of 4, 0 and 0 GB at $0.75 past 1 GB, rounded down, is $1.00 (4 × 0.75 ÷ 3)", () => {
    const tiers = [{ upTo: "1", unitPrice: "0.90" }, { unitPrice: "0.75" }];
    const line = lineOf(gauge(), { model: "volume", tiers }, readings("4", "0", "0"), "down");
    expect(line.amount).toBe("1.00");
  });

  it("tiered_with_minimum: 10⅔ GB over 10 at $0.09, then $0.03 with a $0.92 minimum, rounded up, is $0.92", () => {
    // The graduated amount is 0.90 + 0.02 = 0.92 exactly (as above), not below tier 2's minimum of 0.92,
    // so no top-up. At 50 digits it was 0.9200…01, which rounds up to 0.93.
    const tiers = [
      { upTo: "10", unitPrice: "0.09" },
      { unitPrice: "0.03", minimum: "0.92" },
    ];
    const line = lineOf(gauge(), { model: "tiered_with_minimum", tiers }, readings("32", "0", "0"), "up");
    expect(line.amount).toBe("0.92");
    // With a minimum of 1.00 the line is topped up by 1.00 − 0.92 = 0.08, to 1.00.
    const topped = lineOf(
      gauge(),
      { model: "tiered_with_minimum", tiers: [tiers[0]!, { ...tiers[1]!, minimum: "1.00" }] },
      readings("32", "0", "0"),
      "up",
    );
    expect(topped.amount).toBe("1.00");
    expect(topped.steps.find((step) => step.kind === "tier_minimum")).toMatchObject({
      before: "0.92",
      amount: "0.08",
    });
  });

  it("graduated_percentage: an average payment of $1, $0 and $0 at 3 %, rounded down, is $0.01", () => {
    // 1/3 × 3 % = 1 × 0.03 ÷ 3 = 0.01 exactly; at 50 digits 0.333…3 × 0.03 = 0.0099…9, down to 0.00.
    const tiers = [{ upTo: "1000", percent: "3" }, { percent: "1" }];
    const line = lineOf(gauge(), { model: "graduated_percentage", tiers }, readings("1", "0", "0"), "down");
    expect(line.amount).toBe("0.01");
  });

  it("dynamic: the average of amounts $1, $0 and $0 with a 0.03 multiplier, rounded down, is $0.01", () => {
    // 1/3 × 0.03 = 1 × 0.03 ÷ 3 = 0.01 exactly; at 50 digits 0.0099…9, down to 0.00.
    const line = lineOf(gauge(), { model: "dynamic", multiplier: "0.03" }, readings("1", "0", "0"), "down");
    expect(line.amount).toBe("0.01");
    expect(line.steps.find((step) => step.kind === "dynamic")).toMatchObject({ amount: "0.01" });
  });

  it("after the charge's included GB and a divideBy that ends: (4/3 − 1) ÷ 2 GB at $0.06 is $0.01", () => {
    // avg of 4, 0, 0 = 4/3 GB; minus 1 GB included = 1/3; ÷ 2 = 1/6; × $0.06 = $0.01 exactly, down.
    // At 50 digits: 0.333…33 ÷ 2 = 0.1666…665, × 0.06 = 0.0099…99, down to $0.00.
    const line = lineOf(gauge(), { model: "unit", unitPrice: "0.06" }, readings("4", "0", "0"), "down", {
      included: "1",
      transform: { divideBy: "2" },
    });
    expect(line.amount).toBe("0.01");
  });

  it("an included allowance larger than the fraction leaves nothing: 1/3 GB less 1 GB is 0 GB, $0.00", () => {
    const line = lineOf(gauge(), { model: "unit", unitPrice: "0.03" }, readings("1", "0", "0"), "up", {
      included: "1",
    });
    expect(line.quantity).toBe("0");
    expect(line.amount).toBe("0.00");
  });

  it("a time-weighted level held for a third of February (9 days 8 hours of 28) at $0.03 is $0.01", () => {
    // 1 GB from 1 February 00:00 to 10 February 08:00: 806,400 s of the month's 2,419,200 s = 1/3 GB-month.
    const meter = gauge({ aggregation: "weighted_sum", unit: "GB-month" });
    const events = [
      usageEvent("on", "g", "2026-02-01T00:00:00Z", { v: "1" }),
      usageEvent("off", "g", "2026-02-10T08:00:00Z", { v: "0" }),
    ];
    const line = lineOf(meter, { model: "unit", unitPrice: "0.03" }, events, "floor");
    expect(line.amount).toBe("0.01");
    // 1 GB × 806,400,000 ms ÷ 2,419,200,000 ms, in lowest terms.
    expect(line.steps[0]).toMatchObject({ fraction: { numerator: "1", denominator: "3" } });
  });

  it("two entities' averages, 1/3 GB each, add up to 2/3 GB: $0.01 at $0.015, rounded down", () => {
    // 2/3 × 0.015 = 0.01 exactly. At 50 digits 0.333…3 + 0.333…3 = 0.666…6, × 0.015 = 0.0099…99.
    const meter = gauge({ entity: { property: "disk" } });
    const events = ["a", "b"].flatMap((disk) =>
      ["1", "0", "0"].map((v, at) =>
        usageEvent(`${disk}${at}`, "g", `2026-02-0${at + 2}T00:00:00Z`, { v, disk }),
      ),
    );
    const line = lineOf(meter, { model: "unit", unitPrice: "0.015" }, events, "down");
    expect(line.amount).toBe("0.01");
  });

  it("an average of the daily maxima of 3 days with events (empty days skipped): 1/3 GB at $0.03 is $0.01", () => {
    // Maxima 1, 0 and 0 GB on 2, 3 and 4 February; the other 25 days have no event and are left out.
    const meter = gauge({ window: { size: "day", aggregation: "max", emptyWindows: "skip" } });
    const line = lineOf(meter, { model: "unit", unitPrice: "0.03" }, readings("1", "0", "0"), "down");
    expect(line.amount).toBe("0.01");
  });

  it("the 100th percentile of 5-minute rates per second: 250,000 bytes ÷ 300 s in Mbps at $1.50 is $0.01", () => {
    // One window of 250,000 bytes: 250,000 ÷ 300 = 833⅓ bytes/s; ÷ 125,000 (bytes/s in a Mbit/s)
    // = 1/150 Mbit/s; × $1.50 = $0.01 exactly, rounded down. At 50 digits: 833.33…3 ÷ 125,000 × 1.5 =
    // 0.0099…99, down to $0.00.
    const meter = gauge({
      aggregation: "percentile",
      window: { size: "5m", aggregation: "sum", perSecond: true },
      percentile: { rank: "100" },
    });
    const line = lineOf(
      meter,
      { model: "unit", unitPrice: "1.50" },
      [usageEvent("burst", "g", "2026-02-14T12:01:00Z", { v: "250000" })],
      "down",
      { transform: { divideBy: "125000" } },
    );
    expect(line.amount).toBe("0.01");
  });

  it("the sum of two 5-minute rates per second (1 byte ÷ 300 s each) at $1.50 a byte/s is $0.01", () => {
    // 1 ÷ 300 + 1 ÷ 300 = 1/150 byte/s; × $1.50 = $0.01, rounded down. At 50 digits 0.00333…3 + 0.00333…3
    // = 0.00666…6, × 1.5 = 0.0099…9, down to $0.00.
    const meter = gauge({ aggregation: "sum", window: { size: "5m", aggregation: "sum", perSecond: true } });
    const events = [
      usageEvent("one", "g", "2026-02-14T12:01:00Z", { v: "1" }),
      usageEvent("two", "g", "2026-02-14T12:06:00Z", { v: "1" }),
    ];
    const line = lineOf(meter, { model: "unit", unitPrice: "1.50" }, events, "down");
    expect(line.amount).toBe("0.01");
  });

  it("a free allowance per window off an hour's average: (1/3 − 1/4) GB at $0.12, rounded down, is $0.01", () => {
    // The hour from 12:00 averages 1, 0 and 0 GB: 1/3 GB; 0.25 GB of it is free, so 1/3 − 1/4 = 1/12 GB
    // is billed; × $0.12 = $0.01 exactly. At 50 digits the window was 0.333…33 − 0.25 = 0.0833…33 GB,
    // priced 0.00999…96, which rounds down to $0.00.
    const meter = gauge({
      aggregation: "sum",
      window: { size: "hour", aggregation: "avg", allowance: "0.25" },
    });
    const events = ["1", "0", "0"].map((v, at) =>
      usageEvent(`h${at}`, "g", `2026-02-14T12:0${at}:00Z`, { v }),
    );
    const line = lineOf(meter, { model: "unit", unitPrice: "0.12" }, events, "down");
    expect(line.amount).toBe("0.01");
    expect(line.steps[0]).toMatchObject({ kind: "usage", fraction: { numerator: "1", denominator: "12" } });
  });

  it("a free allowance per window off two rates per second: 2 × (1/300 − 1/500) byte/s at $3.75 is $0.01", () => {
    // Each 5-minute window: 1 byte ÷ 300 s = 1/300 byte/s, less 0.002 = 1/500 free: 2/1,500 = 1/750
    // byte/s. Two windows: 2/750 = 1/375 byte/s; × $3.75 = $0.01 exactly, rounded down. At 50 digits each
    // window was 0.00333…33 − 0.002 = 0.00133…33, the two 0.00266…66, priced 0.00999…97: $0.00.
    const meter = gauge({
      aggregation: "sum",
      window: { size: "5m", aggregation: "sum", perSecond: true, allowance: "0.002" },
    });
    const events = [
      usageEvent("one", "g", "2026-02-14T12:01:00Z", { v: "1" }),
      usageEvent("two", "g", "2026-02-14T12:06:00Z", { v: "1" }),
    ];
    const line = lineOf(meter, { model: "unit", unitPrice: "3.75" }, events, "down");
    expect(line.amount).toBe("0.01");
    expect(line.steps[0]).toMatchObject({ kind: "usage", fraction: { numerator: "1", denominator: "375" } });
  });

  it("an allowance pool of 0.25 GB drawn from an average of 1/3 GB leaves 1/12 GB: $0.01 at $0.12, rounded down", () => {
    // 1/3 − 1/4 = 1/12 GB; × $0.12 = $0.01 exactly. At 50 digits 0.333…33 − 0.25 = 0.0833…33, priced
    // 0.00999…96: $0.00.
    const contract = buildContract({
      meters: [gauge()],
      charges: [charge({ model: "unit", unitPrice: "0.12" })],
      allowances: [{ id: "free", name: "Free storage", quantity: "0.25", charges: ["c"] }],
      rounding: { mode: "down" },
    });
    const invoice = rateInvoice(contract, readings("1", "0", "0"), "2026-02");
    const line = invoice.lines.find((entry) => entry.chargeId === "c")!;
    expect(line.amount).toBe("0.01");
    expect(line.steps.find((step) => step.kind === "allowance")).toMatchObject({ drawn: "0.25" });
    // A pool that covers the whole average leaves nothing to price: 1/3 GB out of 1 GB, $0.00.
    const covering = buildContract({
      meters: [gauge()],
      charges: [charge({ model: "unit", unitPrice: "0.12" })],
      allowances: [{ id: "free", name: "Free storage", quantity: "1", charges: ["c"] }],
      rounding: { mode: "up" },
    });
    const covered = rateInvoice(covering, readings("1", "0", "0"), "2026-02").lines.find(
      (entry) => entry.chargeId === "c",
    )!;
    expect([covered.quantity, covered.amount]).toEqual(["0", "0.00"]);
  });

  it("a pool's rest after a line of 1/3 GB is 2/3 GB: the next line of 1 GB bills 1/3 GB, $0.01 at $0.03 rounded down", () => {
    // Pool 1 GB on [a, b]; a averages 1, 0 and 0 GB = 1/3 GB and draws all of it, leaving 2/3 GB; b
    // averages 1 GB and draws the 2/3, billing 1 − 2/3 = 1/3 GB × $0.03 = $0.01 exactly. At 50 digits
    // the pool kept 0.666…67, b billed 0.333…33 GB, priced 0.00999…99, which rounds down to $0.00.
    const meterOf = (id: string, eventType: string) => gauge({ id, eventType });
    const contract = buildContract({
      meters: [meterOf("ga", "a"), meterOf("gb", "b")],
      charges: [
        charge({ model: "unit", unitPrice: "0.03" }, { id: "a", meter: "ga" }),
        charge({ model: "unit", unitPrice: "0.03" }, { id: "b", meter: "gb" }),
      ],
      allowances: [{ id: "free", name: "Free storage", quantity: "1", charges: ["a", "b"] }],
      rounding: { mode: "down" },
    });
    const reading = (id: string, type: string, day: number, v: string) =>
      usageEvent(id, type, `2026-02-${String(day).padStart(2, "0")}T00:00:00Z`, { v });
    const events = [
      reading("a1", "a", 2, "1"),
      reading("a2", "a", 3, "0"),
      reading("a3", "a", 4, "0"),
      reading("b1", "b", 2, "1"),
    ];
    const invoice = rateInvoice(contract, events, "2026-02");
    const line = (id: string) => invoice.lines.find((entry) => entry.chargeId === id)!;
    expect([line("a").quantity, line("a").amount]).toEqual(["0", "0.00"]);
    expect(line("b").amount).toBe("0.01");
    expect(line("b").steps[0]).toMatchObject({ kind: "usage", quantity: "1" });
  });

  it("a pool draws what the transform left of a fraction, not the usage step's fraction: 1/3 − 1/4 GB, all of it", () => {
    // The average is 1/3 GB; 0.25 GB of it is included (a transform), so 1/12 GB is billable, and a
    // 1 GB pool takes all of it: quantity 0, $0.00. Drawing the usage step's 1/3 GB would take more
    // than the line bills. The pool shows the 1/12 drawn at 50 significant digits: 8 and 49 threes.
    const contract = buildContract({
      meters: [gauge()],
      charges: [charge({ model: "unit", unitPrice: "0.12" }, { transform: { included: "0.25" } })],
      allowances: [{ id: "free", name: "Free storage", quantity: "1", charges: ["c"] }],
    });
    const invoice = rateInvoice(contract, readings("1", "0", "0"), "2026-02");
    const line = invoice.lines.find((entry) => entry.chargeId === "c")!;
    expect([line.quantity, line.amount]).toEqual(["0", "0.00"]);
    expect(invoice.allowances?.[0]?.drawn).toEqual([
      { line: "c", quantity: "0.083333333333333333333333333333333333333333333333333" },
    ]);
  });

  it("windows whose fractions add up to a quotient that ends: 1 ÷ 300 + 2 ÷ 300 = 0.01, no fraction", () => {
    const meter = gauge({ aggregation: "sum", window: { size: "5m", aggregation: "sum", perSecond: true } });
    const events = [
      usageEvent("one", "g", "2026-02-14T12:01:00Z", { v: "1" }),
      usageEvent("two", "g", "2026-02-14T12:06:00Z", { v: "2" }),
    ];
    const line = lineOf(meter, { model: "unit", unitPrice: "1" }, events, "down");
    expect(line.steps[0]).toMatchObject({ kind: "usage", quantity: "0.01" });
    expect(line.steps[0]).not.toHaveProperty("fraction");
  });

  it.each([
    // Each window: 1 byte ÷ 300 s = 1/300 byte/s, × $3 = $0.01 exactly; two windows, $0.02, whether
    // added and rounded down once or settled window by window. At 50 digits each window was
    // 0.0099…99: added, 0.0199…98, down to $0.01; settled, $0.00 + $0.00.
    ["line", "0.02"],
    ["each_window", "0.02"],
  ] as const)(
    "window pricing of two 5-minute rates per second at 3.00 a byte/s (rounding %s, down): %s",
    (rounding, amount) => {
      const meter = gauge({
        aggregation: "sum",
        window: { size: "5m", aggregation: "sum", perSecond: true },
      });
      const events = [
        usageEvent("one", "g", "2026-02-14T12:01:00Z", { v: "1" }),
        usageEvent("two", "g", "2026-02-14T12:06:00Z", { v: "1" }),
      ];
      const line = lineOf(meter, { model: "unit", unitPrice: "3" }, events, "down", {
        windows: { tiers: "each_window", rounding },
      });
      expect(line.amount).toBe(amount);
    },
  );

  it("window pricing against the running total of rates per second: 2/300 byte/s at $1.50 is $0.01", () => {
    // Windows 1/300 and 1/300: P(1/300) = 0.005, then P(2/300) − P(1/300) = 0.01 − 0.005 = 0.005; the
    // line is P(2/300) = $0.01 exactly, rounded down.
    const meter = gauge({ aggregation: "sum", window: { size: "5m", aggregation: "sum", perSecond: true } });
    const events = [
      usageEvent("one", "g", "2026-02-14T12:01:00Z", { v: "1" }),
      usageEvent("two", "g", "2026-02-14T12:06:00Z", { v: "1" }),
    ];
    const line = lineOf(meter, { model: "unit", unitPrice: "1.50" }, events, "down", {
      windows: { tiers: "running_total" },
    });
    expect(line.amount).toBe("0.01");
  });

  it("grouped: each project's average is its own fraction (1/3 GB and 2/3 GB at $0.03: $0.01 and $0.02)", () => {
    // Project a reads 1, 0, 0 GB (1/3); project b reads 2, 0, 0 GB (2/3): 0.01 and 0.02 exactly, down.
    const events = [
      ...["1", "0", "0"].map((v, at) =>
        usageEvent(`a${at}`, "g", `2026-02-0${at + 2}T00:00:00Z`, { v, project: "a" }),
      ),
      ...["2", "0", "0"].map((v, at) =>
        usageEvent(`b${at}`, "g", `2026-02-0${at + 2}T00:00:00Z`, { v, project: "b" }),
      ),
    ];
    const contract = buildContract({
      meters: [gauge()],
      charges: [
        charge({ model: "grouped", groupBy: ["project"], price: { model: "unit", unitPrice: "0.03" } }),
      ],
      rounding: { mode: "down" },
    });
    const amounts = rateInvoice(contract, events, "2026-02").lines.map((line) => [line.id, line.amount]);
    expect(amounts).toEqual([
      ['c[project="a"]', "0.01"],
      ['c[project="b"]', "0.02"],
    ]);
  });

  it("explains a fractional quantity as the division it is, and writes no fraction for one that ends", () => {
    const contract = buildContract({
      meters: [gauge()],
      charges: [charge({ model: "unit", unitPrice: "0.03" })],
      rounding: { mode: "down" },
    });
    const thirds = explainText(rateInvoice(contract, readings("1", "0", "0"), "2026-02"));
    expect(thirds).toContain("GB from 3 events (exactly 1 ÷ 3).");
    // 1 + 0 + 0 + 0 over 4 events is 0.25, which ends: no fraction, no "exactly".
    const quarter = rateInvoice(contract, readings("1", "0", "0", "0"), "2026-02").lines[0]!;
    expect(quarter.steps[0]).not.toHaveProperty("fraction");
    expect(explainText(rateInvoice(contract, readings("1", "0", "0", "0"), "2026-02"))).toContain(
      "0.25 GB from 4 events. ",
    );
  });

  it("a quotient that is not on a cent rounds as before: 1/3 GB at $0.05 is 0.01666…, down to $0.01", () => {
    const line = lineOf(gauge(), { model: "unit", unitPrice: "0.05" }, readings("1", "0", "0"), "down");
    expect(line.amount).toBe("0.01");
    const ceiling = lineOf(gauge(), { model: "unit", unitPrice: "0.05" }, readings("1", "0", "0"), "ceiling");
    expect(ceiling.amount).toBe("0.02");
  });
});
