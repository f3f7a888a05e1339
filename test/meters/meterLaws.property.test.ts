import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateUsage,
  aggregateUsageAsync,
  type CarriedMeterState,
  compileMeter,
  type MeterRequest,
  type Reducer,
  type Sample,
} from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";
import {
  ALL_METERS,
  aggregateFor,
  CUSTOMER,
  decimalOf,
  decimalValueArb,
  FEBRUARY_UTC,
  invalidValueArb,
  METER_KINDS,
  METERS_BY_KIND,
  type MeterKind,
  meterEventsArb,
  outcomeJson,
  resultJson,
} from "../_arbitraries/meters.js";
import { deepFreeze } from "../_arbitraries/prices.js";

/** Carried state for the meters that take one (the others ignore it). */
const CARRIED: Readonly<Record<string, CarriedMeterState>> = deepFreeze({
  m_weighted: { level: "12.5" },
  m_running: { total: "100" },
  m_seats: { active: ["s:alice", "n:7"] },
  m_prorated_running: { total: "40.5" },
  m_prorated_seats: { active: ["alice", "7"] },
});

// Only the carried states of the meters rated: a carried state naming another meter is refused.
function carriedFor(meters: ReadonlyArray<{ readonly id: string }>) {
  return Object.fromEntries(
    Object.entries(CARRIED).filter(([id]) => meters.some((meter) => meter.id === id)),
  );
}

// Copies of shared meters, made inside a test: compileMeter keeps the reducer of a meter object it has
// seen, and the meters of test/_arbitraries outlive every test (and every Stryker mutant).
const fresh = (meters: ReadonlyArray<MeterTerms>): MeterTerms[] => meters.map((meter) => ({ ...meter }));

const contextFor = (meter: MeterTerms) => ({
  period: FEBRUARY_UTC,
  timeZone: "UTC",
  carried: CARRIED[meter.id],
});

function samplesFor(meter: MeterTerms, events: ReadonlyArray<UsageEvent>): Sample[] {
  return events.map((event) => ({
    event,
    raw: meter.valueProperty === undefined ? undefined : event.properties[meter.valueProperty],
  }));
}

const fold = (reducer: Reducer<unknown>, samples: ReadonlyArray<Sample>) =>
  samples.reduce((state, sample) => reducer.add(state, sample), reducer.init());

/** Merges states pairwise in an order the picks choose (any tree shape, either argument order). */
function mergeInAnyOrder(
  reducer: Reducer<unknown>,
  states: unknown[],
  picks: ReadonlyArray<number>,
): unknown {
  const pending = [...states];
  let step = 0;
  while (pending.length > 1) {
    const pick = picks[step % Math.max(1, picks.length)] ?? 0;
    step += 1;
    const index = pick % (pending.length - 1);
    const [left, right] = [pending[index], pending[index + 1]];
    pending.splice(index, 2, pick % 2 === 0 ? reducer.merge(left, right) : reducer.merge(right, left));
  }
  return pending[0] ?? reducer.init();
}

/** A sharding: the shard of each event (1–5 shards) and the merge order. */
const shardingArb = fc.record({
  shards: fc.integer({ min: 1, max: 5 }),
  assignment: fc.array(fc.nat(), { maxLength: 60 }),
  picks: fc.array(fc.nat(), { maxLength: 10 }),
});

function shard<T>(items: ReadonlyArray<T>, shards: number, assignment: ReadonlyArray<number>): T[][] {
  const out: T[][] = Array.from({ length: shards }, () => []);
  items.forEach((item, index) => {
    out[(assignment[index] ?? 0) % shards]!.push(item);
  });
  return out;
}

const eventsAndShuffleArb = meterEventsArb().chain((events) =>
  fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
);

describe.each(METER_KINDS)("meter laws: %s", (kind: MeterKind) => {
  const meter = METERS_BY_KIND[kind];
  // Compiled inside each test, not here, and for a copy of the meter: Stryker's per-test coverage
  // credits a describe body to no test, and compileMeter keeps the reducer of a meter object it has
  // seen, so a mutant in a reducer's merge built here or earlier would meet none of the laws below.
  const compiled = () => compileMeter({ ...meter }, FEBRUARY_UTC, "UTC");

  it("merges any sharding of the samples into the outcome of one pass", () => {
    const reducer = compiled();
    fc.assert(
      fc.property(meterEventsArb(), shardingArb, (events, { shards, assignment, picks }) => {
        const samples = samplesFor(meter, events);
        const onePass = outcomeJson(reducer.finalize(fold(reducer, samples), contextFor(meter)));
        const states = shard(samples, shards, assignment).map((part) => fold(reducer, part));
        const before = states.map((state) => outcomeJson(reducer.finalize(state, contextFor(meter))));
        const merged = mergeInAnyOrder(reducer, states, picks);
        expect(outcomeJson(reducer.finalize(merged, contextFor(meter)))).toBe(onePass);
        // merging leaves the shards' states as they were
        expect(states.map((state) => outcomeJson(reducer.finalize(state, contextFor(meter))))).toEqual(
          before,
        );
      }),
    );
  });

  it("merges with an empty state as the identity", () => {
    const reducer = compiled();
    fc.assert(
      fc.property(meterEventsArb(), (events) => {
        const state = fold(reducer, samplesFor(meter, events));
        const alone = outcomeJson(reducer.finalize(state, contextFor(meter)));
        expect(outcomeJson(reducer.finalize(reducer.merge(reducer.init(), state), contextFor(meter)))).toBe(
          alone,
        );
        expect(outcomeJson(reducer.finalize(reducer.merge(state, reducer.init()), contextFor(meter)))).toBe(
          alone,
        );
      }),
    );
  });

  it("keeps the shards' states unchanged when events are added to their merge", () => {
    const reducer = compiled();
    // Reducer contract: merge "leaves its arguments untouched"; add updates only the state it is given.
    fc.assert(
      fc.property(meterEventsArb(), fc.nat(), (events, cut) => {
        if (events.length < 2) return;
        const samples = samplesFor(meter, events);
        const at = 1 + (cut % (samples.length - 1));
        const left = fold(reducer, samples.slice(0, at));
        const right = fold(reducer, samples.slice(at));
        const leftBefore = outcomeJson(reducer.finalize(left, contextFor(meter)));
        const rightBefore = outcomeJson(reducer.finalize(right, contextFor(meter)));
        let merged = reducer.merge(left, right);
        for (const sample of samples) merged = reducer.add(merged, sample);
        expect(outcomeJson(reducer.finalize(left, contextFor(meter)))).toBe(leftBefore);
        expect(outcomeJson(reducer.finalize(right, contextFor(meter)))).toBe(rightBefore);
      }),
    );
  });

  it("does not depend on event order", () => {
    fc.assert(
      fc.property(eventsAndShuffleArb, ([events, shuffled]) => {
        const carried = carriedFor([meter]);
        expect(resultJson(aggregateFor(fresh([meter]), shuffled, FEBRUARY_UTC, { carried }))).toBe(
          resultJson(aggregateFor(fresh([meter]), events, FEBRUARY_UTC, { carried })),
        );
      }),
    );
  });

  it("never double-counts an identical duplicate", () => {
    fc.assert(
      fc.property(meterEventsArb(), fc.array(fc.nat(), { maxLength: 20 }), (events, picks) => {
        const copies = events.length === 0 ? [] : picks.map((pick) => ({ ...events[pick % events.length]! }));
        const withCopies = aggregateFor(fresh([meter]), [...events, ...copies], FEBRUARY_UTC, {
          carried: carriedFor([meter]),
        });
        const without = aggregateFor(fresh([meter]), events, FEBRUARY_UTC, { carried: carriedFor([meter]) });
        expect(withCopies.meters[0]!.quantity.toFixed()).toBe(without.meters[0]!.quantity.toFixed());
        expect(withCopies.meters[0]!.events).toBe(without.meters[0]!.events);
        expect(withCopies.carryOut).toEqual(without.carryOut);
        expect(withCopies.eventsCounted).toBe(without.eventsCounted);
        const duplicates = withCopies.excluded.find((entry) => entry.reason === "duplicate_id")?.events ?? 0;
        expect(duplicates).toBe(copies.length);
      }),
    );
  });
});

describe("meter laws: all meters at once", () => {
  it("does not depend on event order, with every meter reading the same events", () => {
    fc.assert(
      fc.property(eventsAndShuffleArb, ([events, shuffled]) => {
        expect(
          resultJson(
            aggregateFor(fresh(ALL_METERS), shuffled, FEBRUARY_UTC, { carried: carriedFor(ALL_METERS) }),
          ),
        ).toBe(
          resultJson(
            aggregateFor(fresh(ALL_METERS), events, FEBRUARY_UTC, { carried: carriedFor(ALL_METERS) }),
          ),
        );
      }),
    );
  });
});

describe("meter laws: splitting the period", () => {
  const cutArb = fc.integer({ min: FEBRUARY_UTC.start, max: FEBRUARY_UTC.end });
  const halves = (cut: number) => [
    { start: FEBRUARY_UTC.start, end: cut },
    { start: cut, end: FEBRUARY_UTC.end },
  ];

  it("sums (and counts) over a period to the total over any split of it into two sub-periods", () => {
    const meters = fresh([METERS_BY_KIND.sum, METERS_BY_KIND.count]);
    fc.assert(
      fc.property(meterEventsArb(), cutArb, (events, cut) => {
        const whole = aggregateFor(meters, events);
        const [first, second] = halves(cut).map((period) => aggregateFor(meters, events, period));
        whole.meters.forEach((entry, index) => {
          const parts = first!.meters[index]!.quantity.plus(second!.meters[index]!.quantity);
          expect(parts.toFixed()).toBe(entry.quantity.toFixed());
        });
        expect(first!.eventsCounted + second!.eventsCounted).toBe(whole.eventsCounted);
      }),
    );
  });

  it("gives a weighted_sum (per second) over two sub-periods in sequence the whole period's GB-seconds", () => {
    const meter: MeterTerms = { ...METERS_BY_KIND.weighted_sum, weighted: { per: "second" } };
    fc.assert(
      fc.property(meterEventsArb(), cutArb, fc.integer({ min: 0, max: 1000 }), (events, cut, opening) => {
        const carried = { [meter.id]: { level: String(opening) } };
        const whole = aggregateFor(fresh([meter]), events, FEBRUARY_UTC, { carried });
        const [firstPeriod, secondPeriod] = halves(cut);
        const first = aggregateFor(fresh([meter]), events, firstPeriod!, { carried });
        const second = aggregateFor(fresh([meter]), events, secondPeriod!, { carried: first.carryOut });
        expect(first.meters[0]!.quantity.plus(second.meters[0]!.quantity).toFixed()).toBe(
          whole.meters[0]!.quantity.toFixed(),
        );
        expect(second.carryOut).toEqual(whole.carryOut);
      }),
    );
  });

  it("gives persistent meters over two sub-periods in sequence the whole period's closing state", () => {
    const meters = fresh([METERS_BY_KIND.persistent_sum, METERS_BY_KIND.persistent_unique]);
    fc.assert(
      fc.property(meterEventsArb(), cutArb, (events, cut) => {
        const whole = aggregateFor(meters, events, FEBRUARY_UTC, { carried: carriedFor(meters) });
        const [firstPeriod, secondPeriod] = halves(cut);
        const first = aggregateFor(meters, events, firstPeriod!, { carried: carriedFor(meters) });
        const second = aggregateFor(meters, events, secondPeriod!, { carried: first.carryOut });
        // the running total at the end is the same
        expect(second.meters[0]!.quantity.toFixed()).toBe(whole.meters[0]!.quantity.toFixed());
        expect(second.carryOut).toEqual(whole.carryOut);
      }),
    );
  });
});

describe("meter laws: accounting", () => {
  /** Events with copies, conflicting copies, foreign events and events outside the period mixed in. */
  const messyEventsArb = fc
    .tuple(
      meterEventsArb(),
      fc.array(fc.nat(), { maxLength: 10 }),
      fc.array(fc.nat(), { maxLength: 5 }),
      fc.array(fc.nat(), { maxLength: 5 }),
      fc.array(fc.nat(), { maxLength: 5 }),
    )
    .map(([events, copyPicks, conflictPicks, foreignPicks, latePicks]) => {
      const pick = (n: number) => events[n % events.length]!;
      if (events.length === 0) return { events, conflicted: new Set<string>(), foreign: new Set<string>() };
      const copies = copyPicks.map((n) => ({ ...pick(n) }));
      // a copy with a different value: the id is then excluded entirely
      const conflicts = conflictPicks.map((n) => ({
        ...pick(n),
        properties: { ...pick(n).properties, v: "conflict" },
      }));
      const conflicted = new Set(conflicts.map((event) => event.id));
      const foreign = foreignPicks.map((n) => ({ ...pick(n), id: `f${n}`, customer: "cus_other" }));
      const late = latePicks.map((n) => ({ ...pick(n), id: `l${n}`, timestamp: FEBRUARY_UTC.end + n }));
      const outside = new Set([...foreign, ...late].map((e) => e.id));
      return {
        events: [...events, ...copies, ...conflicts, ...foreign, ...late],
        conflicted,
        foreign: outside,
      };
    });

  it("counts, for a count meter, exactly the distinct accepted ids", () => {
    fc.assert(
      fc.property(messyEventsArb, ({ events, conflicted, foreign }) => {
        const result = aggregateFor(fresh([METERS_BY_KIND.count]), events);
        const accepted = new Set(
          events.map((e) => e.id).filter((id) => !conflicted.has(id) && !foreign.has(id)),
        );
        // a count meter counts each accepted id once
        expect(result.meters[0]!.quantity.toNumber()).toBe(accepted.size);
        expect(result.eventsCounted).toBe(accepted.size);
      }),
    );
  });

  it("gives identical results in memory, from one async iterable, and from a source read twice", async () => {
    const requests = new Map<string, MeterRequest>([
      ["m_sum", { groupings: [["region"], ["instance"]], collectValues: true }],
      ["m_p95", { groupings: [["region"]], collectValues: false }],
    ]);
    const options = {
      meters: fresh(ALL_METERS),
      customer: CUSTOMER,
      period: FEBRUARY_UTC,
      timeZone: "UTC",
      carried: CARRIED,
      requests,
    };
    async function* stream(list: ReadonlyArray<UsageEvent>) {
      for (const event of list) yield event;
    }
    await fc.assert(
      fc.asyncProperty(messyEventsArb, async ({ events }) => {
        const sync = resultJson(aggregateUsage(events, options));
        expect(resultJson(await aggregateUsageAsync(stream(events), options))).toBe(sync);
        expect(resultJson(await aggregateUsageAsync(() => stream(events), options))).toBe(sync);
        expect(resultJson(await aggregateUsageAsync(() => events, options))).toBe(sync);
      }),
      { numRuns: 100 },
    );
  });

  it("excludes and reports invalid values, never drops them: read = counted + Σ excluded", () => {
    const brokenArb = fc.tuple(
      meterEventsArb(),
      fc.array(fc.tuple(fc.nat(), invalidValueArb), { maxLength: 10 }),
    );
    fc.assert(
      fc.property(brokenArb, ([events, breaks]) => {
        const broken = new Map<string, UsageEvent>();
        for (const [n, value] of breaks) {
          if (events.length === 0) break;
          const original = events[n % events.length]!;
          const { v: _dropped, ...rest } = original.properties;
          broken.set(original.id, {
            ...original,
            properties: value === undefined ? rest : { ...rest, v: value },
          });
        }
        const mixed = events.map((event) => broken.get(event.id) ?? event);
        const result = aggregateFor(fresh(ALL_METERS), mixed, FEBRUARY_UTC, {
          carried: carriedFor(ALL_METERS),
        });
        const excluded = result.excluded.reduce((sum, entry) => sum + entry.events, 0);
        expect(result.eventsRead).toBe(mixed.length);
        expect(result.eventsCounted + excluded).toBe(result.eventsRead);
        // every broken event is reported as invalid_value, and no meter counts any part of it
        const invalid = result.excluded.find((entry) => entry.reason === "invalid_value");
        expect(invalid?.events ?? 0).toBe(broken.size);
        const valid = events.filter((event) => !broken.has(event.id));
        const metersOf = (r: ReturnType<typeof aggregateFor>) =>
          JSON.stringify({ meters: JSON.parse(resultJson(r)).meters, carryOut: r.carryOut });
        expect(metersOf(result)).toBe(
          metersOf(aggregateFor(fresh(ALL_METERS), valid, FEBRUARY_UTC, { carried: carriedFor(ALL_METERS) })),
        );
      }),
    );
  });
});

describe("meter laws: agreement with a reference model", () => {
  /** Events whose `v` takes every decimal shape (short, long, exponent, huge, JS numbers). */
  const anyShapeEventsArb = fc
    .tuple(meterEventsArb(), fc.array(decimalValueArb, { minLength: 60, maxLength: 60 }))
    .map(([events, values]) =>
      events.map(
        (event, index): UsageEvent => ({ ...event, properties: { ...event.properties, v: values[index]! } }),
      ),
    );
  const meters = ["sum", "count", "min", "max", "latest", "avg", "unique_count"].map(
    (kind) => METERS_BY_KIND[kind as MeterKind],
  );

  it("computes sum, count, min, max, latest, avg and unique_count as their definitions say", () => {
    fc.assert(
      fc.property(anyShapeEventsArb, (events) => {
        const result = aggregateFor(fresh(meters), events);
        const values = events.map((event) => decimalOf(event.properties.v as string | number));
        const sum = values.reduce((total, value) => total.plus(value), new Decimal(0));
        const byTime = [...events].sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : 1));
        const last = byTime.at(-1);
        const uniqueKeys = new Set(
          events.map((event) => {
            // JSON numbers compare by value, text exactly (an id written as text is an id).
            const user = event.properties.user;
            return typeof user === "number" ? `number ${decimalOf(user).toFixed()}` : `text ${String(user)}`;
          }),
        );
        const expected = {
          m_sum: sum,
          m_count: new Decimal(events.length),
          m_min: values.length === 0 ? new Decimal(0) : Decimal.min(...values),
          m_max: values.length === 0 ? new Decimal(0) : Decimal.max(...values),
          m_latest: last === undefined ? new Decimal(0) : decimalOf(last.properties.v as string | number),
          m_avg: values.length === 0 ? new Decimal(0) : sum.div(values.length),
          m_unique: new Decimal(uniqueKeys.size),
        } as Record<string, Decimal>;
        for (const entry of result.meters)
          expect(entry.quantity.toFixed()).toBe(expected[entry.meter.id]!.toFixed());
      }),
    );
  });
});
