import type { Contract } from "../contracts/index.js";
import {
  type ChargeInForce,
  groupDimensions,
  groupsNamedBy,
  priceSeenByGroup,
  reachesGroup,
} from "../rating/index.js";
import type { PropertyValue } from "../schema/index.js";
import type { Period } from "../time/index.js";
import { chargeAt, chargeKey, chargesAt } from "./termsAt.js";

/**
 * A stretch of consecutive pieces of the period in which a charge's terms stay the same: pieces
 * `first` to `last` (indices into the period's pieces), over `period`.
 */
export interface ChargeRun {
  readonly first: number;
  readonly last: number;
  readonly period: Period;
}

/**
 * The runs of charge `id` over the pieces of a split period: consecutive pieces where the same terms
 * are in force form one run, a change of terms starts the next, and a piece where the charge is not in
 * force belongs to none. The period is cut wherever any term of the contract changes (another charge's
 * amendment, an override, a discount on the days it covers); a charge is rated once per run, not once
 * per piece, so a cut that does not change its terms does not restart its tiers.
 * @example bandwidth amended on 10 March, requests on 17 March: bandwidth's runs are 1–10 and 10–31
 */
export function chargeRuns(contract: Contract, pieces: ReadonlyArray<Period>, id: string): ChargeRun[] {
  return runsOf(pieces, (piece) => {
    const charge = chargeAt(contract, piece.start, id);
    return charge === undefined ? undefined : chargeKey(charge);
  });
}

/**
 * The runs of one group of a matrix or grouped charge: as {@link chargeRuns}, over the terms as the
 * group sees them (`versions`, the charge in force in each piece, with only the overrides that reach the
 * group). An override on other groups cuts the period without starting a run of this group.
 * @example eu at half from the 10th, apac doubled from the 20th: eu's runs are 1–10 and 10–31, apac's 1–20 and 20–31
 */
export function groupRuns(
  pieces: ReadonlyArray<Period>,
  versions: ReadonlyArray<ChargeInForce | undefined>,
  group: Readonly<Record<string, PropertyValue>>,
): ChargeRun[] {
  return runsOf(pieces, (_, at) => {
    const version = versions[at];
    return version === undefined ? undefined : groupTermsKey(version, group);
  });
}

/**
 * The runs over which the groups of a matrix or grouped charge are rated, with the groups each is for:
 * every run of some group that is not the whole period (a group whose terms hold all period is rated
 * over it), in order of start, then end. The groups are told apart by the overrides' `where` only, so
 * the runs are those of one group per combination of the values the `where`s name (and none of them).
 */
export function groupedRuns(
  pieces: ReadonlyArray<Period>,
  versions: ReadonlyArray<ChargeInForce | undefined>,
): { readonly runs: ReadonlyArray<ChargeRun>; readonly isRunOf: (run: ChargeRun, group: Group) => boolean } {
  const keyOf = (run: ChargeRun) => `${run.first}/${run.last}`;
  const named = namedValues(versions);
  const runs = new Map<string, ChargeRun>();
  for (const group of overrideGroups(named))
    for (const run of groupRuns(pieces, versions, group))
      if (run.last - run.first < pieces.length - 1) runs.set(keyOf(run), run);
  const known = new Map<string, ReadonlySet<string>>();
  const runsOfGroup = (group: Group) => {
    const standIn = representative(group, named);
    const key = JSON.stringify(standIn);
    let found = known.get(key);
    if (found === undefined) {
      found = new Set(groupRuns(pieces, versions, standIn).map(keyOf));
      known.set(key, found);
    }
    return found;
  };
  return {
    runs: [...runs.values()].sort((a, b) => a.first - b.first || a.last - b.last),
    isRunOf: (run, group) => runsOfGroup(group).has(keyOf(run)),
  };
}

type Group = Readonly<Record<string, PropertyValue>>;

// The runs of consecutive pieces with the same key (undefined: in no run).
function runsOf(
  pieces: ReadonlyArray<Period>,
  keyAt: (piece: Period, at: number) => string | undefined,
): ChargeRun[] {
  const runs: ChargeRun[] = [];
  let previous: string | undefined;
  pieces.forEach((piece, at) => {
    const key = keyAt(piece, at);
    // The piece before had these same terms, so the last run ends there: it goes on to this piece.
    if (key !== undefined && key === previous) {
      const open = runs.pop()!;
      runs.push({ first: open.first, last: at, period: { start: open.period.start, end: piece.end } });
    } else if (key !== undefined) runs.push({ first: at, last: at, period: piece });
    previous = key;
  });
  return runs;
}

// The values each dimension is named with in the overrides' `where`s, and in the cells of the versions'
// prices when an amendment changed the price (null stands for any other value, which none names).
function namedValues(versions: ReadonlyArray<ChargeInForce | undefined>): Map<string, Set<PropertyValue>> {
  const values = new Map<string, Set<PropertyValue>>();
  const name = (group: Readonly<Record<string, PropertyValue>>) => {
    for (const [dimension, value] of Object.entries(group)) {
      const named = values.get(dimension) ?? new Set<PropertyValue>([null]);
      named.add(value);
      values.set(dimension, named);
    }
  };
  for (const version of versions) for (const override of version?.overrides ?? []) name(override.where ?? {});
  // Only then: each named value multiplies the groups that are told apart, and a price the amendments
  // leave alone prices every group the same in every piece.
  if (pricesDiffer(versions))
    for (const version of versions) if (version) groupsNamedBy(version.price).forEach(name);
  return values;
}

function pricesDiffer(versions: ReadonlyArray<ChargeInForce | undefined>): boolean {
  const prices = new Set(versions.flatMap((version) => (version ? [JSON.stringify(version.price)] : [])));
  return prices.size > 1;
}

// One group per combination of the named values: between them, every set of overrides a group can meet.
function overrideGroups(values: ReadonlyMap<string, ReadonlySet<PropertyValue>>): Group[] {
  let groups: Group[] = [{}];
  for (const [name, named] of values)
    groups = groups.flatMap((group) => [...named].map((value) => ({ ...group, [name]: value })));
  return groups;
}

// The combination a group belongs to: its values where a `where` names them, null elsewhere (the group
// meets the same overrides as it).
function representative(group: Group, values: ReadonlyMap<string, ReadonlySet<PropertyValue>>): Group {
  const result: Record<string, PropertyValue> = {};
  for (const [name, named] of values) {
    const value = group[name];
    result[name] = value !== undefined && value !== null && named.has(value) ? value : null;
  }
  return result;
}

/**
 * The stretches of the period that some charge rated per run needs usage for beyond its pieces: every
 * run of two or more pieces of a charge whose terms change inside the period, once each, in time order.
 * Empty when the period is not split or no charge's run spans a cut.
 */
export function spansOf(contract: Contract, pieces: ReadonlyArray<Period>): Period[] {
  // A span needs three pieces at least (two or more of them, not all); the shortcut spares an unsplit
  // period listing every charge's runs (7 ms of a 10,000-charge invoice's 180 ms).
  if (pieces.length < 3) return [];
  const ids = new Set(pieces.flatMap((piece) => chargesAt(contract, piece.start).map((charge) => charge.id)));
  const spans = new Map<string, Period>();
  // Each run of two pieces or more, but not of every piece: a run over every piece is a charge whose
  // terms never change, rated over the whole period from the whole period's usage.
  const add = (run: ChargeRun) => {
    if (run.last > run.first && run.last - run.first < pieces.length - 1)
      spans.set(`${run.period.start}/${run.period.end}`, run.period);
  };
  for (const id of ids) {
    chargeRuns(contract, pieces, id).forEach(add);
    // The groups of a matrix or grouped charge are rated over runs of their own (groupedRuns).
    const versions = pieces.map((piece) => chargeAt(contract, piece.start, id));
    const some = versions.find((version) => version !== undefined);
    if (some !== undefined && groupDimensions(some) !== undefined)
      groupedRuns(pieces, versions).runs.forEach(add);
  }
  return [...spans.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Whether one group of a matrix or grouped charge has the same terms in every piece of the period:
 * the charge in force in each piece (`versions`, one per piece), with only the overrides that reach
 * the group (those without `where`, and those whose `where` it matches). An override on other groups
 * cuts the period but leaves this group's price as it was, so the group is rated over the whole period
 * and its tiers do not restart at the cut.
 * @example eu at half price from 16 March: `region="na"` keeps its terms all month, `region="eu"` does not
 */
export function keepsTerms(
  versions: ReadonlyArray<ChargeInForce | undefined>,
  group: Readonly<Record<string, PropertyValue>>,
): boolean {
  const first = versions[0];
  if (first === undefined) return false;
  const key = groupTermsKey(first, group);
  return versions.every((version) => version !== undefined && groupTermsKey(version, group) === key);
}

// The charge's key (termsAt.ts) as one group sees it: its own price (a matrix's cell for it, not the
// other cells) and without the overrides whose `where` passes it by.
function groupTermsKey(charge: ChargeInForce, group: Readonly<Record<string, PropertyValue>>): string {
  const { overrides, ...rest } = charge;
  const terms = { ...rest, price: priceSeenByGroup(rest.price, group) };
  const reaching = (overrides ?? []).filter(
    (override) => override.where === undefined || reachesGroup(override.where, group),
  );
  // No override reaching it reads as none at all, as a piece before the first override does.
  return chargeKey(reaching.length === 0 ? terms : { ...terms, overrides: reaching });
}
