import type { CommitmentTerms, Contract } from "../../contracts/index.js";
import { type Warning, warningMessages } from "../../errors/index.js";
import { Decimal, toFixedString, ZERO } from "../../money/index.js";
import type { AppliedCommitment } from "../../schema/index.js";
import { formatLocalDate, type Period, toLocalDate } from "../../time/index.js";
import { chargeScope } from "../chargeScope.js";
import type { InvoiceDraft } from "../draft.js";
import type { InvoiceLine } from "../invoiceSchema.js";
import type { ServicePeriod } from "../resolveServicePeriod.js";
import { isSpendInvoiceLine } from "../spendLine.js";
import { netOf, spreadReduction } from "../spreadReduction.js";
import { commitmentLimits } from "./commitmentLimits.js";
import { overageLine, trueUpLine } from "./commitmentLines.js";
import {
  applyCumulative,
  type CommitmentSpendToDate,
  checkCommitmentSpendIds,
} from "./cumulativeCommitment.js";
import { type CommitmentNote, refuseNotesOfNoPeriod } from "./cumulativeNotes.js";

/**
 * The lines after commitments (true-up and overage lines appended, caps taken off), and the
 * commitments applied.
 */
export interface CommitmentResult {
  readonly lines: ReadonlyArray<InvoiceLine>;
  readonly commitments: ReadonlyArray<AppliedCommitment>;
}

/**
 * Step 7 of docs/contracts.md: after discounts, each commitment measures the spend of its lines (their
 * net; lines of credit charges do not count) whose service period lies in this invoice's billing
 * period: the next period's fee billed in advance on this invoice is the next period's spend, never
 * this one's, so it neither fills this minimum, nor counts toward the overage, nor is capped here. Below the minimum, a true-up line makes up the shortfall
 * (Fastly's "commit shortfall", Lago's true-up fee). Above the minimum, an overage factor adds an
 * overage line, (spend − minimum) × (factor − 1) rounded once (Flexprice's commitment overage). Above
 * the maximum, the excess of spend and overage is taken off the lines, the overage line included, by
 * largest remainder. Minimum and maximum are per billing period and prorated on a partial one, then
 * rounded once. Commitments on listed charges come before invoice-wide ones, so a narrow true-up or
 * overage counts as spend for a wide commitment. A cumulative commitment owes its minimum once over its
 * own dates, with `spendToDate` carrying the earlier invoices' spend (docs/commitment-periods.md).
 */
export function applyCommitments(
  contract: Contract,
  lines: ReadonlyArray<InvoiceLine>,
  resolved: ServicePeriod,
  {
    settles = true,
    spendToDate = {},
    notes = [],
  }: {
    readonly settles?: boolean;
    readonly spendToDate?: CommitmentSpendToDate;
    readonly notes?: ReadonlyArray<CommitmentNote>;
  } = {},
): CommitmentResult {
  checkCommitmentSpendIds(contract, spendToDate);
  // No commitment, nothing to order or measure (issue 14: the set of credit charges and a copy of the
  // lines were made for every invoice).
  if (contract.commitments.length === 0) {
    if (settles && notes.length > 0) refuseNotesOfNoPeriod(notes, [], localStart(contract, resolved));
    return { lines, commitments: [] };
  }
  // Narrow scopes first (scoped commitments are nested or separate, so a contained one names fewer
  // charges: counted once each, a charge listed twice widens nothing), the whole invoice last: a narrow
  // true-up or overage then counts as spend of a wider one.
  const width = (commitment: CommitmentTerms) => new Set(commitment.charges).size;
  const ordered = [
    ...contract.commitments
      .filter((commitment) => commitment.charges !== undefined)
      .sort((a, b) => width(a) - width(b)),
    ...contract.commitments.filter((commitment) => commitment.charges === undefined),
  ];
  const minor = contract.currency.minorUnits;
  const notSpend = notSpendIds(contract, lines, resolved.billingPeriod);
  let current = [...lines];
  const applied: AppliedCommitment[] = [];
  const periods: Array<{ readonly from: string; readonly until: string }> = [];
  for (const commitment of ordered) {
    const scope = chargeScope(commitment.charges);
    const inScope = current.filter(
      (line) => inScopeOf(scope, line, contract.commitments) && !notSpend.has(line.id),
    );
    const spend = inScope.reduce((sum, line) => sum.plus(netOf(line)), ZERO);
    const setting = { resolved, minor, rounding: contract.rounding };
    if (commitment.cumulative !== undefined) {
      // Owed over the whole commitment period: a progressive invoice of the usage so far settles none of it.
      const result = settles
        ? applyCumulative(contract, commitment, commitment.cumulative, spend, spendToDate, setting, notes)
        : undefined;
      if (result !== undefined) {
        current = [...current, ...result.lines];
        applied.push(result.applied);
        periods.push(commitment.cumulative);
      }
      continue;
    }
    // The minimum (true-up, overage) is owed for the whole period: a progressive invoice of the usage
    // so far only takes the cap, which the usage so far can already reach.
    const limits = commitmentLimits(commitment, contract, resolved);
    const minimum = settles ? limits.minimum : undefined;
    const maximum = limits.maximum;
    const base = {
      id: commitment.id,
      name: commitment.name,
      ...(minimum !== undefined ? { minimum: toFixedString(minimum, minor) } : {}),
      ...(maximum !== undefined ? { maximum: toFixedString(maximum, minor) } : {}),
      spend: toFixedString(spend, minor),
    };
    // The schedule last, where the invoice schema lists it: a parsed invoice writes its keys in that
    // order, and the bytes must round-trip.
    const scheduled = <T extends object>(entry: T) =>
      limits.schedule === undefined ? entry : { ...entry, schedule: limits.schedule };
    if (minimum !== undefined && spend.lessThan(minimum)) {
      const shortfall = minimum.minus(spend);
      current = [...current, trueUpLine({ commitment, minimum, spend }, shortfall, setting)];
      applied.push(scheduled({ ...base, trueUp: toFixedString(shortfall, minor) }));
      continue;
    }
    const overage =
      minimum !== undefined && commitment.overageFactor !== undefined && spend.greaterThan(minimum)
        ? overageLine({ commitment, minimum, spend }, commitment.overageFactor, spend.minus(minimum), setting)
        : undefined;
    if (overage !== undefined) current = [...current, overage];
    const billed = overage === undefined ? spend : spend.plus(overage.amount);
    const overageField = overage === undefined ? {} : { overage: overage.amount };
    if (maximum !== undefined && billed.greaterThan(maximum)) {
      const excess = billed.minus(maximum);
      const capped = overage === undefined ? inScope : [...inScope, overage];
      const positive = capped.filter((line) => netOf(line).greaterThan(0));
      const spread = spreadReduction(
        current,
        positive,
        excess,
        contract.currency,
        "commitment_cap",
        commitment.id,
      );
      current = spread.lines;
      applied.push(
        scheduled({
          ...base,
          ...overageField,
          cap: toFixedString(excess.negated(), minor),
          allocation: spread.allocation,
        }),
      );
      continue;
    }
    applied.push(scheduled({ ...base, ...overageField }));
  }
  if (settles && notes.length > 0) refuseNotesOfNoPeriod(notes, periods, localStart(contract, resolved));
  return { lines: current, commitments: applied };
}

// The local date this invoice's service period starts on, as commitment periods and notes compare it.
function localStart(contract: Contract, resolved: ServicePeriod): string {
  return formatLocalDate(toLocalDate(resolved.service.start, contract.timeZone));
}

// A line is in a commitment's scope when its charge is, or when it is the true-up or overage line of
// a commitment nested inside this one (every charge of the narrower scope is in this one).
function inScopeOf(
  inScope: (chargeId: string) => boolean,
  line: InvoiceLine,
  commitments: ReadonlyArray<CommitmentTerms>,
): boolean {
  if (inScope(line.chargeId)) return true;
  const source = commitments.find((other) => other.id === line.chargeId);
  return source?.charges?.every(inScope) === true;
}

/**
 * Step 7: commitments measure a period's spend, which the opening invoice (fees in advance only) does
 * not close; on it this stage changes nothing.
 */
export function commitmentsStage(
  draft: InvoiceDraft,
  spendToDate: CommitmentSpendToDate = {},
  notes: ReadonlyArray<CommitmentNote> = [],
): InvoiceDraft {
  if (draft.kind === "opening") return draft;
  const { lines, commitments } = applyCommitments(draft.contract, draft.lines, draft.period, {
    settles: draft.kind === "closing",
    spendToDate,
    notes,
  });
  const unsettled = unsettledAtTermEnd(draft.contract, draft.period, commitments);
  return {
    ...draft,
    lines,
    commitments,
    ...(unsettled.length === 0 ? {} : { warnings: [...draft.warnings, ...unsettled] }),
  };
}

/**
 * A cumulative commitment this invoice does not close although the term ends with it (a term that ends,
 * or is cancelled, before the commitment's `until`): no invoice will true up what is left of its
 * minimum, so the invoice says so rather than "the next invoice carries it" (docs/commitment-periods.md).
 */
function unsettledAtTermEnd(
  contract: Contract,
  resolved: ServicePeriod,
  commitments: ReadonlyArray<AppliedCommitment>,
): Warning[] {
  const termEnd = contract.term.end;
  if (termEnd === undefined || resolved.service.end < termEnd) return [];
  const warnings: Warning[] = [];
  for (const applied of commitments) {
    const cumulative = applied.cumulative;
    const terms = contract.commitments.find((commitment) => commitment.id === applied.id);
    if (cumulative === undefined || cumulative.closes || terms?.cumulative?.trueUp === false) continue;
    const left = new Decimal(applied.minimum ?? "0").minus(cumulative.spendAfter);
    if (!left.greaterThan(0)) continue;
    warnings.push(
      warningMessages.cumulativeMinimumUnsettled({
        path: `commitments[${contract.commitments.indexOf(terms!)}].cumulative`,
        commitment: applied.id,
        minimum: applied.minimum!,
        until: cumulative.until,
        termEnd: formatLocalDate(toLocalDate(termEnd, contract.timeZone)),
        unsettled: toFixedString(left, contract.currency.minorUnits),
        currency: contract.currency.code,
      }),
    );
  }
  return warnings;
}

/**
 * The ids of the lines that are no spend of this billing period (isSpendLine): the next period's fee
 * billed in advance, and the lines of credit charges as in force when their period starts (a credit
 * charge an amendment adds is one too: its line counted as spend, and the true-up it raised took the
 * credit back: −17.00 of SLA credit under a 100.00 minimum billed 100.00, not 83.00). The true-up and
 * overage lines this stage adds are spend of wider commitments.
 */
function notSpendIds(
  contract: Contract,
  lines: ReadonlyArray<InvoiceLine>,
  billingPeriod: Period,
): ReadonlySet<string> {
  return new Set(
    lines.filter((line) => !isSpendInvoiceLine(contract, line, billingPeriod)).map((line) => line.id),
  );
}
