import fc from "fast-check";
import { type Contract, type Period, parseContract, periodOf, ROUNDING_MODES } from "../../src/index.js";
import { addLocalDays, formatLocalDate, startOfLocalDate, toLocalDate } from "../../src/time/index.js";
import { type ChargeJson, chargeArb } from "./contractCharges.js";
import { type MeterJson, metersArb } from "./contractMeters.js";
import {
  addDays,
  amendmentsArb,
  commitmentsArb,
  discountsArb,
  GRANT_UNIT,
  grantsArb,
  overridesArb,
  poolsArb,
  taxArb,
} from "./contractTerms.js";
import { sometimes } from "./sometimes.js";

/**
 * Whole contracts, as a user writes them (JSON, decimals as text), with every price model, meter shape
 * and contract term, together with the billing period to rate. The generated JSON is what
 * `parseContract` receives; {@link materialize} parses it and resolves the period, so a test can rate it.
 *
 * The contract's customer is {@link CUSTOMER}; its zone is one where days are not 24 hours (DST at 2:00
 * or at midnight, half-hour and 45-minute offsets, Lord Howe's half-hour DST); its currency has 0 to 4
 * decimals or is a unit of the contract's own (0 to 8).
 */

/** The customer every generated contract bills. */
export const CUSTOMER = "cus_fuzz";

const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/London",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "America/Sao_Paulo",
  "America/Havana",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "America/St_Johns",
] as const;

/** Which period of the contract a scenario rates. */
interface PeriodChoice {
  /** The billing period: 0 holds the term start, 1 the one after, … */
  readonly index: number;
  /** A part of it only: from this many local days after its start, for `days` days (clipped to its end). */
  readonly part?: { readonly fromDay: number; readonly days: number };
}

/** A contract as written and the period to rate it for. */
export interface ContractScenario {
  readonly json: Readonly<Record<string, unknown>>;
  readonly period: PeriodChoice;
}

/** Options of {@link contractScenarioArb}. */
export interface ScenarioOptions {
  /**
   * Term and trial boundaries as local dates only (no instants with offsets), so that every period can
   * be written as the CLI's `--period` (local dates).
   */
  readonly datesOnly?: boolean;
  /** Now and then price every charge on a windowed sum meter window by window (`windows`, one setting for all). */
  readonly windowPricing?: boolean;
  /** Always give the contract tax terms (they are otherwise left out about half the time). */
  readonly taxed?: boolean;
  /**
   * Always bill in an ISO 4217 currency, never the custom unit POINTS (otherwise half the contracts), for
   * laws that only hold for ISO currencies (FOCUS's BillingCurrency, Stripe's documents) and would
   * otherwise skip half their runs.
   */
  readonly isoCurrency?: boolean;
}

const WINDOW_PRICINGS = [
  { tiers: "each_window" },
  { tiers: "running_total" },
  { tiers: "each_window", rounding: "each_window" },
  { tiers: "running_total", rounding: "each_window" },
] as const;

// The charges `windows` may price: on a meter that adds up windows, with nothing that prices the total
// as a whole (a contract quantity, included units, full-quantity tiers, a pool's draw).
function withWindowPricing(
  charges: ReadonlyArray<ChargeJson>,
  meters: ReadonlyArray<MeterJson>,
  pools: ReadonlyArray<Record<string, unknown>>,
  setting: (typeof WINDOW_PRICINGS)[number] | undefined,
): ChargeJson[] {
  if (setting === undefined) return [...charges];
  const pooled = new Set(pools.flatMap((pool) => pool.charges as string[]));
  return charges.map((charge) => {
    const meter = meters.find((candidate) => candidate.id === charge.meter);
    const eligible =
      meter?.window !== undefined &&
      meter.aggregation === "sum" &&
      charge.quantity === undefined &&
      charge.included === undefined &&
      charge.transform?.included === undefined &&
      charge.tiersBy === undefined &&
      !pooled.has(charge.id);
    return eligible ? { ...charge, windows: { ...setting } } : charge;
  });
}

const isoCurrencyArb = fc.constantFrom(
  { code: "USD", minorUnits: 2 },
  { code: "EUR", minorUnits: 2 },
  { code: "JPY", minorUnits: 0 },
  { code: "BHD", minorUnits: 3 },
  { code: "CLF", minorUnits: 4 },
);

const currencyArb = fc.oneof(
  isoCurrencyArb,
  fc.constantFrom(0, 1, 6, 8).map((minorUnits) => ({ code: "POINTS", minorUnits, custom: true as const })),
);

const billingArb = fc
  .record({
    cadence: fc.constantFrom("monthly", "monthly", "daily", "weekly", "quarterly", "annual"),
    alignment: fc.constantFrom("calendar", "anniversary"),
    anchorDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }),
    anchorMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    proration: fc.option(fc.constantFrom("second", "day"), { nil: undefined }),
  })
  // Anchors only where the cadence reads them (parseContract refuses the others): a day of the month for
  // monthly, quarterly and annual periods, a month for quarterly and annual ones.
  .map(({ cadence, alignment, anchorDay, anchorMonth, proration }) => ({
    cadence,
    alignment,
    ...(alignment === "calendar" && anchorDay !== undefined && cadence !== "daily" && cadence !== "weekly"
      ? { anchorDay }
      : {}),
    ...(alignment === "calendar" &&
    anchorMonth !== undefined &&
    (cadence === "quarterly" || cadence === "annual")
      ? { anchorMonth }
      : {}),
    ...(proration !== undefined ? { proration } : {}),
  }));

/** A local date in 2024–2027 (leap day included). */
const startDateArb = fc.integer({ min: 0, max: 4 * 365 }).map((days) => addDays("2024-01-01", days));

/** A term boundary written as an instant with an offset: 13:45 at +05:30 on the date. */
const instantOn = (date: string, time: string) => `${date}T${time}`;

function termArb(datesOnly: boolean) {
  return fc
    .record({
      start: startDateArb,
      startTime: datesOnly
        ? fc.constant(undefined)
        : sometimes(fc.constantFrom("13:45:00+05:30", "00:00:00Z", "23:59:59.999-08:00"), 4),
      length: fc.option(fc.integer({ min: 2, max: 800 }), { nil: undefined }),
      trial: sometimes(fc.integer({ min: 2, max: 60 }), 5),
    })
    .map(({ start, startTime, length, trial }) => ({
      startDate: start,
      term: {
        start: startTime === undefined ? start : instantOn(start, startTime),
        ...(length !== undefined ? { end: addDays(start, length) } : {}),
      },
      ...(trial !== undefined ? { trial: { end: addDays(start, trial) } } : {}),
    }));
}

const periodChoiceArb: fc.Arbitrary<PeriodChoice> = fc.record(
  {
    index: fc.constantFrom(0, 0, 1, 1, 2, 3),
    part: fc.record({ fromDay: fc.integer({ min: 0, max: 20 }), days: fc.integer({ min: 1, max: 20 }) }),
  },
  { requiredKeys: ["index"] },
);

/** Charges c0, c1, … (1–5) on the given meters. */
function chargesArb(meters: ReadonlyArray<MeterJson>): fc.Arbitrary<ChargeJson[]> {
  return fc
    .integer({ min: 1, max: 5 })
    .chain((count) => fc.tuple(...Array.from({ length: count }, (_, at) => chargeArb(`c${at}`, meters))));
}

/** A whole contract with every kind of term, and the period to rate. */
export function contractScenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<ContractScenario> {
  return fc
    .record({
      currency: options.isoCurrency ? isoCurrencyArb : currencyArb,
      grantUnitMinorUnits: fc.integer({ min: 0, max: 4 }),
      timeZone: fc.constantFrom(...ZONES),
      billing: billingArb,
      dates: termArb(options.datesOnly ?? false),
      rounding: fc.option(fc.constantFrom(...ROUNDING_MODES), { nil: undefined }),
      meters: metersArb,
      period: periodChoiceArb,
    })
    .chain((base) =>
      chargesArb(base.meters).chain((charges) =>
        amendmentsArb(charges, base.meters, base.dates.startDate).chain((amendments) =>
          poolsArb(charges, amendments, base.dates.startDate).chain((pooled) => {
            const ids = pooled.charges.map((charge) => charge.id);
            const start = base.dates.startDate;
            const { minorUnits } = base.currency;
            return fc
              .record(
                {
                  overrides: overridesArb(pooled.charges, amendments, base.meters, start),
                  discounts: discountsArb(ids, start, minorUnits),
                  commitments: commitmentsArb(ids, minorUnits),
                  credits: grantsArb(ids, start, minorUnits, base.grantUnitMinorUnits),
                  creditBurnOrder: fc.constantFrom("priority", "expiry", "narrowest"),
                  tax: taxArb(ids),
                  windowPricing: options.windowPricing
                    ? fc.option(fc.constantFrom(...WINDOW_PRICINGS), { nil: undefined })
                    : fc.constant(undefined),
                  metadata: fc.constantFrom(
                    { poNumber: "PO-0001" },
                    { entity: "Acme GmbH", "po/ref": "ü 1" },
                  ),
                },
                { requiredKeys: options.taxed ? ["tax"] : [] },
              )
              .map((terms): ContractScenario => {
                const overrides = terms.overrides ?? [];
                const meters = withAmountMeters(base.meters, pooled.charges, amendments, overrides);
                const units = [
                  ...("custom" in base.currency
                    ? [{ code: base.currency.code, minorUnits: base.currency.minorUnits }]
                    : []),
                  ...((terms.credits ?? []).some((grant) => grant.unit === GRANT_UNIT)
                    ? [{ code: GRANT_UNIT, minorUnits: base.grantUnitMinorUnits }]
                    : []),
                ];
                return {
                  period: base.period,
                  json: {
                    schemaVersion: 1,
                    id: "ctr_fuzz",
                    customer: { id: CUSTOMER, name: "Fuzz & Söhne" },
                    currency: base.currency.code,
                    ...(units.length > 0 ? { customUnits: units } : {}),
                    timeZone: base.timeZone,
                    billing: base.billing,
                    term: base.dates.term,
                    ...("trial" in base.dates ? { trial: base.dates.trial } : {}),
                    ...(base.rounding !== undefined ? { rounding: { mode: base.rounding } } : {}),
                    meters,
                    charges: withWindowPricing(pooled.charges, meters, pooled.pools, terms.windowPricing),
                    ...(pooled.pools.length > 0 ? { allowances: pooled.pools } : {}),
                    ...(amendments.length > 0 ? { amendments } : {}),
                    ...(overrides.length > 0 ? { overrides } : {}),
                    ...nonEmpty("discounts", terms.discounts),
                    ...nonEmpty("commitments", terms.commitments),
                    ...nonEmpty("credits", terms.credits),
                    ...((terms.credits ?? []).length > 0 && terms.creditBurnOrder !== undefined
                      ? { creditBurnOrder: terms.creditBurnOrder }
                      : {}),
                    ...(terms.tax !== undefined ? { tax: terms.tax } : {}),
                    ...(terms.metadata !== undefined ? { metadata: terms.metadata } : {}),
                  },
                };
              });
          }),
        ),
      ),
    );
}

// Aggregations whose events carry no amount for a per-event price (percentage) to read.
const NO_AMOUNTS = new Set(["count", "unique_count", "weighted_sum"]);

/**
 * The meters, each one a percentage price reads (a charge's own, an amendment's, an override's) made a
 * plain sum of an amount when its events carry none (no valueProperty, a unique_count, a weighted_sum):
 * the contract check refuses such a pairing, and the fuzzing wants contracts that rate.
 */
function withAmountMeters(
  meters: ReadonlyArray<MeterJson>,
  own: ReadonlyArray<ChargeJson>,
  amendments: ReadonlyArray<Record<string, unknown>>,
  overrides: ReadonlyArray<Record<string, unknown>>,
): MeterJson[] {
  const definitions = [
    ...own,
    ...amendments.flatMap((amendment) => (amendment.charges ?? []) as ChargeJson[]),
  ];
  const charges = [
    ...definitions,
    ...overrides.flatMap((override) =>
      override.price === undefined
        ? []
        : definitions
            .filter((charge) => charge.id === override.charge)
            .map((charge) => ({ ...charge, price: override.price })),
    ),
  ];
  const readers = new Set(
    charges
      .filter((charge) => charge.meter !== undefined && JSON.stringify(charge.price).includes('"percentage"'))
      .map((charge) => charge.meter!),
  );
  return meters.map((meter) =>
    readers.has(meter.id) &&
    (meter.valueProperty === undefined || NO_AMOUNTS.has(meter.aggregation as string))
      ? {
          id: meter.id,
          eventType: meter.eventType,
          aggregation: "sum",
          valueProperty: "v",
          ...(meter.unit !== undefined ? { unit: meter.unit } : {}),
        }
      : { ...meter },
  );
}

function nonEmpty<K extends string>(key: K, list: ReadonlyArray<unknown> | undefined) {
  return list !== undefined && list.length > 0 ? { [key]: list } : {};
}

/** A scenario ready to rate: the parsed contract, the billing period and the period asked for. */
export interface MaterializedScenario {
  readonly contract: Contract;
  readonly billingPeriod: Period;
  readonly period: Period;
  /** The period as the CLI's `--period` writes it (local dates in the contract's zone). */
  readonly label: string;
}

/**
 * Parses the scenario's contract and resolves its period: the `index`-th billing period from the one
 * holding the term start, or the part of it the choice names (whole local days).
 * @throws ContractError when the contract does not parse (a generator bug: the tests assert it never does)
 */
export function materialize(scenario: ContractScenario): MaterializedScenario {
  const contract = parseContract(scenario.json);
  const first = periodOf(contract.cycle, contract.term.start);
  // A later period past the term's end would only be refused (invalid_period): rate the first instead.
  let billingPeriod = first;
  for (let n = 0; n < scenario.period.index; n += 1) {
    const next = periodOf(contract.cycle, billingPeriod.end);
    if (contract.term.end !== undefined && next.start >= contract.term.end) break;
    billingPeriod = next;
  }
  const zone = contract.timeZone;
  const part = scenario.period.part;
  let period = billingPeriod;
  if (part !== undefined) {
    const day = toLocalDate(billingPeriod.start, zone);
    const start = startOfLocalDate(addLocalDays(day, part.fromDay), zone);
    const end = Math.min(
      startOfLocalDate(addLocalDays(day, part.fromDay + part.days), zone),
      billingPeriod.end,
    );
    // a part before the term start would only be refused (invalid_period): rate the whole period then
    if (start < end && end > contract.term.start) period = { start, end };
  }
  const label = `${formatLocalDate(toLocalDate(period.start, zone))}/${formatLocalDate(toLocalDate(period.end, zone))}`;
  return { contract, billingPeriod, period, label };
}

/** The period after `period`'s billing period (for rating a sequence). */
export function nextBillingPeriod(contract: Contract, billingPeriod: Period): Period {
  return periodOf(contract.cycle, billingPeriod.end);
}
