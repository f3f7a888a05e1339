import type { ChargeTerms, Contract } from "../contracts/index.js";
import { type ChargeInForce, type OverrideInForce, scaleMoney, scaleWindowMoney } from "../rating/index.js";
import { objectSlot, perObject } from "../schema/index.js";
import {
  formatLocalDate,
  type Period,
  parseLocalDate,
  startOfLocalDate,
  toLocalDate,
} from "../time/index.js";
import type { InvoiceLine } from "./invoiceSchema.js";

type Override = Contract["overrides"][number];

/**
 * The charges in force at `instant`: the contract's, changed by every amendment effective by then,
 * then by every override in force, in contract order. A whole-charge override changes the charge's
 * price (replaced, or every money amount multiplied); one with `where` is kept on the charge for rating
 * to apply to the matching groups. Each charge lists the overrides that change its lines.
 *
 * The terms change only on amendment and override dates, so the list is built once per stretch between
 * two such dates and shared (a contract is immutable): rating every charge of a 10,000-charge contract
 * asks for it thousands of times.
 */
export function chargesAt(contract: Contract, instant: number): ReadonlyArray<ChargeInForce> {
  return termsVersion(contract, instant).charges;
}

/** The charge with id `id` in force at `instant`, if any (see {@link chargesAt}). */
export function chargeAt(contract: Contract, instant: number, id: string): ChargeInForce | undefined {
  return termsVersion(contract, instant).byId.get(id);
}

interface TermsVersion {
  readonly charges: ReadonlyArray<ChargeInForce>;
  readonly byId: ReadonlyMap<string, ChargeInForce>;
}

interface TermsTimeline {
  /** The instants the terms change on, ascending: amendment and override dates. */
  readonly changes: ReadonlyArray<number>;
  /** The overrides of each charge, in contract order, with their positions in the contract's list. */
  readonly overridesOf: ReadonlyMap<string, ReadonlyArray<IndexedOverride>>;
  /** The terms after `n` changes, built when first asked for. */
  readonly versions: Map<number, TermsVersion>;
}

interface IndexedOverride {
  readonly override: Override;
  readonly index: number;
}

const timelines = objectSlot<Contract, TermsTimeline>("termsTimeline");

function termsVersion(contract: Contract, instant: number): TermsVersion {
  let timeline = timelines.get(contract);
  if (timeline === undefined) {
    timeline = {
      changes: [
        ...new Set([
          ...contract.amendments.map((amendment) => amendment.effective),
          ...contract.overrides.map((override) => override.from),
        ]),
      ].sort((a, b) => a - b),
      overridesOf: groupBy(
        contract.overrides.map((override, index) => ({ override, index })),
        (indexed) => indexed.override.charge,
      ),
      versions: new Map(),
    };
    timelines.set(contract, timeline);
  }
  // How many changes have happened by `instant`: the terms are the same for every instant in between.
  const n = countAtOrBefore(timeline.changes, instant);
  let version = timeline.versions.get(n);
  if (version === undefined) {
    const charges = buildChargesAt(contract, timeline.overridesOf, instant);
    version = { charges, byId: new Map(charges.map((charge) => [charge.id, charge])) };
    timeline.versions.set(n, version);
  }
  return version;
}

// One pass per amendment over the charges, one per charge over its own overrides: linear in the charges.
function buildChargesAt(
  contract: Contract,
  overridesOf: ReadonlyMap<string, ReadonlyArray<IndexedOverride>>,
  instant: number,
): ChargeInForce[] {
  let charges: ChargeInForce[] = [...contract.charges];
  for (const amendment of contract.amendments) {
    if (amendment.effective > instant) break;
    const removed = new Set(amendment.remove);
    charges = charges.filter((charge) => !removed.has(charge.id));
    const position = new Map(charges.map((charge, at) => [charge.id, at]));
    for (const replacement of amendment.charges) {
      const at = position.get(replacement.id);
      if (at === undefined) {
        position.set(replacement.id, charges.length);
        charges.push(replacement);
      } else charges[at] = replacement;
    }
  }
  return charges.map((charge) =>
    (overridesOf.get(charge.id) ?? []).reduce(
      (current, indexed) =>
        indexed.override.from > instant ? current : withOverride(current, indexed.override, indexed.index),
      charge,
    ),
  );
}

// The number of `sorted` values ≤ `instant` (binary search).
function countAtOrBefore(sorted: ReadonlyArray<number>, instant: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= instant) low = middle + 1;
    else high = middle;
  }
  return low;
}

function groupBy<T>(items: ReadonlyArray<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

// Applies one override on top of those before it. A whole-charge replacement makes the earlier ones moot;
// a whole-charge multiplier also scales the group prices earlier overrides put in and its window buckets'
// prices and committed amounts (it multiplies every price the charge has at that point), while later
// ones are taken as written.
function withOverride(charge: ChargeInForce, override: Override, index: number): ChargeInForce {
  const earlier = charge.overrides ?? [];
  const entry: OverrideInForce = {
    id: override.id,
    index,
    ...(override.where !== undefined ? { where: override.where } : {}),
    ...(override.multiplier !== undefined ? { multiplier: override.multiplier } : {}),
    ...(override.price !== undefined ? { price: override.price } : {}),
  };
  if (override.where !== undefined) return { ...charge, overrides: [...earlier, entry] };
  if (override.price !== undefined)
    return { ...charge, price: override.price, priceFromOverride: index, overrides: [entry] };
  const multiplier = override.multiplier!;
  return {
    ...charge,
    price: scaleMoney(charge.price, multiplier),
    // Buckets priced window by window have prices and commitments of their own: money of the charge too.
    ...(charge.windows === undefined ? {} : { windows: scaleWindowMoney(charge.windows, multiplier) }),
    overrides: [
      ...earlier.map((before) =>
        before.where !== undefined && before.price !== undefined
          ? { ...before, price: scaleMoney(before.price, multiplier) }
          : before,
      ),
      entry,
    ],
  };
}

/**
 * The pieces of `period` between the amendments, overrides and `days_covered` discount dates inside it
 * (one piece when none falls inside): a discount on the days it covers reads those days' usage.
 */
export function piecesOf(contract: Contract, period: Period): Period[] {
  const cuts = [
    ...new Set([
      ...contract.amendments.map((amendment) => amendment.effective),
      ...contract.overrides.map((override) => override.from),
      ...discountDates(contract),
    ]),
  ]
    .filter((instant) => instant > period.start && instant < period.end)
    .sort((a, b) => a - b);
  const bounds = [period.start, ...cuts, period.end];
  return bounds.slice(0, -1).map((start, index) => ({ start, end: bounds[index + 1]! }));
}

// The from/until instants (local midnight) of the discounts applied to the days they cover.
function discountDates(contract: Contract): number[] {
  return contract.discounts
    .filter((discount) => discount.partialPeriod === "days_covered")
    .flatMap((discount) => [discount.from, discount.until])
    .filter((date): date is string => date !== undefined)
    .map((date) => startOfLocalDate(parseLocalDate(date)!, contract.timeZone));
}

/**
 * A text equal for two charges in force exactly when they bill alike: their terms and overrides are the
 * same (decimals write their value), so a piece of the period where an override starts or ends rates on
 * its own. The name and tags are left out: they say what the charge is called and how a contract
 * selects it (parseContract turns tags into lists of charge ids), not what it bills, so an amendment
 * that renames a charge and keeps its price neither splits its line, restarts its tiers nor settles a
 * fee billed in advance (until 5 December 2026 a 10.00 fee renamed twice in April billed 3.33 three
 * times, 9.99).
 */
export function chargeKey(charge: ChargeInForce): string {
  const { name: _named, tags: _tagged, ...billing } = charge;
  return JSON.stringify(billing);
}

/**
 * Every charge the contract or its amendments define, and each of them again with every price an
 * override puts in: what the meters must compute (an override to a grouped or percentage price needs
 * groups or each event's value that the charge's own price does not).
 */
export function allCharges(contract: Contract): ChargeTerms[] {
  const defined = [...contract.charges, ...contract.amendments.flatMap((amendment) => amendment.charges)];
  const definitions = groupBy(defined, (charge) => charge.id);
  const overridden = contract.overrides.flatMap((override) =>
    override.price === undefined
      ? []
      : (definitions.get(override.charge) ?? []).map((charge) => ({ ...charge, price: override.price! })),
  );
  return [...defined, ...overridden];
}

/** `@2026-03-17`: the suffix a piece's lines carry, the local date the piece starts on. */
export function pieceSuffix(contract: Contract, start: number): string {
  return `@${formatLocalDate(toLocalDate(start, contract.timeZone))}`;
}

/**
 * The local date a piece's line id ends with (`use@2026-02-15` → "2026-02-15", what pieceSuffix wrote),
 * or undefined for a line of the whole period. For readers that have a line's id and not the line (a
 * credit note's `corrects`).
 */
export function pieceDateOf(lineId: string): string | undefined {
  return /@(\d{4}-\d{2}-\d{2})$/.exec(lineId)?.[1];
}

/**
 * The charge an invoice line bills: its id up to a group (`[region=eu]`) or a piece's date
 * (`@2026-03-17`), characters no charge id has.
 * @example chargeOfLine("compute[region=eu]@2026-03-17") // "compute"
 */
export function chargeOfLine(lineId: string): string {
  const cut = lineId.search(/[[@]/);
  return cut === -1 ? lineId : lineId.slice(0, cut);
}

/** The same lines with `suffix` added to their ids (the lines of one piece of a split period). */
export function withIdSuffix<T extends { readonly lines: ReadonlyArray<InvoiceLine> }>(
  result: T,
  suffix: string,
): T {
  return { ...result, lines: result.lines.map((line) => ({ ...line, id: `${line.id}${suffix}` })) };
}

/**
 * The JSON path of the definition of charge `id` in force at `instant`, for error paths: the latest
 * amendment effective by then that defines it (`amendments[1].charges[0]`), else the contract's own
 * (`charges[2]`). A charge only an amendment defines is never placed past the end of `charges`.
 */
export function chargePath(contract: Contract, id: string, instant: number): string {
  const { own, amended } = definitionIndex(contract);
  for (let at = contract.amendments.length - 1; at >= 0; at -= 1) {
    if (contract.amendments[at]!.effective > instant) continue;
    const defined = amended[at]!.get(id);
    if (defined !== undefined) return defined;
  }
  return own.get(id) ?? "charges[-1]";
}

interface DefinitionIndex {
  readonly own: ReadonlyMap<string, string>;
  readonly amended: ReadonlyArray<ReadonlyMap<string, string>>;
}

// Where each charge id is defined (the contract's charges, each amendment's), built once per contract so
// that finding the paths of 10,000 charges stays linear. The first definition of an id wins. The paths
// are kept as text: writing them for every charge of every invoice was 1.7 % of rating from aggregates
// (issue 14).
const definitionIndex = perObject(
  (contract: Contract): DefinitionIndex => ({
    own: firstPaths(contract.charges, "charges"),
    amended: contract.amendments.map((amendment, at) =>
      firstPaths(amendment.charges, `amendments[${at}].charges`),
    ),
  }),
);

function firstPaths(charges: ReadonlyArray<{ readonly id: string }>, list: string): Map<string, string> {
  const paths = new Map<string, string>();
  charges.forEach((charge, at) => {
    if (!paths.has(charge.id)) paths.set(charge.id, `${list}[${at}]`);
  });
  return paths;
}
