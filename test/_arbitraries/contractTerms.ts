import fc from "fast-check";
import { Decimal } from "../../src/money/index.js";
import { scalesWithin } from "./bounds.js";
import {
  type ChargeJson,
  chargeArb,
  flatPriceArb,
  groupingPriceArb,
  quantityPriceArb,
  takesTransform,
  toJson,
  usagePriceArb,
} from "./contractCharges.js";
import { carriesState, type MeterJson } from "./contractMeters.js";
import { simplePriceArb } from "./prices.js";
import { sometimes } from "./sometimes.js";

/**
 * The contract terms around the charges, for whole generated contracts (wholeContracts.ts), as contract
 * JSON: amendments, overrides (whole charge or by dimension), allowance pools, a trial, discounts,
 * commitments, credit grants (money or a custom unit, every burn order) and tax. Each generator takes
 * what its cross-references need (the charges, the meters, the term start) and builds only what the
 * schema accepts, so that the laws run on real contracts; test/invoice/hostileContracts.property.test.ts
 * asserts that every generated contract parses.
 */

/** The calendar date `days` after `date` (YYYY-MM-DD), by civil arithmetic. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** A subset of `ids` (at least one), in contract order. */
function someOf(ids: ReadonlyArray<string>): fc.Arbitrary<string[]> {
  return fc.subarray([...ids], { minLength: 1 }).map((picked) => ids.filter((id) => picked.includes(id)));
}

function optionally<T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq });
}

/** A whole number of minor units as text: "12.34" for 2 decimals, "1234" for 0. */
function minorAmountArb(minorUnits: number, maxUnits = 100_000_00): fc.Arbitrary<string> {
  return fc
    .integer({ min: 1, max: maxUnits })
    .map((units) => new Decimal(units).div(new Decimal(10).pow(minorUnits)).toFixed(minorUnits));
}

// ── amendments and overrides ─────────────────────────────────────────────────────────────────────

/**
 * 0–2 amendments, effective on increasing days after `start`. Each replaces charges of the contract
 * (keeping their billing timing, as the contract requires), adds charges of its own (ids a0c0, …) and
 * may remove one charge known by then.
 */
export function amendmentsArb(
  charges: ReadonlyArray<ChargeJson>,
  meters: ReadonlyArray<MeterJson>,
  start: string,
): fc.Arbitrary<Array<Record<string, unknown>>> {
  const one = (index: number) =>
    fc
      .record({
        replaced: fc.subarray([...charges], { maxLength: Math.min(2, charges.length) }),
        added: fc.integer({ min: 0, max: 1 }),
        remove: fc.boolean(),
        pick: fc.nat(),
      })
      .chain(({ replaced, added, remove, pick }) =>
        fc
          .tuple(
            fc.tuple(
              ...replaced.map((charge) =>
                chargeArb(charge.id, meters, { billed: charge.billed ?? "in_arrears" }).map((next) =>
                  charge.billed === undefined ? withoutBilled(next) : next,
                ),
              ),
            ),
            fc.tuple(...Array.from({ length: added }, (_, at) => chargeArb(`a${index}c${at}`, meters))),
          )
          .map(([replacements, additions]) => ({
            charges: [...replacements, ...additions],
            remove: remove ? [charges[pick % charges.length]!.id] : [],
          })),
      );
  return fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { maxLength: 2 }).chain((days) => {
    const sorted = [...days].sort((a, b) => a - b);
    return fc.tuple(...sorted.map((_, index) => one(index))).map((bodies) =>
      bodies.map((body, index) => ({
        id: `amend${index}`,
        effective: addDays(start, sorted[index]!),
        ...(body.charges.length > 0 ? { charges: body.charges } : {}),
        ...(body.remove.length > 0 ? { remove: body.remove } : {}),
      })),
    );
  });
}

function withoutBilled(charge: ChargeJson): ChargeJson {
  const { billed: _billed, ...rest } = charge;
  return rest as ChargeJson;
}

/**
 * 0–3 overrides: a multiplier or a replacement price on a whole charge, from the term start or a later
 * day, and on the groups of a matrix or grouped charge no amendment redefines (`where`, with a price of
 * one quantity or a multiplier). A replacement price is one every version of the charge could have
 * been written with (see {@link replacementArb}), and never negative (a negative one would need every
 * version of the charge to be a credit).
 */
export function overridesArb(
  charges: ReadonlyArray<ChargeJson>,
  amendments: ReadonlyArray<Record<string, unknown>>,
  meters: ReadonlyArray<MeterJson>,
  start: string,
): fc.Arbitrary<Array<Record<string, unknown>>> {
  const redefined = new Set(
    amendments.flatMap((amendment) =>
      ((amendment.charges as ChargeJson[] | undefined) ?? []).map((charge) => charge.id),
    ),
  );
  const every = [
    ...charges,
    ...amendments.flatMap((amendment) => (amendment.charges as ChargeJson[] | undefined) ?? []),
  ];
  const targets = [...new Set(every.map((charge) => charge.id))].map((id) => ({
    id,
    price: replacementArb(
      every.filter((charge) => charge.id === id),
      meters,
    ),
  }));
  const grouped = charges.filter(
    (charge) =>
      (charge.price.model === "matrix" || charge.price.model === "grouped") && !redefined.has(charge.id),
  );
  const multiplierArb = fc.constantFrom(...MULTIPLIERS);
  const whole = fc.record(
    {
      charge: fc.constantFrom(...targets).chain((target) =>
        fc
          .oneof(
            multiplierArb.map((multiplier): Record<string, unknown> => ({ multiplier })),
            ...(target.price === undefined ? [] : [target.price.map((price) => ({ price }))]),
          )
          .map((change) => ({ id: target.id, change })),
      ),
      from: fc.integer({ min: 0, max: 90 }).map((days) => addDays(start, days)),
    },
    { requiredKeys: ["charge"] },
  );
  const byGroup =
    grouped.length === 0
      ? undefined
      : fc.record(
          {
            charge: fc.constantFrom(...grouped),
            from: fc.integer({ min: 0, max: 90 }).map((days) => addDays(start, days)),
            value: fc.constantFrom("na", "eu", "http", "A", 1),
            change: fc.oneof(
              multiplierArb.map((multiplier): Record<string, unknown> => ({ multiplier })),
              simplePriceArb.map((price) => ({ price: toJson(price) as Record<string, unknown> })),
            ),
          },
          { requiredKeys: ["charge", "value", "change"] },
        );
  const entry = byGroup === undefined ? whole : fc.oneof(whole, byGroup);
  return fc.array(entry, { maxLength: 3 }).map((drawn) => {
    // A `where` must name a dimension of every price the charge can have when it applies: its own and
    // the whole-charge replacements listed before it (the contract checks this).
    const replacements = new Map<string, Record<string, unknown>[]>();
    const kept: Array<Record<string, unknown>> = [];
    drawn.forEach((override, index) => {
      if (!("value" in override)) {
        const { charge, ...rest } = override as { charge: { id: string; change: Record<string, unknown> } };
        const { id, change } = charge;
        if (change.price !== undefined)
          replacements.set(id, [...(replacements.get(id) ?? []), change.price as Record<string, unknown>]);
        kept.push({ id: `ovr${index}`, charge: id, ...rest, ...change });
        return;
      }
      const { change, charge, value, ...rest } = override as {
        change: Record<string, unknown>;
        charge: ChargeJson;
        value: string | number;
        from?: string;
      };
      // a grouped charge with a transform takes only group prices that read a billable quantity
      if (
        charge.transform !== undefined &&
        change.price !== undefined &&
        !takesTransform(change.price as ChargeJson["price"])
      )
        return;
      const dimension = ((charge.price.dimensions ?? charge.price.groupBy) as string[])[0]!;
      const groups = (price: Record<string, unknown>) =>
        ((price.dimensions ?? price.groupBy ?? []) as string[]).includes(dimension);
      if (!(replacements.get(charge.id) ?? []).every(groups)) return;
      kept.push({ id: `ovr${index}`, charge: charge.id, ...rest, where: { [dimension]: value }, ...change });
    });
    return withinScaledBounds(kept, every);
  });
}

/** The multipliers overrides draw from, tried in this order when the one drawn would break a bound. */
const MULTIPLIERS = ["0", "0.5", "0.8", "1", "1.25", "3", "0.333"] as const;

/**
 * `overrides` with each multiplier kept where the prices it makes stay within their bounds
 * (docs/decisions/numeric-bounds.md, "Prices an override makes"): the multipliers of one charge compound,
 * and the product up to each one, times every price the charge can have (its own, its amendments', every
 * override's price), must stay within the bound of each money field. A multiplier that would break one
 * (0.333 on a unit price of 13 decimals) becomes the next in {@link MULTIPLIERS} that does not ("1" and
 * "0" always do); the refusal of one that does is its own property (hostileContracts.property.test.ts).
 */
function withinScaledBounds(
  overrides: ReadonlyArray<Record<string, unknown>>,
  charges: ReadonlyArray<ChargeJson>,
): Array<Record<string, unknown>> {
  const factors = new Map<string, Decimal>();
  return overrides.map((override) => {
    if (override.multiplier === undefined) return override;
    const id = override.charge as string;
    const prices = pricesOf(id, charges, overrides);
    const before = factors.get(id) ?? new Decimal(1);
    const drawn = MULTIPLIERS.indexOf(override.multiplier as (typeof MULTIPLIERS)[number]);
    const candidates = [...MULTIPLIERS.slice(drawn), ...MULTIPLIERS.slice(0, drawn)];
    const multiplier = candidates.find((candidate) => scalesWithin(prices, before.times(candidate)))!;
    factors.set(id, before.times(multiplier));
    return { ...override, multiplier };
  });
}

/** Every price charge `id` can have: its definitions' (the contract's and the amendments') and its overrides'. */
export function pricesOf(
  id: string,
  charges: ReadonlyArray<ChargeJson>,
  overrides: ReadonlyArray<Record<string, unknown>>,
): unknown[] {
  return [
    ...charges.filter((charge) => charge.id === id).map((charge) => charge.price),
    ...overrides
      .filter((override) => override.charge === id && override.price !== undefined)
      .map((o) => o.price),
  ];
}

/**
 * A price every version of a charge could have been written with, or undefined when there is none:
 * a flat fee for a fee; a price of one quantity for seats; for a metered charge a usage price (one that
 * reads a billable quantity when a version has a transform), or a matrix or grouped price when no
 * version has a line minimum or maximum and the meter carries no state. Capacity is left out (its
 * limits name meters of their own).
 */
function replacementArb(
  versions: ReadonlyArray<ChargeJson>,
  meters: ReadonlyArray<MeterJson>,
): fc.Arbitrary<ChargeJson["price"]> | undefined {
  const fee = versions.every((charge) => charge.meter === undefined && charge.quantity === undefined);
  if (fee) return flatPriceArb;
  if (versions.every((charge) => charge.quantity !== undefined)) return quantityPriceArb;
  if (!versions.every((charge) => charge.meter !== undefined)) return undefined;
  const transformed = versions.some((charge) => charge.transform !== undefined);
  const groupable = versions.every(
    (charge) =>
      charge.minimum === undefined &&
      charge.maximum === undefined &&
      !meters.some((meter) => meter.id === charge.meter && carriesState(meter)),
  );
  const prices = [transformed ? quantityPriceArb : usagePriceArb];
  if (groupable) prices.push(groupingPriceArb.filter((price) => !transformed || takesTransform(price)));
  return fc.oneof(...prices);
}

// ── allowance pools ──────────────────────────────────────────────────────────────────────────────

/**
 * 0–2 allowance pools over metered charges that price a billable quantity and that no amendment
 * redefines. Every pooled charge bills in the unit "units" (its transform says so), as a pool needs.
 */
export function poolsArb(
  charges: ReadonlyArray<ChargeJson>,
  amendments: ReadonlyArray<Record<string, unknown>>,
  start?: string,
): fc.Arbitrary<{ pools: Array<Record<string, unknown>>; charges: ChargeJson[] }> {
  const redefined = new Set(
    amendments.flatMap((amendment) =>
      ((amendment.charges as ChargeJson[] | undefined) ?? []).map((charge) => charge.id),
    ),
  );
  const eligible = charges.filter(
    (charge) =>
      charge.meter !== undefined &&
      charge.quantity === undefined &&
      takesTransform(charge.price) &&
      !redefined.has(charge.id),
  );
  if (eligible.length === 0) return fc.constant({ pools: [], charges: [...charges] });
  return fc
    .record({
      members: fc.shuffledSubarray(
        eligible.map((charge) => charge.id),
        { maxLength: Math.min(3, eligible.length) },
      ),
      split: fc.nat(),
      quantities: fc.tuple(
        fc.constantFrom("0", "1", "100", "0.5", "5000"),
        fc.constantFrom("0", "10", "250.75", "1e6"),
      ),
      // A dated resize of each pool, some days after the term starts (allowances[].changes).
      resize: fc.option(
        fc.record({ days: fc.integer({ min: 1, max: 60 }), quantity: fc.constantFrom("0", "7.25", "2000") }),
        { nil: undefined },
      ),
    })
    .map(({ members, split, quantities, resize }) => {
      if (members.length === 0) return { pools: [], charges: [...charges] };
      const cut = 1 + (split % members.length);
      const groups = [members.slice(0, cut), members.slice(cut)].filter((group) => group.length > 0);
      const pools = groups.map((group, index) => ({
        id: `pool${index}`,
        name: `Pool ${index}`,
        quantity: quantities[index]!,
        charges: group,
        ...(resize !== undefined && start !== undefined
          ? { changes: [{ effective: addDays(start, resize.days), quantity: resize.quantity }] }
          : {}),
      }));
      const pooled = new Set(members);
      return {
        pools,
        charges: charges.map((charge) =>
          pooled.has(charge.id)
            ? { ...charge, transform: { ...(charge.transform ?? {}), unit: "units" } }
            : charge,
        ),
      };
    });
}

// ── discounts, commitments, credits, tax ─────────────────────────────────────────────────────────

/** 0–3 discounts: percent or a whole amount of minor units, on some charges or all, for some periods or dates. */
export function discountsArb(
  chargeIds: ReadonlyArray<string>,
  start: string,
  minorUnits: number,
): fc.Arbitrary<Array<Record<string, unknown>>> {
  return fc
    .array(
      fc.record(
        {
          size: fc.oneof(
            fc.constantFrom("100", "10", "12.5", "0.001", "33.333", "99.99").map((percent) => ({ percent })),
            minorAmountArb(minorUnits, 50_000).map((amount) => ({ amount })),
          ),
          charges: someOf(chargeIds),
          periods: fc.integer({ min: 1, max: 3 }),
          from: fc.integer({ min: -10, max: 60 }),
          span: fc.integer({ min: 1, max: 90 }),
          until: fc.boolean(),
          partialPeriod: fc.constantFrom("period_share", "days_covered"),
        },
        { requiredKeys: ["size"] },
      ),
      { maxLength: 3 },
    )
    .map((drawn) =>
      drawn.map(({ size, charges, periods, from, span, until, partialPeriod }, index) => ({
        id: `disc${index}`,
        name: `Discount ${index}`,
        ...size,
        ...(charges !== undefined ? { charges } : {}),
        ...(periods !== undefined ? { periods } : {}),
        ...(from !== undefined ? { from: addDays(start, from) } : {}),
        ...(until === true ? { until: addDays(start, (from ?? 0) + (span ?? 30)) } : {}),
        // partialPeriod needs a date to cut a period with
        ...(partialPeriod !== undefined && (from !== undefined || until === true) ? { partialPeriod } : {}),
      })),
    );
}

/**
 * 0–2 commitments: a minimum (with an overage factor sometimes), a maximum, or both; scoped to nested
 * prefixes of one ordering of the charges or to the whole invoice, so scopes are nested as required.
 */
export function commitmentsArb(
  chargeIds: ReadonlyArray<string>,
  minorUnits: number,
): fc.Arbitrary<Array<Record<string, unknown>>> {
  return fc
    .record({
      order: fc.shuffledSubarray([...chargeIds], { minLength: chargeIds.length }),
      commitments: fc.array(
        fc.record({
          minimum: optionally(minorAmountArb(minorUnits, 200_000)),
          extra: optionally(minorAmountArb(minorUnits, 200_000)),
          factor: optionally(fc.constantFrom("1.25", "2", "1.0001")),
          scope: fc.option(fc.integer({ min: 1, max: chargeIds.length }), { nil: undefined }),
        }),
        { maxLength: 2 },
      ),
    })
    .map(({ order, commitments }) =>
      commitments.map(({ minimum, extra, factor, scope }, index) => {
        const maximum =
          extra === undefined ? undefined : new Decimal(minimum ?? "0").plus(extra).toFixed(minorUnits);
        const floor = minimum ?? (maximum === undefined ? minorAmount(1, minorUnits) : undefined);
        return {
          id: `commit${index}`,
          name: `Commitment ${index}`,
          ...(floor !== undefined ? { minimum: floor } : {}),
          ...(maximum !== undefined ? { maximum } : {}),
          ...(factor !== undefined && floor !== undefined ? { overageFactor: factor } : {}),
          ...(scope !== undefined ? { charges: order.slice(0, scope) } : {}),
        };
      }),
    );
}

function minorAmount(units: number, minorUnits: number): string {
  return new Decimal(units).div(new Decimal(10).pow(minorUnits)).toFixed(minorUnits);
}

/** The custom unit credit grants may be kept in. */
export const GRANT_UNIT = "TOKENS";

/**
 * 0–3 credit grants: promotional (recurring sometimes) or prepaid (taxed at purchase or at use, with a
 * cost basis sometimes), in money or in `GRANT_UNIT` worth `unitValue` each, with priorities, windows
 * and charge scopes. Amounts are whole minor units of the currency or of the unit (the contract
 * requires it).
 */
export function grantsArb(
  chargeIds: ReadonlyArray<string>,
  start: string,
  minorUnits: number,
  unitMinorUnits: number,
): fc.Arbitrary<Array<Record<string, unknown>>> {
  return fc
    .array(
      fc.record({
        kind: fc.constantFrom("promotional", "prepaid_purchase", "prepaid_use"),
        amount: fc.constantFrom("5", "100", "2500.50", "0.01", "1000000", "33.335"),
        inUnit: sometimes(fc.constantFrom("0.01", "0.0003", "1.5", "2"), 3),
        costBasis: optionally(fc.constantFrom("0", "0.85", "1")),
        priority: optionally(fc.integer({ min: 0, max: 3 })),
        effective: optionally(fc.integer({ min: -30, max: 60 })),
        span: optionally(fc.integer({ min: 1, max: 120 })),
        charges: optionally(someOf(chargeIds)),
        recurring: fc.boolean(),
      }),
      { maxLength: 3 },
    )
    .map((drawn) =>
      drawn.map((grant, index) => {
        const prepaid = grant.kind !== "promotional";
        const decimals = grant.inUnit === undefined ? minorUnits : unitMinorUnits;
        const amount = new Decimal(grant.amount).toDecimalPlaces(decimals, Decimal.ROUND_DOWN).toFixed();
        const effective = grant.effective === undefined ? undefined : addDays(start, grant.effective);
        const expires =
          grant.span === undefined ? undefined : addDays(start, (grant.effective ?? 0) + grant.span);
        return {
          id: `grant${index}`,
          name: `Grant ${index}`,
          kind: prepaid ? "prepaid" : "promotional",
          ...(prepaid ? { taxed: grant.kind === "prepaid_use" ? "at_use" : "at_purchase" } : {}),
          amount: new Decimal(amount).isZero() ? "1" : amount,
          ...(grant.inUnit !== undefined ? { unit: GRANT_UNIT, unitValue: grant.inUnit } : {}),
          ...(prepaid && grant.costBasis !== undefined ? { costBasis: grant.costBasis } : {}),
          ...(grant.priority !== undefined ? { priority: grant.priority } : {}),
          ...(effective !== undefined ? { effective } : {}),
          ...(expires !== undefined ? { expires } : {}),
          ...(grant.charges !== undefined && grant.kind !== "prepaid_use" ? { charges: grant.charges } : {}),
          ...(grant.recurring && !prepaid ? { recurring: true } : {}),
        };
      }),
    );
}

/** Tax: exclusive or inclusive, per line or per invoice, 1–2 rates, sometimes exempt or reverse charge. */
export function taxArb(chargeIds: ReadonlyArray<string>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(
      {
        mode: fc.constantFrom("exclusive", "inclusive"),
        rounding: fc.constantFrom("per_line", "per_invoice"),
        rates: fc.array(
          fc.record(
            {
              percent: fc.constantFrom("0", "19", "7.75", "8.875", "0.001", "25", "100"),
              charges: someOf(chargeIds),
            },
            { requiredKeys: ["percent"] },
          ),
          { minLength: 1, maxLength: 2 },
        ),
        status: fc.constantFrom("taxed", "taxed", "taxed", "exempt", "reverse"),
      },
      { requiredKeys: ["mode", "rates", "status"] },
    )
    .map(({ status, rates, ...rest }) => ({
      ...rest,
      rates: rates.map((rate, index) => ({ id: `vat${index}`, name: `VAT ${index}`, ...rate })),
      ...(status === "exempt" ? { exempt: { reason: "Charity" } } : {}),
      ...(status === "reverse"
        ? { reverseCharge: { note: "Reverse charge: VAT due by the recipient" } }
        : {}),
    }));
}
