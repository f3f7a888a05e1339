import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { explainLine } from "../../src/explain/index.js";
import { type Invoice, rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  buildContractJson,
  type ChargeInput,
  type MeterInput,
  sumMeter,
  unitCharge,
  usageEvent,
} from "../_support/contract.js";

// A charge whose meter is a level (max, min, latest, avg, percentile, or a windowed meter whose outer
// aggregation is one of those) and whose terms change inside the period: each piece bills its own
// level, priced by that piece's terms, for the piece's share of the service period. Until 5 December
// 2026 each piece billed its level as if it had held for the whole period (300.00 for the transit below).

const repriced = (charge: ChargeInput, effective: string, price: ChargeInput["price"]) => ({
  id: `reprice-${effective}`,
  effective,
  charges: [{ ...charge, price }],
});

function rateMarch(
  meter: MeterInput,
  charge: ChargeInput,
  newPrice: ChargeInput["price"],
  events: ReadonlyArray<ReturnType<typeof usageEvent>>,
  extra: Partial<ContractInput> = {},
): Invoice {
  const contract = buildContract(
    buildContractJson({ id: "ctr_levels", meters: [meter], charges: [charge], ...extra }),
    {
      amendments: [repriced(charge, "2026-03-17", newPrice)],
    },
  );
  return rateInvoice(contract, events, "2026-03");
}

const amounts = (invoice: Invoice) => invoice.lines.map((line) => [line.id, line.quantity, line.amount]);
const at = (day: number, hour = 12) =>
  `2026-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`;

describe("a level priced per piece of an amended period", () => {
  it("bills steady 95th-percentile transit for 16 and 15 of March's 31 days, not twice", () => {
    // 100 Mbit/s all month: one event per hourly window of 100 × 3,600 = 360,000 megabits, so every
    // sample is 100 Mbit/s and each piece's 95th percentile is 100.
    const meter = sumMeter("transit", {
      aggregation: "percentile",
      unit: "Mbit/s",
      window: { size: "hour", aggregation: "sum", perSecond: true },
      percentile: { rank: "95" },
    });
    const events = Array.from({ length: 31 * 24 }, (_, hour) =>
      usageEvent(`t${hour}`, "transit", new Date(Date.UTC(2026, 2, 1, hour, 30)).toISOString(), {
        v: "360000",
      }),
    );
    const invoice = rateMarch(
      meter,
      unitCharge("transit", "Transit", "transit", "1"),
      { model: "unit", unitPrice: "2" },
      events,
    );
    // 1–16 March: 100 × 1.00 = 100.00 for 16 of 31 days: 1,600 ÷ 31 = 51.6129… → 51.61
    // 17–31 March: 100 × 2.00 = 200.00 for 15 of 31 days: 3,000 ÷ 31 = 96.7741… → 96.77
    // each line rounded once: 51.61 + 96.77 = 148.38 (the unrounded 4,600 ÷ 31 = 148.387… is not billed)
    expect(amounts(invoice)).toEqual([
      ["transit@2026-03-01", "100", "51.61"],
      ["transit@2026-03-17", "100", "96.77"],
    ]);
    expect(invoice.total).toBe("148.38");
  });

  it("prices each piece's peak (max) for its share, the tiers chosen by the peak, not the share", () => {
    const meter = sumMeter("vcpu", { aggregation: "max" });
    const graduated = {
      model: "graduated" as const,
      tiers: [
        { upTo: "50", unitPrice: "1" },
        { upTo: null, unitPrice: "0.5" },
      ],
    };
    const charge: ChargeInput = { id: "cpu", name: "CPU", meter: "vcpu", price: graduated };
    const events = [
      usageEvent("a", "vcpu", at(5), { v: "100" }),
      usageEvent("b", "vcpu", at(10), { v: "60" }),
      usageEvent("c", "vcpu", at(20), { v: "70" }),
    ];
    const invoice = rateMarch(meter, charge, { model: "unit", unitPrice: "3" }, events);
    // 1–16 March: peak 100, graduated 50 × 1.00 + 50 × 0.50 = 75.00, for 16 of 31 days:
    // 75 × 16 ÷ 31 = 1,200 ÷ 31 = 38.7096… → 38.71 (not the tiers of 100 × 16 ÷ 31 = 51.61… units: 50.80…)
    // 17–31 March: peak 70 × 3.00 = 210.00, for 15 of 31 days: 3,150 ÷ 31 = 101.6129… → 101.61
    expect(amounts(invoice)).toEqual([
      ["cpu@2026-03-01", "100", "38.71"],
      ["cpu@2026-03-17", "70", "101.61"],
    ]);
  });

  // The same three readings: 10 on the 3rd, 30 on the 12th, 12 on the 25th.
  it.each([
    {
      aggregation: "latest" as const,
      prices: ["0.5", "1.5"],
      // latest 30 (12 March) × 0.50 = 15.00 × 16 ÷ 31 = 240 ÷ 31 = 7.7419… → 7.74
      // latest 12 (25 March) × 1.50 = 18.00 × 15 ÷ 31 = 270 ÷ 31 = 8.7096… → 8.71
      lines: [
        ["gauge@2026-03-01", "30", "7.74"],
        ["gauge@2026-03-17", "12", "8.71"],
      ],
    },
    {
      aggregation: "avg" as const,
      prices: ["1", "2"],
      // avg (10 + 30) ÷ 2 = 20 × 1.00 = 20.00 × 16 ÷ 31 = 320 ÷ 31 = 10.3225… → 10.32
      // avg 12 × 2.00 = 24.00 × 15 ÷ 31 = 360 ÷ 31 = 11.6129… → 11.61
      lines: [
        ["gauge@2026-03-01", "20", "10.32"],
        ["gauge@2026-03-17", "12", "11.61"],
      ],
    },
  ])("prices each piece's $aggregation for its share", ({ aggregation, prices, lines }) => {
    const events = [
      usageEvent("a", "g", at(3), { v: "10" }),
      usageEvent("b", "g", at(12), { v: "30" }),
      usageEvent("c", "g", at(25), { v: "12" }),
    ];
    const invoice = rateMarch(
      sumMeter("g", { aggregation }),
      unitCharge("gauge", "Gauge", "g", prices[0]),
      { model: "unit", unitPrice: prices[1]! },
      events,
    );
    expect(amounts(invoice)).toEqual(lines);
  });

  it("shows the share as a proration step, 16 of 31 days, and prorates the line minimum as a fee's", () => {
    const meter = sumMeter("g", { aggregation: "max" });
    const charge = unitCharge("gauge", "Gauge", "g", "1", { minimum: "31" });
    const events = [usageEvent("a", "g", at(3), { v: "10" }), usageEvent("b", "g", at(20), { v: "62" })];
    const byDay = { billing: { cadence: "monthly" as const, proration: "day" as const } };
    const changed = rateMarch(meter, charge, { model: "unit", unitPrice: "2" }, events, byDay);
    const [first, second] = changed.lines;
    // 1–16 March: peak 10 × 1.00 = 10.00 × 16 ÷ 31 = 160 ÷ 31 = 5.1612…, below the minimum 31.00 × 16 ÷ 31
    // = 16.00 (the minimum is per billing period, scaled by the piece's share, after the level's share)
    expect(first!.steps.find((step) => step.kind === "proration")).toEqual({
      kind: "proration",
      basis: "day",
      elapsed: "16",
      total: "31",
      before: "10",
      // 160 ÷ 31 = 5.(161290322580645) repeating, to 50 significant digits (the 51st, 9, rounds the last up)
      amount: "5.1612903225806451612903225806451612903225806451613",
    });
    expect(first!.amount).toBe("16.00");
    expect(explainLine(first!, { prefix: "$", minorUnits: 2 })).toContain("16 of 31 days");
    // 17–31 March: peak 62 × 2.00 = 124.00 × 15 ÷ 31 = 60.00, above its minimum 31 × 15 ÷ 31 = 15.00
    expect(second!.amount).toBe("60.00");
  });

  it("leaves a sum meter's pieces as they were: their usage already divides the period", () => {
    const events = [usageEvent("a", "g", at(3), { v: "10" }), usageEvent("b", "g", at(20), { v: "62" })];
    const invoice = rateMarch(
      sumMeter("g"),
      unitCharge("use", "Use", "g", "1"),
      { model: "unit", unitPrice: "2" },
      events,
    );
    // 10 × 1.00 = 10.00; 62 × 2.00 = 124.00: no share step
    expect(amounts(invoice)).toEqual([
      ["use@2026-03-01", "10", "10.00"],
      ["use@2026-03-17", "62", "124.00"],
    ]);
    expect(invoice.lines.flatMap((line) => line.steps).some((step) => step.kind === "proration")).toBe(false);
  });

  it("prices a level cut by an override's date as one cut by an amendment", () => {
    const contract = buildContract(
      buildContractJson({
        id: "ctr_levels",
        meters: [sumMeter("g", { aggregation: "max" })],
        charges: [unitCharge("gauge", "Gauge", "g", "1")],
      }),
      { overrides: [{ id: "double", charge: "gauge", from: "2026-03-17", multiplier: "2" }] },
    );
    const events = [usageEvent("a", "g", at(3), { v: "62" }), usageEvent("b", "g", at(20), { v: "31" })];
    // 1–16 March: peak 62 × 1.00 × 16 ÷ 31 = 32.00; 17–31 March: peak 31 × 2.00 × 15 ÷ 31 = 30.00
    expect(amounts(rateInvoice(contract, events, "2026-03"))).toEqual([
      ["gauge@2026-03-01", "62", "32.00"],
      ["gauge@2026-03-17", "31", "30.00"],
    ]);
  });

  it("counts a level's covered days for a days_covered discount by its share, not the whole line", () => {
    const contract = buildContract(
      buildContractJson({
        id: "ctr_levels",
        meters: [sumMeter("g", { aggregation: "max" })],
        charges: [unitCharge("gauge", "Gauge", "g", "1")],
        discounts: [
          { id: "launch", name: "Launch", percent: "50", until: "2026-03-17", partialPeriod: "days_covered" },
        ],
      }),
    );
    const events = [usageEvent("a", "g", at(3), { v: "62" }), usageEvent("b", "g", at(20), { v: "31" })];
    const invoice = rateInvoice(contract, events, "2026-03");
    // gauge, all March: peak 62 × 1.00 = 62.00 (the terms never change: one line, no share)
    // covered 1–16 March: peak 62 × 1.00 for 16 of 31 days = 32.00 (it was 62.00, the whole line);
    // 50 % × 32.00 = 16.00 off
    expect(amounts(invoice)).toEqual([["gauge", "62", "62.00"]]);
    expect(invoice.discounts?.[0]?.inForce).toMatchObject({ covered: "32.00" });
    expect(invoice.discounts?.[0]?.amount).toBe("-16.00");
  });

  it("measures the share against a partial first period, not the calendar month", () => {
    // The term starts on 5 March: the service period is 5 March–1 April, 27 days.
    const meter = sumMeter("g", { aggregation: "max" });
    const charge = unitCharge("gauge", "Gauge", "g", "1");
    const events = [usageEvent("a", "g", at(6), { v: "100" }), usageEvent("b", "g", at(20), { v: "100" })];
    const partial = { term: { start: "2026-03-05" } };
    const invoice = rateMarch(meter, charge, { model: "unit", unitPrice: "2" }, events, partial);
    // 5–16 March: 100 × 1.00 for 12 of 27 days = 1,200 ÷ 27 = 44.444… → 44.44
    // 17–31 March: 100 × 2.00 for 15 of 27 days = 3,000 ÷ 27 = 111.111… → 111.11
    expect(amounts(invoice)).toEqual([
      ["gauge@2026-03-05", "100", "44.44"],
      ["gauge@2026-03-17", "100", "111.11"],
    ]);
    // Without the cut the level bills whole, as before: 100 × 1.00 = 100.00
    const steady = buildContract(
      buildContractJson({ id: "ctr_levels", meters: [meter], charges: [charge], ...partial }),
    );
    expect(amounts(rateInvoice(steady, events, "2026-03"))).toEqual([["gauge", "100", "100.00"]]);
  });
});
