import type { CommitmentTerms, Contract, CumulativeCommitmentTerms } from "../../contracts/index.js";
import { InputError, invoiceMessages, toJsonPath } from "../../errors/index.js";
import { type Decimal, roundTo, safeParseDecimal, toFixedString, ZERO } from "../../money/index.js";
import { type AppliedCommitment, closestChoice } from "../../schema/index.js";
import {
  formatInstant,
  formatLocalDate,
  parseLocalDate,
  startOfLocalDate,
  toLocalDate,
} from "../../time/index.js";
import type { InvoiceLine } from "../invoiceSchema.js";
import { type LineSetting, overageLine, trueUpLine } from "./commitmentLines.js";
import { type CommitmentNote, NOTES, notesTaken } from "./cumulativeNotes.js";

/**
 * A cumulative commitment's spend carried with the credit notes it already reflects: the previous
 * invoice's `commitments[].cumulative` record (its `spendAfter` and `creditNotesTaken`), so a note given
 * again is not taken off twice. Its other fields are read and ignored.
 */
export interface CarriedCommitmentSpend {
  readonly spendAfter: string;
  readonly creditNotesTaken?: ReadonlyArray<string> | undefined;
}

/**
 * Each cumulative commitment's spend on the earlier invoices of its period, by commitment id (the
 * previous invoice's `commitments[].cumulative.spendAfter`, or its whole `cumulative` record), in the
 * invoice currency.
 */
export type CommitmentSpendToDate = Readonly<Record<string, string | CarriedCommitmentSpend>>;

/** The spend text of a carried value, and the notes it already reflects (none for a bare text). */
export function carriedParts(value: string | CarriedCommitmentSpend): {
  readonly text: string;
  readonly taken: ReadonlyArray<string>;
} {
  return typeof value === "string"
    ? { text: value, taken: [] }
    : { text: value.spendAfter, taken: value.creditNotesTaken ?? [] };
}

/**
 * A cumulative commitment's part of this invoice (Flexprice's cumulative commitment, see
 * docs/commitment-periods.md): what remains of the minimum after the earlier invoices' spend, the part of
 * this invoice's spend within it and above it, and the shortfall on the invoice that closes the period.
 * Every figure is exact: the spends are sums of rounded lines, the minimum is rounded once. The spend
 * to date carried on is the spend before plus this invoice's spend as `billed` (the spend itself, or
 * rounded to the currency when lines are finer than it), and the shortfall is worked from what was
 * billed before, so the period's invoices, each rounded, bill the minimum exactly.
 * @example cumulativeShare(1200, 300, 500) // remaining 900, within 500, excess 0, spendAfter 800
 * @example cumulativeShare(1, 0.02, 0) // the close after 0.0051 billed 0.01 twice: shortfall 0.98
 */
export function cumulativeShare(minimum: Decimal, spendBefore: Decimal, spend: Decimal, billed = spend) {
  const remaining = maxOf(minimum.minus(spendBefore), ZERO);
  const within = spend.lessThan(remaining) ? spend : remaining;
  return {
    remaining,
    within,
    excess: spend.minus(within),
    spendAfter: spendBefore.plus(billed),
    shortfall: maxOf(minimum.minus(spendBefore.plus(spend)), ZERO),
  };
}

/**
 * This invoice's spend as it is billed: with lines finer than the currency (`rounding.lineDecimals`) the
 * invoice's total is rounded to the currency, so the spend is counted rounded as a total of it alone
 * would be (0.0051 bills 0.01); otherwise the spend, already in the currency's minor units.
 */
function billedSpend(contract: Contract, spend: Decimal): Decimal {
  const settle = contract.totalRounding;
  return settle === undefined ? spend : roundTo(spend, settle.minorUnits, contract.rounding);
}

/**
 * The lines and the record of a cumulative commitment on one invoice, or undefined for an invoice
 * outside its period. `spend` is this invoice's in-scope spend, measured as for any commitment.
 * @throws InputError `invalid_period` when the invoice's period crosses `from` or `until`;
 *   `missing_commitment_spend` for an invoice after the first with no carried spend; `invalid_field` for
 *   carried spend that is negative, finer than the currency, or given on the first invoice
 */
export function applyCumulative(
  contract: Contract,
  commitment: CommitmentTerms,
  cumulative: CumulativeCommitmentTerms,
  spend: Decimal,
  carried: CommitmentSpendToDate,
  setting: LineSetting,
  notes: ReadonlyArray<CommitmentNote> = [],
): { readonly lines: ReadonlyArray<InvoiceLine>; readonly applied: AppliedCommitment } | undefined {
  const index = contract.commitments.indexOf(commitment);
  const place = placeInPeriod(contract, commitment.id, cumulative, index, setting);
  if (place === undefined) return undefined;
  const { minor, rounding } = setting;
  const minimum = roundTo(commitment.minimum!, minor, rounding);
  const start = formatLocalDate(toLocalDate(setting.resolved.service.start, contract.timeZone));
  const given = carriedSpend(
    contract,
    commitment.id,
    cumulative.from,
    index,
    { first: place.first, start },
    carried,
  );
  const value = carried[commitment.id];
  const taken = notesTaken(contract, commitment, cumulative, start, {
    notes,
    taken: value === undefined ? [] : carriedParts(value).taken,
  });
  if (taken.off.greaterThan(given))
    throw InputError.from(
      invoiceMessages.commitmentNotesExceedSpend(
        commitment.id,
        toFixedString(given, minor),
        toFixedString(taken.off, minor),
      ),
      toJsonPath([...NOTES]),
    );
  const spendBefore = given.minus(taken.off);
  const share = cumulativeShare(minimum, spendBefore, spend, billedSpend(contract, spend));
  const figures = { commitment, minimum, spend, spendBefore };
  const trueUp =
    place.closes && cumulative.trueUp !== false && share.shortfall.greaterThan(0)
      ? trueUpLine(figures, share.shortfall, setting)
      : undefined;
  const factor = commitment.overageFactor;
  const overage =
    factor !== undefined && share.excess.greaterThan(0)
      ? overageLine(figures, factor, share.excess, setting)
      : undefined;
  const added = [trueUp, overage].filter((line) => line !== undefined);
  const money = (value: Decimal) => toFixedString(value, minor);
  return {
    lines: added,
    applied: {
      id: commitment.id,
      name: commitment.name,
      minimum: money(minimum),
      spend: money(spend),
      ...(trueUp === undefined ? {} : { trueUp: trueUp.amount }),
      ...(overage === undefined ? {} : { overage: overage.amount }),
      cumulative: {
        from: cumulative.from,
        until: cumulative.until,
        spendBefore: money(spendBefore),
        ...(taken.entries.length === 0 ? {} : { creditNotes: [...taken.entries] }),
        remaining: money(share.remaining),
        within: money(share.within),
        excess: money(share.excess),
        spendAfter: money(share.spendAfter),
        ...(taken.reflected.length === 0 ? {} : { creditNotesTaken: taken.reflected }),
        closes: place.closes,
      },
    },
  };
}

// Where the spend sits in the arguments of every rating entry point: its errors are addressed from there.
const SPEND = ["options", "commitmentSpendToDate"] as const;

/**
 * Refuses carried spend for a commitment the contract does not have, or one owed per billing period.
 * @throws InputError `unknown_commitment`, `invalid_field` at `options.commitmentSpendToDate.<id>`
 */
export function checkCommitmentSpendIds(contract: Contract, carried: CommitmentSpendToDate): void {
  for (const id of Object.keys(carried)) {
    const commitment = contract.commitments.find((candidate) => candidate.id === id);
    if (commitment?.cumulative !== undefined) continue;
    const problem =
      commitment === undefined
        ? invoiceMessages.unknownCommitmentSpend(
            id,
            contract.id,
            cumulativeIds(contract)
              .map((known) => `"${known}"`)
              .join(", "),
            closestChoice(id, cumulativeIds(contract)),
          )
        : invoiceMessages.commitmentSpendNotCumulative(id);
    throw InputError.from(problem, toJsonPath([...SPEND, id]));
  }
}

function cumulativeIds(contract: Contract): string[] {
  return contract.commitments
    .filter((commitment) => commitment.cumulative !== undefined)
    .map((commitment) => commitment.id);
}

// Where the invoice's service period lies in the commitment's [from, until): outside (undefined), or
// inside, opening it (the first invoice: it starts at `from`, or at the term's start when the term starts
// later) and/or closing it (it reaches `until`: the true-up is owed, Flexprice's periodEnd ≥ commitmentEnd).
function placeInPeriod(
  contract: Contract,
  id: string,
  { from, until }: CumulativeCommitmentTerms,
  index: number,
  { resolved }: LineSetting,
): { readonly first: boolean; readonly closes: boolean } | undefined {
  const start = startOfLocalDate(parseLocalDate(from)!, contract.timeZone);
  const end = startOfLocalDate(parseLocalDate(until)!, contract.timeZone);
  const service = resolved.service;
  if (service.end <= start || service.start >= end) return undefined;
  if (service.start < start || service.end > end) {
    const period = `${formatInstant(service.start)} – ${formatInstant(service.end)}`;
    throw InputError.from(
      invoiceMessages.commitmentPeriodCut(id, from, until, period),
      toJsonPath(["commitments", index, "cumulative"]),
    );
  }
  return { first: service.start <= Math.max(start, contract.term.start), closes: service.end >= end };
}

// The spend of the earlier invoices of the period: none on the first invoice; carried on every later one
// (a forgotten value must not hand the customer the whole minimum again, nor bill it twice).
function carriedSpend(
  contract: Contract,
  id: string,
  from: string,
  index: number,
  { first, start }: { readonly first: boolean; readonly start: string },
  carried: CommitmentSpendToDate,
): Decimal {
  const value = carried[id];
  if (value === undefined) {
    if (first) return ZERO;
    throw InputError.from(
      invoiceMessages.missingCommitmentSpend(id, from, start),
      toJsonPath(["commitments", index]),
    );
  }
  const { text } = carriedParts(value);
  const minor = contract.currency.minorUnits;
  const parsed = safeParseDecimal(text);
  if (!parsed.success || parsed.data.isNegative() || parsed.data.decimalPlaces() > minor)
    throw InputError.from(
      invoiceMessages.commitmentSpendOutOfRange(id, text, minor),
      toJsonPath([...SPEND, id]),
    );
  if (first && !parsed.data.isZero())
    throw InputError.from(
      invoiceMessages.commitmentSpendBeforePeriod(id, from, text),
      toJsonPath([...SPEND, id]),
    );
  return parsed.data;
}

function maxOf(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}
