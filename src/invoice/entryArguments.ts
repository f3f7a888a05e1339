import type { Contract } from "../contracts/index.js";
import {
  aggregatesMessages,
  hostHashNotFunction,
  InputError,
  invoiceMessages,
  toJsonPath,
  unknownField,
} from "../errors/index.js";
import { closestChoice, objectSlot } from "../schema/index.js";
import type { Period } from "../time/index.js";

// The library's entry points are called from JavaScript too, where the types do not hold: these checks
// turn a wrong argument into a typed InputError with a sentence, instead of a TypeError deep inside.

/**
 * Refuses anything that is not a contract returned by `parseContract`: contract JSON passed as it is
 * (its dates and decimals still text), null, or another object.
 * @throws InputError `unparsed_contract` at `path` (`contract` unless the caller names another)
 */
export function requireContract(value: unknown, path = "contract"): asserts value is Contract {
  if (isParsedContract(value)) return;
  const looksLikeJson =
    isObject(value) &&
    (typeof value.currency === "string" || "billing" in value || typeof value.term === "object");
  throw InputError.from(
    looksLikeJson ? invoiceMessages.contractNotParsed() : invoiceMessages.notAContract(value),
    path,
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
  throw InputError.from(
    invoiceMessages.eventsNotReadable(value, "an array (or another iterable) of events"),
    "events",
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
  throw InputError.from(
    invoiceMessages.eventsNotReadable(
      value,
      "an array of events, an iterable or async iterable of them, or a function that returns one",
    ),
    "events",
  );
}

/**
 * Refuses a missing period or one of the wrong kind: the period is text ("2026-02",
 * "2026-02-01/2026-03-01") or a {@link Period} of two epoch-millisecond instants.
 * @throws InputError `invalid_period` at path `period`
 */
export function requirePeriod(value: unknown): asserts value is Period | string {
  if (typeof value === "string") return;
  if (isObject(value) && isInstant(value.start) && isInstant(value.end)) return;
  throw InputError.from(invoiceMessages.periodArgumentRefused(value), "period");
}

/** The options of a rating call ({@link RateInvoiceOptions}): any other name is a typo, refused. */
// RateInvoiceOptions lives in rateInvoice.ts, which imports this file: the names are listed, not derived.
export const RATING_OPTIONS: ReadonlyArray<string> = [
  "carried",
  "daily",
  "creditBalances",
  "creditsStartFull",
  "commitmentSpendToDate",
  "commitmentCreditNotes",
  "sha256",
];

/**
 * Refuses options that are not an object, names it does not know (`known`), and option values of the wrong kind (a balance map that is
 * not an object of texts, a flag that is not true or false, a `sha256` that is not a function).
 * @throws InputError `invalid_argument` at path `options` or `options.<name>` (an unknown name too)
 */
export function requireOptions(value: unknown, known: ReadonlyArray<string> = RATING_OPTIONS): void {
  if (value === undefined) return;
  if (!isObject(value)) throw InputError.from(invoiceMessages.optionsNotObject(value), "options");
  const unknown = Object.keys(value).find((name) => !known.includes(name));
  if (unknown !== undefined)
    throw InputError.from(
      invoiceMessages.unknownOption(unknown, known, closestChoice(unknown, known)),
      `options.${unknown}`,
    );
  const { creditBalances, carried } = value;
  if (creditBalances !== undefined) {
    if (!isObject(creditBalances))
      throw InputError.from(
        invoiceMessages.creditBalancesNotObject(creditBalances),
        "options.creditBalances",
      );
    for (const [id, balance] of Object.entries(creditBalances))
      if (typeof balance !== "string")
        throw InputError.from(
          invoiceMessages.creditBalanceNotText(id, balance),
          `options.creditBalances[${JSON.stringify(id)}]`,
        );
  }
  const spend = value.commitmentSpendToDate;
  if (isObject(spend)) requireRecordFields(spend);
  if (spend !== undefined && (!isObject(spend) || !Object.values(spend).every(isCarriedSpend)))
    throw InputError.from(invoiceMessages.commitmentSpendNotObject(spend), "options.commitmentSpendToDate");
  const notes = value.commitmentCreditNotes;
  if (notes !== undefined && !Array.isArray(notes))
    throw InputError.from(invoiceMessages.commitmentNotesNotList(notes), "options.commitmentCreditNotes");
  if (carried !== undefined && !isObject(carried))
    throw InputError.from(invoiceMessages.carriedNotObject(carried), "options.carried");
  if (value.sha256 !== undefined && typeof value.sha256 !== "function")
    throw InputError.from(hostHashNotFunction(value.sha256), "options.sha256");
  for (const flag of ["daily", "creditsStartFull"])
    if (value[flag] !== undefined && typeof value[flag] !== "boolean")
      throw InputError.from(invoiceMessages.flagNotBoolean(flag, value[flag]), `options.${flag}`);
}

// A commitment's carried spend: its text, or the previous invoice's `commitments[].cumulative` record
// (read for `spendAfter` and `creditNotesTaken`; a name that record does not have is a typo, refused).
const CUMULATIVE_RECORD = [
  "from",
  "until",
  "spendBefore",
  "creditNotes",
  "remaining",
  "within",
  "excess",
  "spendAfter",
  "creditNotesTaken",
  "closes",
];

const READ_FIELDS = ["spendAfter", "creditNotesTaken"];

// A field a cumulative record does not have, named with what it most likely meant (`spendAftr`,
// "did you mean "spendAfter"?"), as a misspelt option or usage field is: refused as a whole, the
// object read as not a record, it said nothing of which name was wrong.
function requireRecordFields(spend: Readonly<Record<string, unknown>>): void {
  for (const [id, record] of Object.entries(spend)) {
    if (!isObject(record)) continue;
    const unknown = Object.keys(record).find((name) => !CUMULATIVE_RECORD.includes(name));
    if (unknown === undefined) continue;
    const path = toJsonPath(["options", "commitmentSpendToDate", id, unknown]);
    // The two fields read first (`creditNotesTakn` is `creditNotesTaken`, not `creditNotes`), then
    // any the record may have, as a misspelt field of a schema is matched to a required one first.
    const meant = closestChoice(unknown, READ_FIELDS) ?? closestChoice(unknown, CUMULATIVE_RECORD);
    throw InputError.from(unknownField(path, meant), path);
  }
}

function isCarriedSpend(value: unknown): boolean {
  if (typeof value === "string") return true;
  if (!isObject(value) || typeof value.spendAfter !== "string") return false;
  const taken = value.creditNotesTaken;
  const listed = taken === undefined || (Array.isArray(taken) && taken.every((id) => typeof id === "string"));
  return listed && Object.keys(value).every((name) => CUMULATIVE_RECORD.includes(name));
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

// What prepareRating made, and what passed the shape check once: checked again in O(1) on every
// invoice (the shape check per call, its list and closures, was 4 % of rating from aggregates; issue
// 14). A PreparedRating is readonly, so one that passed once still passes; a copy of it, or one made by a
// second copy of the library (require and import), is checked by shape once and kept.
const PREPARED = objectSlot<object, true>("prepared");

/** Brands what prepareRating returns, so that {@link requirePrepared} knows it without a shape check. */
export function markPrepared<T extends object>(prepared: T): T {
  PREPARED.set(prepared, true);
  return prepared;
}

/**
 * Refuses a `prepared` argument that prepareRating did not make (null, the contract, a period), checked
 * by shape as {@link requireContract} checks a contract, once per object.
 * @throws InputError `invalid_argument` at path `prepared`
 */
export function requirePrepared(value: unknown): void {
  if (typeof value === "object" && value !== null && PREPARED.get(value) === true) return;
  const period = isObject(value) ? value.period : undefined;
  const made =
    isObject(value) &&
    isParsedContract(value.contract) &&
    isObject(value.options) &&
    isObject(period) &&
    Array.isArray(period.pieces) &&
    Array.isArray(period.spans);
  if (!made) throw InputError.from(aggregatesMessages.notPreparedRating(value), "prepared");
  PREPARED.set(value, true);
}

/**
 * Refuses a batch's contracts that are not a list of parsed contracts.
 * @throws InputError `invalid_argument` at `contracts`, `unparsed_contract` at `contracts[index]`
 */
export function requireContracts(value: unknown): void {
  if (!Array.isArray(value)) throw InputError.from(aggregatesMessages.contractsNotList(value), "contracts");
  value.forEach((contract, index) => {
    requireContract(contract, `contracts[${index}]`);
  });
}
