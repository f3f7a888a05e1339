import fc from "fast-check";
import { expect } from "vitest";

/**
 * A second reading of how events become meter quantities, apart from src/meters and decimal.js: values
 * are BigInt units of 10⁻⁹ (a quantity has at most 9 decimals, docs/meters.md "What a meter reads"),
 * quotients are pairs of BigInts, and the usage report's outcomes follow docs/meters.md "Deduplication
 * and the usage report" step by step. The oracle properties in test/meters/*Oracle.property.test.ts
 * compare `rateInvoice` with it.
 */

/** A property value as an event carries it. */
export type RawValue = string | number | boolean | null;

/** An event as a usage file holds it. */
export interface RawEvent {
  readonly id: string;
  readonly type: string;
  readonly customer: string;
  readonly timestamp: string;
  readonly properties: Readonly<Record<string, RawValue>>;
}

/** An exact rational: numerator ÷ denominator, denominator > 0. */
export type Ratio = readonly [bigint, bigint];

/** One unit of a value is 10⁻⁹. */
export const SCALE = 1_000_000_000n;

/**
 * A number or decimal text read as units of 10⁻⁹, or undefined when it is no quantity: not a finite
 * number or decimal text (`"12,5"`, `""`, `true`, `null`, missing), more than 9 decimals, or 10¹⁵ or more
 * in size. A JSON number is read through its shortest text, as the docs say.
 */
export function unitsOf(value: RawValue | undefined): bigint | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? unitsOf(String(value)) : undefined;
  if (typeof value !== "string") return undefined;
  const match = /^([+-]?)(\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(value);
  if (match === null || (match[2] === undefined && match[3] === undefined)) return undefined;
  const [, sign, whole = "", fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 100) return undefined;
  let digits = BigInt(`${whole}${fraction}` || "0");
  let decimals = fraction.length - exponent; // value = digits × 10^-decimals
  while (decimals > 0 && digits % 10n === 0n && digits !== 0n) {
    digits /= 10n;
    decimals -= 1;
  }
  if (digits === 0n) return 0n;
  if (decimals > 9) return undefined;
  const units = decimals >= 0 ? digits * 10n ** BigInt(9 - decimals) : digits * 10n ** BigInt(9 - decimals);
  if (units >= 10n ** 15n * SCALE) return undefined;
  return sign === "-" ? -units : units;
}

/** A unique_count's value identity: JSON numbers by value, texts and booleans as themselves. */
export function uniqueKeyOf(value: RawValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return `${typeof value}:${String(value)}`;
}

/** The group of a value: a missing property and null are one group, null. */
export const groupKeyOf = (value: RawValue | undefined): string => JSON.stringify(value ?? null);

/** The instant of an ISO timestamp with an offset, in ms. */
export const instantOf = (timestamp: string): number => Date.parse(timestamp);

/** a ÷ b reduced, the sign on the numerator. */
export function ratio(numerator: bigint, denominator: bigint): Ratio {
  const sign = denominator < 0n ? -1n : 1n;
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  const g = gcd(numerator, denominator) || 1n;
  return [(sign * numerator) / g, (sign * denominator) / g];
}

/** Compares two ratios: negative, 0 or positive. */
export const compareRatio = (a: Ratio, b: Ratio): number => {
  const difference = a[0] * b[1] - b[0] * a[1];
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
};

/** The ratio of a decimal text as the invoice writes it ("-12.5", "0"). */
export function ratioOfText(text: string): Ratio {
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  const numerator = BigInt(`${whole}${fraction}`) * (text.startsWith("-") ? -1n : 1n);
  return ratio(numerator, 10n ** BigInt(fraction.length));
}

/** Units of 10⁻⁹ as a ratio. */
export const ratioOfUnits = (units: bigint): Ratio => ratio(units, SCALE);

/**
 * The exact quantity an invoice line bills: its usage step's `fraction` when it records one (a quotient
 * that does not end), else its quantity text.
 */
export function lineRatio(line: {
  readonly quantity?: string | undefined;
  readonly steps: ReadonlyArray<unknown>;
}): Ratio {
  const usage = line.steps.find((step) => (step as { kind: string }).kind === "usage") as
    | { fraction?: { numerator: string; denominator: string } }
    | undefined;
  if (usage?.fraction !== undefined)
    return ratio(BigInt(usage.fraction.numerator), BigInt(usage.fraction.denominator));
  return ratioOfText(line.quantity ?? "0");
}

/** `[n, d]` × a price in cents, rounded half-even to cents, as "12.34". */
export function centsAt([numerator, denominator]: Ratio, priceCents: bigint): string {
  const n = numerator * priceCents;
  const truncated = n / denominator;
  const rest = n - truncated * denominator;
  let cents = truncated;
  if (rest !== 0n) {
    const twice = (rest < 0n ? -rest : rest) * 2n;
    const away = truncated + (n < 0n ? -1n : 1n);
    if (twice > denominator || (twice === denominator && truncated % 2n !== 0n)) cents = away;
  }
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** Why an event counts for nothing, as the usage report names it. */
export type Outcome =
  | "counted"
  | "duplicate_id"
  | "conflicting_duplicate"
  | "other_customer"
  | "unknown_event_type"
  | "outside_period"
  | "filtered_out"
  | "invalid_value";

/** What the oracle needs to know of the contract's meters to give each event its outcome. */
export interface OutcomeRules {
  readonly customer: string;
  readonly eventTypes: ReadonlyArray<string>;
  readonly period: readonly [number, number];
  /** Whether some meter reads the event (its type and filters). */
  readonly isRead: (event: RawEvent) => boolean;
  /** Whether every meter that reads the event can read its value. */
  readonly isReadable: (event: RawEvent) => boolean;
}

const payloadOf = (event: RawEvent) =>
  JSON.stringify([
    event.type,
    event.customer,
    instantOf(event.timestamp),
    // A property written as null is the property left out (docs/decisions/deduplication.md).
    Object.keys(event.properties)
      .filter((key) => event.properties[key] !== null)
      .sort()
      .map((key) => [key, event.properties[key]]),
  ]);

/**
 * Each event's outcome, in the docs' order: the customer's events grouped by id (identical copies: the
 * first is kept and the others are `duplicate_id`; copies that differ: all `conflicting_duplicate`), then
 * another customer, an unmeasured type, outside the period `[start, end)`, read by no meter, a value a
 * meter cannot read.
 */
export function outcomesOf(events: ReadonlyArray<RawEvent>, rules: OutcomeRules): Outcome[] {
  const byId = new Map<string, number[]>();
  events.forEach((event, index) => {
    if (event.customer !== rules.customer) return;
    byId.set(event.id, [...(byId.get(event.id) ?? []), index]);
  });
  const outcomes: (Outcome | undefined)[] = events.map(() => undefined);
  for (const indexes of byId.values()) {
    const payloads = new Set(indexes.map((index) => payloadOf(events[index]!)));
    if (payloads.size > 1) for (const index of indexes) outcomes[index] = "conflicting_duplicate";
    else for (const index of indexes.slice(1)) outcomes[index] = "duplicate_id";
  }
  return events.map((event, index) => {
    const decided = outcomes[index];
    if (decided !== undefined) return decided;
    if (event.customer !== rules.customer) return "other_customer";
    if (!rules.eventTypes.includes(event.type)) return "unknown_event_type";
    const t = instantOf(event.timestamp);
    if (t < rules.period[0] || t >= rules.period[1]) return "outside_period";
    if (!rules.isRead(event)) return "filtered_out";
    if (!rules.isReadable(event)) return "invalid_value";
    return "counted";
  });
}

/** The usage report's `excluded` list the outcomes give: reason, events, up to five smallest ids. */
function excludedOf(events: ReadonlyArray<RawEvent>, outcomes: ReadonlyArray<Outcome>) {
  const reasons = new Map<Outcome, string[]>();
  outcomes.forEach((outcome, index) => {
    if (outcome !== "counted") reasons.set(outcome, [...(reasons.get(outcome) ?? []), events[index]!.id]);
  });
  return [...reasons].map(([reason, ids]) => ({
    reason,
    events: ids.length,
    sampleIds: [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, 5),
  }));
}

/**
 * Decimal text with up to 9 decimals, of either sign (or only ≥ 0), sometimes as a JSON number or in
 * exponent form (unless `exponent` is false); at most `digits` digits (13 unless given).
 */
export function decimalArb(options: {
  readonly negative: boolean;
  readonly digits?: number;
  readonly exponent?: boolean;
}): fc.Arbitrary<RawValue> {
  const most = 10n ** BigInt(options.digits ?? 13);
  return fc
    .tuple(
      fc.bigInt({ min: options.negative ? -most : 0n, max: most }),
      fc.integer({ min: 0, max: 9 }),
      fc.constantFrom("text", "text", "text", "number", options.exponent === false ? "text" : "exponent"),
    )
    .map(([digits, decimals, form]) => {
      const negative = digits < 0n;
      const abs = (negative ? -digits : digits).toString().padStart(decimals + 1, "0");
      const text = `${negative ? "-" : ""}${abs.slice(0, abs.length - decimals)}${decimals > 0 ? "." : ""}${abs.slice(abs.length - decimals)}`;
      if (form === "number") return Number(text);
      if (form === "exponent") return `${negative ? "-" : ""}${abs}e-${decimals}`;
      return text;
    });
}

/** Values no numeric meter reads. */
export const INVALID_NUMBERS: ReadonlyArray<RawValue | undefined> = [
  "12,5",
  "",
  true,
  null,
  undefined,
  "1e15",
  "0.0000000001",
  "n/a",
];

/** What {@link rawEventsArb} draws events from. */
export interface RawEventsOptions {
  readonly ids: ReadonlyArray<string>;
  /** The meters' event type (drawn 4 times in 5), besides `"other"`. */
  readonly type: string;
  readonly instants: fc.Arbitrary<number>;
  /** Each property's value, undefined for a missing property. */
  readonly properties: fc.Arbitrary<Readonly<Record<string, RawValue | undefined>>>;
  /** The value a conflicting copy gets in place of the original's. */
  readonly conflict: Readonly<Record<string, RawValue>>;
  readonly maxLength?: number;
}

/**
 * Events of customer `cus` (and 1 in 5 of `cus2`) with ids from a small set, so that ids repeat, plus
 * copies of some of them: the same event again, its instant written with an offset (the same payload),
 * or with another value (a conflict); all in any order.
 */
export function rawEventsArb(options: RawEventsOptions): fc.Arbitrary<RawEvent[]> {
  const eventArb: fc.Arbitrary<RawEvent> = fc.record({
    id: fc.constantFrom(...options.ids),
    type: fc.constantFrom(options.type, options.type, options.type, options.type, "other"),
    customer: fc.constantFrom("cus", "cus", "cus", "cus", "cus2"),
    timestamp: options.instants.map((t) => new Date(t).toISOString()),
    properties: options.properties.map((drawn) => {
      const properties: Record<string, RawValue> = {};
      for (const [key, value] of Object.entries(drawn)) if (value !== undefined) properties[key] = value;
      return properties;
    }),
  });
  return fc
    .tuple(
      fc.array(eventArb, { maxLength: options.maxLength ?? 14 }),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom("same", "offset", "other")), { maxLength: 5 }),
      fc.array(fc.nat()),
    )
    .map(([events, copies, order]) => {
      const all: RawEvent[] = [...events];
      for (const [pick, how] of copies) {
        if (events.length === 0) break;
        const original = events[pick % events.length]!;
        if (how === "same") all.push({ ...original, properties: { ...original.properties } });
        if (how === "offset")
          all.push({ ...original, timestamp: original.timestamp.replace(/\.000Z$/, "+00:00") });
        if (how === "other")
          all.push({ ...original, properties: { ...original.properties, ...options.conflict } });
      }
      // any order: a stable sort by drawn keys
      const keyed = all.map((event, index) => ({ event, key: order[index] ?? index }));
      return keyed.sort((x, y) => x.key - y.key).map(({ event }) => event);
    });
}

/** Compares usage reports' `excluded` lists whatever their order. */
const byReason = <T extends { readonly reason: string }>(list: ReadonlyArray<T>): T[] =>
  [...list].sort((x, y) => (x.reason < y.reason ? -1 : x.reason > y.reason ? 1 : 0));

/** `quantity` × a price in cents, half-even to cents, and 0.00 below zero (a charge that is no credit). */
function billedAt(quantity: Ratio, priceCents: bigint): string {
  const amount = centsAt(quantity, priceCents);
  return amount.startsWith("-") ? "0.00" : amount;
}

/** A line bills exactly `quantity` (its usage step's fraction, or its quantity) at a price in cents. */
export function expectBilled(
  line: {
    readonly quantity?: string | undefined;
    readonly amount: string;
    readonly steps: ReadonlyArray<unknown>;
  },
  key: string,
  quantity: Ratio,
  priceCents: bigint,
  /** The line's share of the period, for a level priced per piece of a cut period (docs/contracts.md). */
  share: Ratio = [1n, 1n],
): void {
  const got = lineRatio(line);
  expect({ key, got: got.map(String), cmp: compareRatio(got, quantity) }).toEqual({
    key,
    got: got.map(String),
    cmp: 0,
  });
  const shared: Ratio = [quantity[0] * share[0], quantity[1] * share[1]];
  expect({ key, amount: line.amount }).toEqual({ key, amount: billedAt(shared, priceCents) });
}

/** Every event is read, and counted or excluded with its reason and count, as the oracle's outcomes say. */
export function expectAccounted(
  usage: {
    readonly eventsRead: number;
    readonly eventsCounted: number;
    readonly excluded: ReadonlyArray<{ readonly reason: string }>;
  },
  events: ReadonlyArray<RawEvent>,
  outcomes: ReadonlyArray<Outcome>,
): void {
  expect(usage.eventsRead).toBe(events.length);
  expect(usage.eventsCounted).toBe(outcomes.filter((outcome) => outcome === "counted").length);
  expect(byReason(usage.excluded)).toEqual(byReason(excludedOf(events, outcomes)));
}

interface BilledLine {
  readonly chargeId: string;
  readonly group?: Readonly<Record<string, unknown>> | undefined;
  readonly quantity?: string | undefined;
  readonly amount: string;
  readonly steps: ReadonlyArray<unknown>;
}

/** A line's key: its charge, and for a line of a group by region, the region as JSON (`s_by_region "na"`). */
const regionLineKey = (line: BilledLine): string =>
  line.group === undefined ? line.chargeId : `${line.chargeId} ${JSON.stringify(line.group.region ?? null)}`;

/** The invoice has exactly the lines expected, by key, each billing its exact quantity at the price. */
export function expectLinesBilled(
  lines: ReadonlyArray<BilledLine>,
  expected: ReadonlyMap<string, Ratio>,
  priceCents: bigint,
): void {
  const billed = new Map(lines.map((line) => [regionLineKey(line), line]));
  expect([...billed.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, quantity] of expected) expectBilled(billed.get(key)!, key, quantity, priceCents);
}
