import { describeValue } from "../describeValue.js";
import type { ErrorMessage } from "./message.js";
import { didYouMean } from "./schema.js";

export * from "./commitmentSpend.js";
export * from "./creditNote.js";

// The sentences of src/invoice: the arguments of the entry points, the invoice period, carried credit
// balances, and credit notes against an issued invoice.

/** Contract JSON passed where a parsed contract is expected. */
export function contractNotParsed(): ErrorMessage {
  return {
    code: "unparsed_contract",
    message:
      "The contract is contract JSON as written, not a parsed contract: pass it through parseContract(json) first, which checks it and reads its dates and decimals.",
  };
}

/** Something other than a contract where a parsed contract is expected. */
export function notAContract(value: unknown): ErrorMessage {
  return {
    code: "unparsed_contract",
    message: `The contract must be what parseContract(json) returns, not ${describeValue(value)}.`,
  };
}

/** Usage events that are not in a form the entry point reads (`accepted` lists the forms). */
export function eventsNotReadable(value: unknown, accepted: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `The usage events must be ${accepted}, not ${describeValue(value)}; pass [] for a period without usage.`,
  };
}

/** An invoice period argument that is neither text nor two instants. */
export function periodArgumentRefused(value: unknown): ErrorMessage {
  return {
    code: "invalid_period",
    message: `The invoice period must be text such as "2026-02" or "2026-02-01/2026-03-01", or { start, end } in epoch milliseconds, not ${periodInWords(value)}.`,
  };
}

// An object with a start or an end is a period written the other way (dates as text, Dates): the
// sentence names the field that is not epoch milliseconds, where "not an object" denied what it is.
function periodInWords(value: unknown): string {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Date)
    return describeValue(value);
  const { start, end } = value as { start?: unknown; end?: unknown };
  if (start === undefined && end === undefined) return describeValue(value);
  const field = isMilliseconds(start) ? "end" : "start";
  const wrong = field === "start" ? start : end;
  const dates = typeof wrong === "string" || wrong instanceof Date;
  return `{ start, end } whose ${field} is ${describeValue(wrong)}${dates ? '; write dates as one text, "2026-02-01/2026-03-01"' : ""}`;
}

function isMilliseconds(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value);
}

/** Options that are not an object. */
export function optionsNotObject(value: unknown): ErrorMessage {
  return { code: "invalid_argument", message: `The options must be an object, not ${describeValue(value)}.` };
}

/**
 * An option name the entry point does not know (a typo such as `creditBalance` for `creditBalances`);
 * `meant`, the known option whose name is close.
 */
export function unknownOption(name: string, known: ReadonlyArray<string>, meant?: string): ErrorMessage {
  const listed = known.length === 0 ? "none" : known.join(", ");
  return {
    code: "invalid_argument",
    message:
      meant === undefined
        ? `"${name}" is not an option of this function (it takes ${listed}); check the spelling: an option ignored would rate as if it were not given.`
        : `"${name}" is not an option of this function; ${didYouMean(meant)} It takes ${listed}, and an option ignored would rate as if it were not given.`,
  };
}

/** `creditBalances` that is not an object of balances. */
export function creditBalancesNotObject(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `creditBalances must be an object of credit grant id → balance text, such as { "prepay_q1": "600.00" }, not ${describeValue(value)}.`,
  };
}

/** A carried balance that is not decimal text. */
export function creditBalanceNotText(id: string, value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `The balance of credit grant "${id}" must be decimal text such as "600.00", not ${describeValue(value)}.`,
  };
}

/** `carried` that is not the previous invoice's carried state. */
export function carriedNotObject(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `carried must be the previous invoice's usage.carryOut (an object of meter id → state), not ${describeValue(value)}.`,
  };
}

/** A flag option that is not a boolean. */
export function flagNotBoolean(flag: string, value: unknown): ErrorMessage {
  return { code: "invalid_argument", message: `${flag} must be true or false, not ${describeValue(value)}.` };
}

/** An issued document (`what`: invoice, credit note) written in a format version this ratecard does not read. */
export function issuedVersionUnsupported(what: string, written: number, version: number): ErrorMessage {
  return {
    code: "unsupported_version",
    message: `This ${what} is in format version ${written}; this version of ratecard reads ${what} format ${version} (with any fields later versions of format ${version} add).`,
  };
}

/**
 * A credit note read as an invoice, or an invoice read as a credit note: `found` is what it is, `reader`
 * the function that reads it.
 */
export function issuedDocumentOfOtherKind(
  found: "a credit note" | "an invoice",
  id: string | undefined,
  wanted: string,
  reader: string,
): ErrorMessage {
  const named = id === undefined ? "" : ` (${id})`;
  return {
    code: "invalid_argument",
    message: `This is ${found}${named}, not ${wanted}: ${reader} reads it.`,
  };
}

/** An invoice period that does not end after it starts. */
export function invoicePeriodEmpty(): ErrorMessage {
  return { code: "invalid_period", message: "The invoice period must end after it starts." };
}

/**
 * An invoice period over two billing periods (periods written as labels; `shorthand`, the billing
 * period's shorter text when it is a calendar day, month, quarter or year: what to type instead).
 */
export function periodSpansBillingPeriods(
  requested: string,
  contractId: string,
  billing: string,
  shorthand?: string,
): ErrorMessage {
  const named = shorthand === undefined ? "" : ` (${shorthand})`;
  return {
    code: "period_outside_billing_cycle",
    message: `The period ${requested} spans more than one billing period of contract ${contractId}; the billing period containing its start is ${billing}${named}. Rate each billing period separately.`,
  };
}

/** An invoice period outside the contract's term. */
export function periodOutsideTerm(requested: string, contractId: string): ErrorMessage {
  return {
    code: "invalid_period",
    message: `The period ${requested} is outside the term of contract ${contractId}.`,
  };
}

/** A period (`subject`: "The invoice period", …) reaching outside the years ratecard rates. */
export function periodOutsideYears(subject: string, firstYear: number, lastYear: number): ErrorMessage {
  return {
    code: "invalid_period",
    message: `${subject} reaches outside the years ratecard rates (${firstYear}–${lastYear}, in UTC).`,
  };
}

/** Fees in advance for a next billing period that ends after the last year ratecard rates. */
export function advanceFeesOutsideYears(firstYear: number, lastYear: number): ErrorMessage {
  return {
    code: "invalid_period",
    message: `This invoice would bill the fees in advance for the next billing period, which ends after ${lastYear}, outside the years ratecard rates (${firstYear}–${lastYear}, in UTC).`,
  };
}

/** Carried balances naming a grant the contract does not have (`known`: its grant ids, quoted). */
export function unknownCarriedGrant(id: string, contractId: string, known: string): ErrorMessage {
  return {
    code: "unknown_credit_grant",
    message: `The carried balances name credit grant "${id}", which contract ${contractId} does not have (${known === "" ? "it has no credit grants" : `its grants: ${known}`}); check that the balances come from this contract's previous invoice.`,
  };
}

/** A grant that started before the period, with no balance carried for it. */
export function missingCreditBalance(grantId: string, grantStart: string, start: string): ErrorMessage {
  return {
    code: "missing_credit_balance",
    message: `Credit grant "${grantId}" started on ${grantStart}, before this invoice's period (from ${start}), and no balance is carried for it: pass the previous invoice's balances (its credits[].balanceAfter), or say that every grant without a carried balance starts from its full amount (creditsStartFull, --credits-start-full).`,
  };
}

/** A carried balance that is not a decimal between 0 and the grant's amount (`unit`: " CREDIT" or ""). */
export function carriedBalanceOutOfRange(
  grantId: string,
  amount: string,
  unit: string,
  carried: string,
): ErrorMessage {
  return {
    code: "invalid_field",
    message: `The carried balance of credit "${grantId}" must be a decimal between 0 and its amount ${amount}${unit}, not "${carried}".`,
  };
}

/** A carried balance finer than its unit's minor units (`written`: " CREDIT" or " USD"; `unit` its code). */
export function carriedBalanceNotInMinorUnits(
  grantId: string,
  carried: string,
  written: string,
  unit: string,
  minorUnits: number,
): ErrorMessage {
  return {
    code: "amount_not_in_minor_units",
    message: `The carried balance of credit "${grantId}" is "${carried}"${written}, but ${unit} has ${minorUnits} decimals.`,
  };
}

/** An invoice or earlier credit note that is not a document ratecard issued (`reason`: the first problem in it). */
export function documentRefused(subject: string, expected: string, reason: string | undefined): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `${subject[0]?.toUpperCase()}${subject.slice(1)} must be ${expected}: ${reason ?? "it is not"}.`,
  };
}

/** Usage evidence asked for a meter the contract does not have. */
export function evidenceUnknownMeter(meter: string, known: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "unknown_meter",
    message: `The contract has no meter "${meter}"; its meters are ${known.join(", ") || "none"}.`,
  };
}

/**
 * Usage evidence of a contract with no meter at all (every charge a fee): there is no event it counts. It
 * read `The contract has no meter ""; its meters are none.`, led by a --meter nobody gave.
 */
export function evidenceNoMeters(contract: string): ErrorMessage {
  return {
    code: "unknown_meter",
    message: `Contract ${contract} has no meters: every charge is a fee, billed without usage, so no event counts toward its invoice and there is no usage evidence to list (ratecard invoice shows its fees).`,
  };
}

/** Usage evidence asked for a group by a property no charge of the meters splits by. */
export function evidenceGroupNotDimension(
  names: ReadonlyArray<string>,
  dimensions: ReadonlyArray<string>,
): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `No charge splits ${names.length > 1 ? "these meters' lines" : "a line"} by ${names.join(" and ")}: the dimensions its lines are grouped by are ${dimensions.join(", ") || "none (each meter is one line)"}. To narrow the events by any property, use where instead of group.`,
  };
}

/** A time bound of usage evidence, or a preview's as-of, that is neither a local date nor an instant. */
export function evidenceTimeRefused(field: string, value: string): ErrorMessage {
  return {
    code: "invalid_instant",
    message: `${field} must be a local date (2026-02-10, midnight in the contract's zone) or an ISO 8601 timestamp with an offset (2026-02-10T14:00:00Z), not "${value}".`,
  };
}

/** Usage evidence asked for a time range that holds no instant. */
export function evidenceRangeEmpty(from: string, to: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `from ${from} is not before to ${to}, so no event could be listed; give a from earlier than the to.`,
  };
}

/** Usage billed in advance asked for a charge the contract does not have in force. */
export function inAdvanceUnknownCharge(id: string, known: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `The contract has no charge "${id}" in force at the period's start; its usage charges are: ${known.join(", ") || "none"}.`,
  };
}

/** Usage billed in advance asked for a charge it cannot bill per event. */
export function inAdvanceChargeRefused(
  id: string,
  reason: "no_meter" | "per_group" | "per_window",
): ErrorMessage {
  return { code: "invalid_argument", message: IN_ADVANCE_REFUSALS[reason](id) };
}

/** Usage billed in advance asked for a charge that draws from an allowance pool. */
export function inAdvancePooledCharge(
  id: string,
  pool: string,
  charges: ReadonlyArray<string>,
): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Charge "${id}" draws from allowance pool "${pool}" (charges ${charges.join(", ")}): the pool is drawn once, at the period's end, from what every charge it lists used, so a fee per event cannot be worked out from this charge's quantity alone; free units of the charge's own ("transform": { "included": … }) can be billed in advance.`,
  };
}

/** Usage billed in advance asked for a charge whose price reads meters besides its own. */
export function inAdvanceOtherMeters(id: string, meters: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Charge "${id}" is priced by the quantities of other meters too (${meters.join(", ")}): usage billed in advance is worked out from the charge's own meter alone, which does not say what the others measure.`,
  };
}

const IN_ADVANCE_REFUSALS = {
  no_meter: (id: string) =>
    `Charge "${id}" reads no meter: only usage is billed per event in advance (fees in advance are "billed": "in_advance").`,
  per_group: (id: string) =>
    `Charge "${id}" has a line per group: usage billed in advance is worked out for a charge with one line (no group-by, no matrix).`,
  // A fee is A(quantity), and a windowed charge's amount depends on what each window holds, not on the total.
  per_window: (id: string) =>
    `Charge "${id}" prices its meter window by window ("windows"): usage billed in advance is worked out from the period's quantity alone, which does not say what each window holds.`,
};
