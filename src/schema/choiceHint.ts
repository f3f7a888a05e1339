import { didYouMean, otherSystemsName } from "../errors/index.js";
import { closestChoice, comparableName } from "./closestChoice.js";

/**
 * A name another billing system gives to one of ratecard's choices (`per_unit`, Stripe's billing
 * scheme, for the price model `unit`). `whose` is written after "is" ("Stripe's billing_scheme");
 * `meaning` tells the choice apart when one name stands for several of ratecard's (Stripe's "tiered" is
 * "graduated" or "volume").
 */
export interface OtherSystemsName {
  readonly name: string;
  readonly whose: string;
  readonly choice: string;
  readonly meaning?: string;
}

/**
 * What to tell someone who wrote `found` where one of `choices` was expected: what ratecard calls a
 * name another billing system uses (found without case, `_`, `-`, `$` or spaces), else the choice it
 * most likely meant (`closestChoice`: without case, `_`, `-`, `$` or spaces, a text a choice begins, or one
 * or two edits); undefined for anything else or a value that is not text.
 * @example choiceHint("per_unit", ["flat", "unit"], [{ name: "per_unit", whose: "Stripe's billing_scheme", choice: "unit" }])
 * // "\"per_unit\" is Stripe's billing_scheme; ratecard writes it \"unit\""
 * @example choiceHint("quarter", ["monthly", "quarterly"]) // "did you mean \"quarterly\"?"
 */
export function choiceHint(
  found: unknown,
  choices: ReadonlyArray<string>,
  otherNames: ReadonlyArray<OtherSystemsName> = [],
): string | undefined {
  if (typeof found !== "string" || choices.includes(found)) return undefined;
  const key = comparableName(found);
  const others = otherNames.filter((entry) => comparableName(entry.name) === key);
  const [first] = others;
  if (first !== undefined) return otherSystemsName(found, first.whose, others);
  const meant = closestChoice(found, choices);
  return meant === undefined ? undefined : didYouMean(meant);
}

// A schema's own message may carry a hint for the value found after this mark: the requirement reads
// "must be …", then ", not <the value>", then the hint ("…, not the text \"per_unit\"; \"per_unit\" is
// Stripe's …"). The mark is a control character no message text holds.
const HINT_MARK = "\u001f";

/**
 * A schema's error message: the requirement (`expected …`), and the hint for the value found when there
 * is one, which the problem's sentence writes after the value ({@link splitHint}).
 */
export function withHint(requirement: string, hint: string | undefined): string {
  return hint === undefined ? requirement : `${requirement}${HINT_MARK}${hint}`;
}

/** A schema's error message split into its requirement and the hint {@link withHint} put after it. */
export function splitHint(message: string): { readonly requirement: string; readonly hint?: string } {
  const at = message.indexOf(HINT_MARK);
  return at < 0
    ? { requirement: message }
    : { requirement: message.slice(0, at), hint: message.slice(at + 1) };
}

/** A field of the object a union failed on (the value its hint is about); undefined for no object. */
export function fieldOf(input: unknown, field: string): unknown {
  return input !== null && typeof input === "object" ? (input as Record<string, unknown>)[field] : undefined;
}
