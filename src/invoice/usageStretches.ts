import type { Contract } from "../contracts/index.js";
import type { CarriedMeterState } from "../meters/index.js";
import type { PropertyValue, UsageEvent } from "../schema/index.js";
import { parseInstant } from "../time/index.js";
import { emptyDraft, type PeriodInForce } from "./draft.js";
import type { InvoiceLine, Step } from "./invoiceSchema.js";
import { aggregatePeriod } from "./rateInvoice.js";
import { label } from "./resolveServicePeriod.js";
import { rateChargesStage } from "./stages/rateCharges.js";
import { pieceDateOf } from "./termsAt.js";

/**
 * One stretch of a cut period that a line rates on its own: the line's id, name and period as the
 * invoice writes them, and what its `usage` step says it measured over the stretch.
 */
export interface StretchEvidence {
  /** The line's id, ending in the local date its stretch starts (`use@2026-03-17`). */
  readonly line: string;
  /** The line's name (the charge's name in force at the stretch's end). */
  readonly name: string;
  /** The stretch, as local dates (`2026-03-01/2026-03-17`, the end excluded) and as the line's instants. */
  readonly period: { readonly label: string; readonly start: string; readonly end: string };
  /**
   * The meter's quantity over the stretch alone, the one the line is rated from: a part of the whole
   * period's for sum and count meters; the stretch's own level for max, min, avg, latest and
   * percentile; the distinct values seen in the stretch for unique_count (docs/disputes.md).
   */
  readonly quantity: string;
  /** The events the line counted: the group's, in the stretch. */
  readonly events: number;
}

/**
 * The lines a cut period bills per stretch, rated as the invoice rates them: its first stage
 * (rateChargesStage) over the pieces' and spans' usage (aggregatePeriod), without carried state, as
 * usageEvidence measures. Only the lines whose id ends in a piece's date: a charge whose terms hold, a
 * running total and a fee billed whole are rated over the whole period and have no stretch.
 */
export function linesPerStretch(
  contract: Contract,
  inForce: PeriodInForce,
  events: ReadonlyArray<UsageEvent>,
  carried?: Readonly<Record<string, CarriedMeterState>>,
): ReadonlyArray<InvoiceLine> {
  const usage = aggregatePeriod(events, contract, inForce, carried ? { carried } : {});
  return rateChargesStage(emptyDraft(contract, inForce, "closing"), usage).lines.filter(
    (line) => pieceDateOf(line.id) !== undefined,
  );
}

/**
 * The stretches of one group of a meter (dimensions `dimensions`, values `group`; none for a meter that
 * is one line): the lines of `lines` whose usage step reads the meter and whose group is this one, in
 * invoice order (charge, then time).
 */
export function stretchesOf(
  lines: ReadonlyArray<InvoiceLine>,
  meter: string,
  group: Readonly<Record<string, PropertyValue>>,
  timeZone: string,
): StretchEvidence[] {
  return lines.flatMap((line): StretchEvidence[] => {
    const usage = line.steps.find((step): step is UsageStep => step.kind === "usage");
    if (usage === undefined || usage.meter !== meter || !sameGroup(line.group ?? {}, group)) return [];
    const period = { start: parseInstant(line.period.start), end: parseInstant(line.period.end) };
    return [
      {
        line: line.id,
        name: line.name,
        period: { label: label(period, timeZone), start: line.period.start, end: line.period.end },
        quantity: usage.quantity,
        events: usage.events,
      },
    ];
  });
}

type UsageStep = Extract<Step, { readonly kind: "usage" }>;

// The same dimensions with the same values (a line of a grouped charge names exactly its dimensions).
function sameGroup(
  line: Readonly<Record<string, PropertyValue>>,
  group: Readonly<Record<string, PropertyValue>>,
): boolean {
  const names = Object.keys(group);
  return Object.keys(line).length === names.length && names.every((name) => line[name] === group[name]);
}
