import { type ChargeInForce, type OverrideInForce, scaleMoney } from "../rating/index.js";
import type { ChargeTerms, Contract, InvoiceLine } from "../schema/index.js";
import { formatLocalDate, type Period, toLocalDate } from "../time/index.js";

type Override = Contract["overrides"][number];

/**
 * The charges in force at `instant`: the contract's, changed by every amendment effective by then,
 * then by every override in force, in contract order. A whole-charge override changes the charge's
 * price (replaced, or every money amount multiplied); one with `where` is kept on the charge for rating
 * to apply to the matching groups. Each charge lists the overrides that change its lines.
 */
export function chargesAt(contract: Contract, instant: number): ChargeInForce[] {
  let charges: ChargeInForce[] = [...contract.charges];
  for (const amendment of contract.amendments) {
    if (amendment.effective > instant) break;
    charges = charges.filter((charge) => !amendment.remove.includes(charge.id));
    for (const replacement of amendment.charges) {
      const at = charges.findIndex((charge) => charge.id === replacement.id);
      if (at === -1) charges.push(replacement);
      else charges[at] = replacement;
    }
  }
  for (const override of contract.overrides) {
    if (override.from > instant) continue;
    charges = charges.map((charge) =>
      charge.id === override.charge ? withOverride(charge, override) : charge,
    );
  }
  return charges;
}

// Applies one override on top of those before it. A whole-charge replacement makes the earlier ones moot;
// a whole-charge multiplier also scales the group prices earlier overrides put in (it multiplies every
// price the charge has at that point), while later ones are taken as written.
function withOverride(charge: ChargeInForce, override: Override): ChargeInForce {
  const earlier = charge.overrides ?? [];
  const entry: OverrideInForce = {
    id: override.id,
    ...(override.where !== undefined ? { where: override.where } : {}),
    ...(override.multiplier !== undefined ? { multiplier: override.multiplier } : {}),
    ...(override.price !== undefined ? { price: override.price } : {}),
  };
  if (override.where !== undefined) return { ...charge, overrides: [...earlier, entry] };
  if (override.price !== undefined) return { ...charge, price: override.price, overrides: [entry] };
  const multiplier = override.multiplier!;
  return {
    ...charge,
    price: scaleMoney(charge.price, multiplier),
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

/** The pieces of `period` between the amendments that take effect inside it (one piece when none does). */
export function segmentsOf(contract: Contract, period: Period): Period[] {
  const cuts = [
    ...new Set([
      ...contract.amendments.map((amendment) => amendment.effective),
      ...contract.overrides.map((override) => override.from),
    ]),
  ]
    .filter((instant) => instant > period.start && instant < period.end)
    .sort((a, b) => a - b);
  const bounds = [period.start, ...cuts, period.end];
  return bounds.slice(0, -1).map((start, index) => ({ start, end: bounds[index + 1]! }));
}

/**
 * A text equal for two charges in force exactly when their terms and overrides are the same (decimals
 * write their value), so a piece of the period where an override starts or ends rates on its own.
 */
export function chargeKey(charge: ChargeInForce): string {
  return JSON.stringify(charge);
}

/**
 * Every charge the contract or its amendments define, and each of them again with every price an
 * override puts in: what the meters must compute (an override to a grouped or percentage price needs
 * groups or each event's value that the charge's own price does not).
 */
export function allCharges(contract: Contract): ChargeTerms[] {
  const defined = [...contract.charges, ...contract.amendments.flatMap((amendment) => amendment.charges)];
  const overridden = contract.overrides.flatMap((override) =>
    override.price === undefined
      ? []
      : defined
          .filter((charge) => charge.id === override.charge)
          .map((charge) => ({ ...charge, price: override.price! })),
  );
  return [...defined, ...overridden];
}

/** `@2026-03-17`: the suffix a piece's lines carry, the local date the piece starts on. */
export function pieceSuffix(contract: Contract, start: number): string {
  return `@${formatLocalDate(toLocalDate(start, contract.timeZone))}`;
}

/** The same lines with `suffix` added to their ids (the lines of one piece of a split period). */
export function withIdSuffix<T extends { readonly lines: ReadonlyArray<InvoiceLine> }>(
  result: T,
  suffix: string,
): T {
  return { ...result, lines: result.lines.map((line) => ({ ...line, id: `${line.id}${suffix}` })) };
}

/**
 * Where a charge sits in the contract, for error paths (`charges[2].price`); a charge only an amendment
 * defines is placed after the contract's own.
 */
export function chargeIndex(contract: Contract): (id: string) => number {
  return (id) => {
    const at = contract.charges.findIndex((charge) => charge.id === id);
    return at === -1 ? contract.charges.length : at;
  };
}
