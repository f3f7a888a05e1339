import type { CreditBurnOrder, CreditGrantTerms } from "../contracts/index.js";
import { compareText } from "../meters/index.js";
import { ONE, ZERO } from "../money/index.js";

// One sort key: negative when `a` burns before `b`, positive after, 0 when this key cannot tell.
type BurnKey = (a: CreditGrantTerms, b: CreditGrantTerms) => number;

/** Lower priority number first (no priority counts as 0). */
const byPriority: BurnKey = (a, b) => (a.priority ?? 0) - (b.priority ?? 0);
/** Soonest expiry first; a grant that never expires last. */
const bySoonestExpiry: BurnKey = (a, b) => compareText(a.expires ?? "9999-12-31", b.expires ?? "9999-12-31");
/** Oldest first: earliest effective date (a grant without one counts as the oldest). */
const byOldest: BurnKey = (a, b) => compareText(a.effective ?? "0000-01-01", b.effective ?? "0000-01-01");
/** Grants scoped to some charges (`charges`) before grants on every charge (Orb's item filters). */
const byScopedFirst: BurnKey = (a, b) =>
  (a.charges === undefined ? 1 : 0) - (b.charges === undefined ? 1 : 0);
/** Fewest applicable charges first; a grant on every charge last (Metronome's product applicability). */
const byFewestCharges: BurnKey = (a, b) =>
  (a.charges?.length ?? Number.POSITIVE_INFINITY) - (b.charges?.length ?? Number.POSITIVE_INFINITY) || 0;
/** Cheaper credit first: what was paid per unit of invoice-currency value (promotional 0, default 1). */
const byLowerCostBasis: BurnKey = (a, b) => {
  // costA ÷ valueA vs costB ÷ valueB, cross-multiplied so no division rounds.
  const [costA, valueA] = costAndValue(a);
  const [costB, valueB] = costAndValue(b);
  return costA.times(valueB).comparedTo(costB.times(valueA));
};
/** Grants that cost nothing (promotional, or bought at cost basis 0) before paid ones (Metronome). */
const byZeroCostFirst: BurnKey = (a, b) => (isZeroCost(a) ? 0 : 1) - (isZeroCost(b) ? 0 : 1);
/** The last tie-break: ids are unique, so the order is total and the contract's order never matters. */
const byId: BurnKey = (a, b) => compareText(a.id, b.id);

/** The keys of each named order, most significant first (docs/contracts.md, step 8, "Burn order"). */
const ORDER_KEYS: Readonly<Record<CreditBurnOrder, ReadonlyArray<BurnKey>>> = {
  priority: [byPriority, bySoonestExpiry, byOldest, byId],
  expiry: [byScopedFirst, bySoonestExpiry, byLowerCostBasis, byPriority, byOldest, byId],
  narrowest: [byPriority, byZeroCostFirst, byFewestCharges, bySoonestExpiry, byOldest, byId],
};

/**
 * The grants in the order they burn under the named order (a new array; the input is not changed):
 * - `priority` (default): priority (lower first), soonest expiry (none last), oldest (`effective`; none
 *   counts as oldest), id;
 * - `expiry` (Orb): grants with `charges` first, soonest expiry, lower cost basis, priority, oldest, id;
 * - `narrowest` (Metronome): priority, zero-cost first, fewest `charges` (none last), soonest expiry,
 *   oldest, id.
 */
export function burnOrder(
  grants: ReadonlyArray<CreditGrantTerms>,
  order: CreditBurnOrder = "priority",
): CreditGrantTerms[] {
  const keys = ORDER_KEYS[order];
  return [...grants].sort((a, b) => {
    for (const key of keys) {
      const difference = key(a, b);
      if (difference !== 0) return difference;
    }
    return 0;
  });
}

// What the customer paid for one unit of the grant, and what that unit is worth, both in the invoice
// currency. Promotional credit cost nothing; prepaid credit without a costBasis was bought at face value.
function costAndValue(grant: CreditGrantTerms) {
  const value = grant.unitValue ?? ONE;
  if (grant.kind === "promotional") return [ZERO, value] as const;
  return [grant.costBasis ?? value, value] as const;
}

function isZeroCost(grant: CreditGrantTerms): boolean {
  return costAndValue(grant)[0].isZero();
}
