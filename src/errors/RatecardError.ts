import type { ErrorMessage } from "./messages/message.js";

/**
 * Every error code ratecard can raise. Codes are stable API: scripts and tests match on them,
 * never on message wording.
 */
export type RatecardErrorCode =
  // numbers and money
  | "invalid_decimal"
  | "decimal_out_of_range"
  | "unknown_currency"
  | "invalid_custom_unit"
  | "amount_not_in_minor_units"
  | "invalid_allocation_weights"
  | "negative_quantity"
  | "capacity_exceeded"
  | "unpriced_combination"
  | "credit_exceeds_invoiced"
  | "unknown_line"
  | "unknown_credit_grant"
  | "missing_credit_balance"
  | "unknown_commitment"
  | "missing_commitment_spend"
  // documents read back (invoices, credit notes) and what they were issued from
  | "contract_mismatch"
  | "currency_mismatch"
  | "digest_mismatch"
  | "credit_note_mismatch"
  | "correction_outside_window"
  | "usage_does_not_reproduce"
  | "late_event_conflict"
  // time
  | "invalid_time_zone"
  | "invalid_instant"
  | "invalid_period"
  | "period_outside_billing_cycle"
  // contract input
  | "invalid_json"
  | "unparsed_contract"
  | "invalid_argument"
  | "invalid_field"
  | "unknown_field"
  | "missing_field"
  | "unsupported_version"
  | "duplicate_id"
  | "unknown_meter"
  | "tier_up_to_not_increasing"
  | "last_tier_must_be_unbounded"
  | "only_last_tier_unbounded"
  | "quantity_above_last_tier"
  | "negative_price"
  | "value_property_required"
  | "anchor_not_allowed"
  // price books (plans shared by many contracts)
  | "unknown_price_book"
  | "unknown_price_book_version"
  | "price_book_conflict"
  | "price_book_not_resolved"
  | "price_book_not_in_force"
  // usage input
  | "invalid_event"
  | "unreadable_usage"
  | "duplicate_key"
  | "invalid_csv"
  | "usage_changed_while_read"
  // usage aggregates (rating from states aggregated elsewhere)
  | "aggregates_mismatch"
  | "aggregates_shards"
  // usage aggregated by a SQL engine (src/sql)
  | "sql_unsupported"
  | "sql_result"
  // our own bugs
  | "invariant_violated";

/**
 * The mark every ratecard error carries, registered globally (`Symbol.for`) so that it is the same symbol
 * in the ESM and the CJS build: an application that loads both (one dependency imports ratecard, another
 * requires it) still recognises every ratecard error, where `instanceof` sees two different classes.
 */
const RATECARD_ERROR = Symbol.for("ratecard.error");

/** A JSON path into the input, e.g. `charges[2].price.tiers[1].upTo`; `""` for the whole input. */
export type JsonPath = string;

/**
 * Base class of every error ratecard throws on purpose. It is data: a `code` to branch on, a `path`
 * into the input that caused it, a `message` a billing specialist can act on, and `details`.
 */
export class RatecardError extends Error {
  readonly code: RatecardErrorCode;
  readonly path: JsonPath;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: RatecardErrorCode,
    path: JsonPath,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "RatecardError";
    this.code = code;
    this.path = path;
    this.details = Object.freeze({ ...details });
  }

  /**
   * The error for a problem from the message catalogue (`src/errors/messages/`), at `path`:
   * `InputError.from(unknownCurrency(path, code), path)`.
   */
  static from<E extends RatecardError>(
    this: new (
      code: RatecardErrorCode,
      path: JsonPath,
      message: string,
      details?: Record<string, unknown>,
    ) => E,
    problem: ErrorMessage,
    path: JsonPath,
    details: Record<string, unknown> = {},
  ): E {
    return new this(problem.code, path, problem.message, details);
  }

  /** The cross-build mark read by {@link isRatecardError}; on the prototype, so it is never copied or serialised. */
  get [RATECARD_ERROR](): true {
    return true;
  }
}

// The subclasses only name the kind of input at fault; `name` is what a caller sees in logs.

/** The contract (or a value inside it) is not valid. */
export class ContractError extends RatecardError {
  override readonly name = "ContractError";
}

/** A usage event (or the usage file) is not valid. */
export class UsageError extends RatecardError {
  override readonly name = "UsageError";
}

/** A call argument other than a contract or usage (a decimal, a period, a currency) is not valid. */
export class InputError extends RatecardError {
  override readonly name = "InputError";
}

/** ratecard broke one of its own invariants: a bug in ratecard, never in the caller's input. */
export class InvariantError extends RatecardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("invariant_violated", "", message, details);
  }

  override readonly name = "InvariantError";
}

/**
 * True when `value` is an error ratecard raised on purpose (as opposed to a crash), from this build of
 * ratecard or any other loaded in the same process (ESM and CJS): it reads the mark, not the class.
 * @example isRatecardError(new ContractError("invalid_field", "id", "…")) // true
 */
export function isRatecardError(value: unknown): value is RatecardError {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { readonly [RATECARD_ERROR]?: unknown })[RATECARD_ERROR] === true
  );
}
