import type { Contract } from "../contracts/index.js";
import { describeValue, InputError } from "../errors/index.js";
import type { Period } from "../time/index.js";

// The library's entry points are called from JavaScript too, where the types do not hold: these checks
// turn a wrong argument into a typed InputError with a sentence, instead of a TypeError deep inside.

/**
 * Refuses anything that is not a contract returned by `parseContract`: contract JSON passed as it is
 * (its dates and decimals still text), null, or another object.
 * @throws InputError `unparsed_contract` at path `contract`
 */
export function requireContract(value: unknown): asserts value is Contract {
  if (isParsedContract(value)) return;
  const looksLikeJson =
    isObject(value) &&
    (typeof value.currency === "string" || "billing" in value || typeof value.term === "object");
  throw new InputError(
    "unparsed_contract",
    "contract",
    looksLikeJson
      ? "The contract is contract JSON as written, not a parsed contract: pass it through parseContract(json) first, which checks it and reads its dates and decimals."
      : `The contract must be what parseContract(json) returns, not ${describeValue(value)}.`,
  );
}

// What parseContract returns and the rating code reads, checked by shape (a brand would be lost by a
// spread copy, and by a second copy of the library loaded through require and import).
function isParsedContract(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { cycle, currency, term, customer } = value;
  const lists = [
    "meters",
    "charges",
    "allowances",
    "discounts",
    "commitments",
    "credits",
    "amendments",
    "overrides",
    "customUnits",
  ];
  return (
    typeof value.id === "string" &&
    typeof value.timeZone === "string" &&
    isObject(customer) &&
    typeof customer.id === "string" &&
    isObject(currency) &&
    typeof currency.code === "string" &&
    typeof currency.minorUnits === "number" &&
    isObject(cycle) &&
    typeof cycle.termStart === "number" &&
    isObject(term) &&
    typeof term.start === "number" &&
    lists.every((key) => Array.isArray(value[key]))
  );
}

/**
 * Refuses events that are not an iterable of events: null, a number, a plain object, or a string
 * (iterable, but as characters).
 * @throws InputError `invalid_argument` at path `events`
 */
export function requireEvents(value: unknown): asserts value is Iterable<unknown> {
  if (typeof value !== "string" && isIterable(value)) return;
  throw new InputError(
    "invalid_argument",
    "events",
    eventsMessage(value, "an array (or another iterable) of events"),
  );
}

/**
 * {@link requireEvents} for the streaming entry point, which also takes an async iterable or a function
 * that returns the events afresh on each call.
 * @throws InputError `invalid_argument` at path `events`
 */
export function requireEventSource(value: unknown): void {
  if (typeof value === "function") return;
  if (typeof value !== "string" && (isIterable(value) || isAsyncIterable(value))) return;
  throw new InputError(
    "invalid_argument",
    "events",
    eventsMessage(
      value,
      "an array of events, an iterable or async iterable of them, or a function that returns one",
    ),
  );
}

function eventsMessage(value: unknown, accepted: string): string {
  return `The usage events must be ${accepted}, not ${describeValue(value)}; pass [] for a period without usage.`;
}

/**
 * Refuses a missing period or one of the wrong kind: the period is text ("2026-02",
 * "2026-02-01/2026-03-01") or a {@link Period} of two epoch-millisecond instants.
 * @throws InputError `invalid_period` at path `period`
 */
export function requirePeriod(value: unknown): asserts value is Period | string {
  if (typeof value === "string") return;
  if (isObject(value) && isInstant(value.start) && isInstant(value.end)) return;
  throw new InputError(
    "invalid_period",
    "period",
    `The invoice period must be text such as "2026-02" or "2026-02-01/2026-03-01", or { start, end } in epoch milliseconds, not ${describeValue(value)}.`,
  );
}

/**
 * Refuses options that are not an object, and option values of the wrong kind (a balance map that is
 * not an object of texts, a flag that is not true or false).
 * @throws InputError `invalid_argument` at path `options` or `options.<name>`
 */
export function requireOptions(value: unknown): void {
  if (value === undefined) return;
  if (!isObject(value))
    throw new InputError(
      "invalid_argument",
      "options",
      `The options must be an object, not ${describeValue(value)}.`,
    );
  const { creditBalances, carried } = value;
  if (creditBalances !== undefined) {
    if (!isObject(creditBalances))
      throw new InputError(
        "invalid_argument",
        "options.creditBalances",
        `creditBalances must be an object of credit grant id → balance text, such as { "prepay_q1": "600.00" }, not ${describeValue(creditBalances)}.`,
      );
    for (const [id, balance] of Object.entries(creditBalances))
      if (typeof balance !== "string")
        throw new InputError(
          "invalid_argument",
          `options.creditBalances[${JSON.stringify(id)}]`,
          `The balance of credit grant "${id}" must be decimal text such as "600.00", not ${describeValue(balance)}.`,
        );
  }
  if (carried !== undefined && !isObject(carried))
    throw new InputError(
      "invalid_argument",
      "options.carried",
      `carried must be the previous invoice's usage.carryOut (an object of meter id → state), not ${describeValue(carried)}.`,
    );
  for (const flag of ["daily", "creditsStartFull"])
    if (value[flag] !== undefined && typeof value[flag] !== "boolean")
      throw new InputError(
        "invalid_argument",
        `options.${flag}`,
        `${flag} must be true or false, not ${describeValue(value[flag])}.`,
      );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    value !== null &&
    value !== undefined &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  );
}

function isAsyncIterable(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function"
  );
}

function isInstant(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value);
}
