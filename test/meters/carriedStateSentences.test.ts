import { describe, expect, it } from "vitest";
import { aggregateUsage } from "../../src/meters/index.js";
import type { MeterTerms } from "../../src/schema/index.js";
import { thrown } from "../_support/thrown.js";

const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const meter = (id: string, fields: Partial<MeterTerms>): MeterTerms =>
  ({ id, eventType: "u", aggregation: "sum", valueProperty: "v", ...fields }) as MeterTerms;
// What each kind of meter carries: a persistent unique count its active values, a weighted_sum its
// level, a persistent sum its total; a plain sum carries nothing.
const METERS = [
  meter("seats", { aggregation: "unique_count", valueProperty: "user", persistent: true }),
  meter("storage", { aggregation: "weighted_sum", valueProperty: "gb" }),
  meter("balance", { persistent: true }),
  meter("calls", {}),
];
const carry = (carried: object) =>
  thrown(() =>
    aggregateUsage([], { meters: METERS, customer: "c", period: FEBRUARY, carried: carried as never }),
  );

describe("the sentences of a refused carried state", () => {
  it("a meter the contract does not have", () => {
    expect(carry({ seets: { active: ["u1"] } })).toMatchObject({
      name: "InputError",
      code: "invalid_field",
      path: "options.carried.seets",
      message: 'The carried state names meter "seets", which the contract does not have.',
    });
  });

  it("a meter that carries nothing (a plain sum)", () => {
    expect(carry({ calls: { total: "5" } })).toMatchObject({
      path: "options.carried.calls",
      message:
        'The carried state names meter "calls", which carries nothing between periods (only persistent and weighted_sum meters do).',
    });
  });

  it("a field of another kind, naming the one the meter carries", () => {
    expect(carry({ seats: { level: "5" } })).toMatchObject({
      path: "options.carried.seats.level",
      message: 'The carried state of meter "seats" has level, but this meter carries active.',
    });
    expect(carry({ storage: { total: "5" } })).toMatchObject({
      path: "options.carried.storage.total",
      message: 'The carried state of meter "storage" has total, but this meter carries level.',
    });
    expect(carry({ balance: { active: ["u1"] } })).toMatchObject({
      path: "options.carried.balance.active",
      message: 'The carried state of meter "balance" has active, but this meter carries total.',
    });
  });

  it("accepts each meter's own field", () => {
    const result = aggregateUsage([], {
      meters: METERS,
      customer: "c",
      period: FEBRUARY,
      carried: { seats: { active: ["u1"] }, storage: { level: "28" }, balance: { total: "7" } },
    });
    // nothing happens in February: 1 active seat; 28 GB held all month = 28 GB-month; a total of 7
    expect(result.meters.map((entry) => [entry.meter.id, entry.quantity.toString()])).toEqual([
      ["seats", "1"],
      ["storage", "28"],
      ["balance", "7"],
      ["calls", "0"],
    ]);
  });
});
