import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  type Invoice,
  parseUsageEvent,
  prepareRating,
  rateFromAggregates,
  rateInvoice,
  rateInvoiceAsync,
  rateMany,
} from "../../src/index.js";
import { CARRYING_METERS, carryingCharges } from "../_support/carryingMeters.js";
import { buildContract, type ContractOverrides, usageEvent } from "../_support/contract.js";

// A meter that carries state (persistent running total or unique count, weighted_sum level) and is
// given none after the contract's first period opened from zero without a word: seats added in January
// billed nothing in February. Every entry point now says so with `carried_state_missing`.
const TERMS: ContractOverrides = { meters: CARRYING_METERS, charges: carryingCharges("0.02") };
const CONTRACT = buildContract(TERMS);
const EVENTS = [
  usageEvent("j1", "seat", "2026-01-05T00:00:00Z", { user: "u1", op: "add" }),
  usageEvent("j2", "obj", "2026-01-06T00:00:00Z", { delta: 500 }),
  usageEvent("j3", "level", "2026-01-07T00:00:00Z", { gb: 100 }),
  usageEvent("f1", "seat", "2026-02-10T00:00:00Z", { user: "u2", op: "add" }),
  usageEvent("f2", "obj", "2026-02-11T00:00:00Z", { delta: -100 }),
];
const JANUARY = rateInvoice(CONTRACT, EVENTS, "2026-01");

const missing = (invoice: Invoice) =>
  (invoice.notices ?? []).filter((notice) => notice.code === "carried_state_missing");
const line = (invoice: Invoice, id: string) => invoice.lines.find((entry) => entry.chargeId === id)!;

describe("carried_state_missing", () => {
  it("warns for each carrying meter when a later period is rated without carried state", () => {
    const february = rateInvoice(CONTRACT, EVENTS, "2026-02");
    // without the state: seats u2 only = 1 × 10.00 = 10.00 (u1, added in January, is lost);
    // objects −100 → 0 + (−100) = −100 × 0.01 = −1.00, floored to 0.00; storage 0 GB all month = 0.00
    expect(line(february, "seats").amount).toBe("10.00");
    expect(line(february, "objects").amount).toBe("0.00");
    expect(line(february, "storage").amount).toBe("0.00");
    expect(missing(february).map(({ path, details }) => ({ path, details }))).toEqual([
      {
        path: "meters[0]",
        details: {
          meter: "objects",
          carries: "total",
          contractStart: "2026-01-01T00:00:00.000Z",
          periodStart: "2026-02-01T00:00:00.000Z",
        },
      },
      {
        path: "meters[1]",
        details: {
          meter: "seats",
          carries: "active",
          contractStart: "2026-01-01T00:00:00.000Z",
          periodStart: "2026-02-01T00:00:00.000Z",
        },
      },
      {
        path: "meters[2]",
        details: {
          meter: "storage",
          carries: "level",
          contractStart: "2026-01-01T00:00:00.000Z",
          periodStart: "2026-02-01T00:00:00.000Z",
        },
      },
    ]);
    // the sentence is also in warnings[], in the same order
    expect(february.warnings.filter((text) => text.startsWith('Meter "'))).toHaveLength(3);
  });

  it("says nothing when January's carryOut is given, and bills from it", () => {
    const february = rateInvoice(CONTRACT, EVENTS, "2026-02", { carried: JANUARY.usage.carryOut! });
    expect(missing(february)).toEqual([]);
    // seats u1 (carried) + u2 = 2 × 10.00 = 20.00; objects 500 − 100 = 400 × 0.01 = 4.00;
    // storage 100 GB all February = 100 GB-month × 0.02 = 2.00
    expect(line(february, "seats").amount).toBe("20.00");
    expect(line(february, "objects").amount).toBe("4.00");
    expect(line(february, "storage").amount).toBe("2.00");
  });

  it("needs no carried state in the contract's first period", () => {
    expect(missing(JANUARY)).toEqual([]);
    const lateStart = buildContract(TERMS, { term: { start: "2026-02-10" } });
    expect(missing(rateInvoice(lateStart, EVENTS, "2026-02"))).toEqual([]);
  });

  it("warns only for the meter a hand-written state leaves out", () => {
    const february = rateInvoice(CONTRACT, EVENTS, "2026-02", {
      carried: { seats: { active: ["u1"] }, storage: { level: "100" } },
    });
    expect(missing(february).map((notice) => notice.details.meter)).toEqual(["objects"]);
  });

  it("says nothing for a level set at the period's first instant: the opening level held for no time", () => {
    const atStart = [...EVENTS, usageEvent("f0", "level", "2026-02-01T00:00:00Z", { gb: 40 })];
    const february = rateInvoice(CONTRACT, atStart, "2026-02", {
      carried: { seats: { active: ["u1"] }, objects: { total: "500" } },
    });
    expect(missing(february)).toEqual([]);
    // 40 GB all February = 40 GB-month × 0.02 = 0.80, whatever January left
    expect(line(february, "storage").amount).toBe("0.80");
  });

  it("warns on every entry point: rateInvoiceAsync, rateFromAggregates, rateMany", async () => {
    const expected = ["objects", "seats", "storage"];
    const streamed = await rateInvoiceAsync(
      CONTRACT,
      () => EVENTS.map((event) => parseUsageEvent(event)),
      "2026-02",
    );
    expect(missing(streamed).map((notice) => notice.details.meter)).toEqual(expected);
    const prepared = prepareRating(CONTRACT, "2026-02");
    const aggregates = aggregateForRating(prepared, EVENTS);
    expect(missing(rateFromAggregates(prepared, aggregates)).map((n) => n.details.meter)).toEqual(expected);
    // the aggregates hold no carried state: it comes with the rating, and then nothing is missing
    const carried = rateFromAggregates(prepared, aggregates, { carried: JANUARY.usage.carryOut! });
    expect(missing(carried)).toEqual([]);
    expect(line(carried, "seats").amount).toBe("20.00");
    const [batch] = rateMany([CONTRACT], EVENTS, "2026-02").invoices;
    expect(missing(batch!).map((notice) => notice.details.meter)).toEqual(expected);
  });
});

describe("rateMany's carried state, by contract id", () => {
  it("bills each contract from its own carried state, as rateInvoice does, and warns for the others", () => {
    // a second customer on the same terms, whose January nobody carries
    const other = buildContract({ ...TERMS, id: "ctr_other", customer: { id: "cus_other" } });
    const events = [
      ...EVENTS,
      usageEvent("o1", "seat", "2026-02-12T00:00:00Z", { user: "v1", op: "add" }, "cus_other"),
    ];
    const carried = { [CONTRACT.id]: JANUARY.usage.carryOut! };
    const [own, others] = rateMany([CONTRACT, other], events, "2026-02", { carried }).invoices;
    // cus: u1 carried from January + u2 = 2 × 10.00 = 20.00, byte for byte rateInvoice's February
    expect(line(own!, "seats").amount).toBe("20.00");
    expect(JSON.stringify(own)).toBe(
      JSON.stringify(rateInvoice(CONTRACT, EVENTS, "2026-02", { carried: JANUARY.usage.carryOut! })),
    );
    expect(missing(own!)).toEqual([]);
    // cus_other: v1 alone, 10.00, and the warning for its three meters
    expect(line(others!, "seats").amount).toBe("10.00");
    expect(missing(others!).map((notice) => notice.details.meter)).toEqual(["objects", "seats", "storage"]);
  });

  it("refuses a state of a contract it does not rate, and names the contract of a state that is wrong", () => {
    expect(() => rateMany([CONTRACT], EVENTS, "2026-02", { carried: { ctr_typo: {} } })).toThrow(
      expect.objectContaining({ code: "invalid_argument", path: 'options.carried["ctr_typo"]' }),
    );
    // seats carries active values, not a total
    const wrong = { [CONTRACT.id]: { seats: { total: "3" } } };
    expect(() => rateMany([CONTRACT], EVENTS, "2026-02", { carried: wrong })).toThrow(
      expect.objectContaining({
        path: expect.stringMatching(new RegExp(`^options\\.carried\\["${CONTRACT.id}"\\]\\.seats`)),
      }),
    );
  });
});
