import * as z from "zod/mini";
import { contractMessages } from "../../errors/index.js";
import { idSchema, issueOf } from "../../schema/index.js";

// A credit grant or a discount may name its charges by hand (`charges`), by a pattern over their ids
// (`chargesMatching`: "compute_*") or by a tag the charges carry (`chargeTags`: "compute"). Patterns and
// tags are resolved into the list of ids when the contract is parsed (contract order), so every stage
// after it (burn order, line or invoice discount, scope) reads one list (docs/contracts.md).

/** A pattern over charge ids: `*` any run of characters, `?` one character, anything else itself. */
const patternSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_.:*?-]{1,128}$/, { message: "must be 1–128 letters, digits, _ . : - or * ?" }));

/** The selector fields a term adds beside `charges`. */
export const chargeSelectorFields = {
  chargesMatching: z
    .optional(z.array(patternSchema).check(z.minLength(1)))
    .check(
      z.describe(
        'Also every charge whose id matches one of these patterns ("compute_*": * any characters, ? one).',
      ),
    ),
  chargeTags: z
    .optional(z.array(idSchema).check(z.minLength(1)))
    .check(z.describe("Also every charge carrying one of these tags (a charge's `tags`).")),
};

/** What selects charges: ids, patterns, tags; all absent means every charge. */
export interface ChargeSelectors {
  readonly charges?: ReadonlyArray<string> | undefined;
  readonly chargesMatching?: ReadonlyArray<string> | undefined;
  readonly chargeTags?: ReadonlyArray<string> | undefined;
}

/** A charge as selectors see it: its id and its tags. */
export interface TaggedCharge {
  readonly id: string;
  readonly tags?: ReadonlyArray<string> | undefined;
}

/**
 * True when a `pattern` matches a charge id whole: `*` any run of characters (none too), `?` one.
 * @example matchesPattern("compute_*", "compute_gpu") // true
 * @example matchesPattern("compute_*", "storage") // false
 */
export function matchesPattern(pattern: string, id: string): boolean {
  const source = pattern.replace(/[.*+?^${}()|[\]\\-]/g, (char) =>
    char === "*" ? ".*" : char === "?" ? "." : `\\${char}`,
  );
  return new RegExp(`^${source}$`).test(id);
}

/**
 * The ids the selectors pick, in the order of `charges` (a charge defined twice, by the contract and an
 * amendment, once), or undefined when no selector is given (every charge). A listed id stays listed.
 */
export function selectedChargeIds(
  selectors: ChargeSelectors,
  charges: ReadonlyArray<TaggedCharge>,
): string[] | undefined {
  const { chargesMatching: patterns, chargeTags: tags } = selectors;
  if (patterns === undefined && tags === undefined) return selectors.charges?.slice();
  const picked = new Set(selectors.charges ?? []);
  for (const charge of charges) {
    const tagged = tags !== undefined && (charge.tags ?? []).some((tag) => tags.includes(tag));
    if (tagged || patterns?.some((pattern) => matchesPattern(pattern, charge.id))) picked.add(charge.id);
  }
  return [...picked];
}

/** Every charge a contract defines: its own, then each amendment's, in contract order. */
export function definedChargesOf(contract: {
  readonly charges: ReadonlyArray<TaggedCharge>;
  readonly amendments?:
    | ReadonlyArray<{ readonly charges?: ReadonlyArray<TaggedCharge> | undefined }>
    | undefined;
}): ReadonlyArray<TaggedCharge> {
  return [
    ...contract.charges,
    ...(contract.amendments ?? []).flatMap((amendment) => amendment.charges ?? []),
  ];
}

/** Refuses a pattern or a tag that selects no charge: a typo would otherwise scope a grant to nothing. */
export function checkChargeSelectors(
  ctx: z.core.$RefinementCtx,
  selectors: ChargeSelectors,
  path: ReadonlyArray<PropertyKey>,
  charges: ReadonlyArray<TaggedCharge>,
): void {
  selectors.chargesMatching?.forEach((pattern, at) => {
    if (!charges.some((charge) => matchesPattern(pattern, charge.id)))
      ctx.addIssue(issueOf(contractMessages.noChargeMatches(pattern), [...path, "chargesMatching", at]));
  });
  selectors.chargeTags?.forEach((tag, at) => {
    if (!charges.some((charge) => (charge.tags ?? []).includes(tag)))
      ctx.addIssue(issueOf(contractMessages.noChargeTagged(tag), [...path, "chargeTags", at]));
  });
}
