import { isRecord, requireArgument, wordList } from "../errors/index.js";
import type { GroupEvidence, MeterEvidence, UsageEvidence } from "../invoice/index.js";
import { unitWord } from "../meters/index.js";
import { windowedAggregationWords } from "./computationWords.js";
import { escapeControl } from "./escapeControl.js";
import { formatQuantity, groupThousands } from "./formatNumber.js";

const count = (n: number) => groupThousands(String(n));
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? "" : "s"}`;

/**
 * Usage evidence in words, for a specialist answering "which events made this line?" and "were these
 * counted twice?": per meter and group the events listed, their quantity per day or hour, the first
 * events with their values; then the excluded events by reason and the repeated ids. Caller text (ids,
 * property values) is shown with control characters escaped, one line each.
 * @throws InputError `invalid_argument` at `evidence` for anything usageEvidence did not return
 */
export function usageEvidenceText(evidence: UsageEvidence): string {
  requireArgument(
    isRecord(evidence) && Array.isArray(evidence.meters) && isRecord(evidence.period),
    "evidence",
    evidence,
    "usage evidence",
    "what usageEvidence(contract, events, period) returns",
  );
  const out: string[] = [
    `Usage evidence for ${evidence.contractId} (customer ${evidence.customer}), ${evidence.period.label} in ${evidence.timeZone}, per ${evidence.by}`,
    `${plural(evidence.eventsRead, "event")} read, ${count(evidence.eventsCounted)} counted.`,
    ...cutLines(evidence.cutOn),
  ];
  const cut = evidence.cutOn !== undefined;
  for (const meter of evidence.meters)
    out.push("", ...meterLines(meter, evidence.by, cut, evidence.timeZone));
  out.push("", ...exclusionLines(evidence), "", ...duplicateLines(evidence));
  return `${out.map(escapeControl).join("\n")}\n`;
}

// A period cut by a change of terms: a line whose charge's terms change there bills a stretch's part of
// the quantities below, not all of it.
function cutLines(cutOn: ReadonlyArray<string> | undefined): string[] {
  if (cutOn === undefined) return [];
  return [
    `The period is cut on ${wordList(cutOn, "and")} by a change of terms: a line whose charge's terms change there is rated per stretch, from the events of its stretch only (its id ends in the date its stretch starts).`,
  ];
}

// The unit written after a quantity (" request" after 1, " requests" after 2), "" without one.
type UnitAfter = (quantity: string) => string;

function meterLines(meter: MeterEvidence, by: "day" | "hour", cut: boolean, contractZone: string): string[] {
  // The evidence carries no `unitSingular`: after 1, the unit's plain plural is made singular by rule.
  const unit: UnitAfter = (quantity) => unitWord(quantity, meter.unit, undefined);
  const head = `Meter ${meter.meter}${meter.name !== undefined ? ` (${meter.name})` : ""}: ${aggregationWords(meter)}${meter.dimensions.length > 0 ? `, a line per ${meter.dimensions.join(" × ")}` : ""}`;
  // Windows in a zone of their own are listed by its days (or hours): said, as the heading names the contract's.
  const zone = meter.window?.timeZone;
  const opening = [
    ...(zone === undefined || zone === contractZone
      ? []
      : [`  listed by the ${by}s of its windows' zone, ${zone}, not the contract's ${contractZone}`]),
    ...openingLines(meter),
  ];
  if (meter.groups.length === 0) return [head, ...opening, "  no events listed"];
  return [head, ...opening, ...meter.groups.flatMap((group) => groupLines(group, unit, by, cut))];
}

// A meter's aggregation: its name ("sum"), or a two-level meter's both levels as its explanation words
// them ("the max of hourly windows, each the number of distinct values among its events"); the outer
// name alone ("max") read as if the meter took the max of its events.
function aggregationWords(meter: MeterEvidence): string {
  const window = meter.window;
  if (window === undefined) return meter.aggregation;
  return windowedAggregationWords({
    outer: meter.aggregation,
    size: window.size,
    inner: window.aggregation,
    perSecond: window.perSecond === true,
    ...(meter.rank !== undefined ? { rank: meter.rank } : {}),
  });
}

// What a meter that carries state between periods opened the period with: the quantity rated depends on
// it (a level held since last month, seats still active), and the events listed do not show it.
function openingLines(meter: MeterEvidence): string[] {
  const carried = meter.carriedIn;
  if (meter.carriedMissing === true)
    return [
      "  opened the period from zero: it carries state from one period to the next, and none was given (the invoice rated so warns carried_state_missing; give the previous invoice's usage.carryOut, --carry FILE)",
    ];
  if (carried === undefined) return [];
  const from = "carried from the previous period";
  if (carried.level !== undefined)
    return [`  opened the period at level ${formatQuantity(carried.level)}, ${from}`];
  if (carried.total !== undefined)
    return [`  opened the period with a running total of ${formatQuantity(carried.total)}, ${from}`];
  const active = carried.active ?? [];
  const shown = active.slice(0, ACTIVE_SHOWN).join(", ");
  const more = active.length > ACTIVE_SHOWN ? `, and ${count(active.length - ACTIVE_SHOWN)} more` : "";
  return [
    `  opened the period with ${plural(active.length, "active value")}, ${from}${active.length > 0 ? `: ${shown}${more}` : ""}`,
  ];
}

// The carried active values named in the text; the JSON lists them all.
const ACTIVE_SHOWN = 10;

function groupLines(group: GroupEvidence, unit: UnitAfter, by: "day" | "hour", cut: boolean): string[] {
  const name = Object.keys(group.group).length === 0 ? "all events" : groupName(group.group);
  const listed = group.unpriced === true ? unpricedSummary(group, unit) : ratedSummary(group, unit, cut);
  const width = by === "day" ? 10 : 22;
  return [
    `  ${name}: ${listed}`,
    ...stretchLines(group, unit),
    ...group.byPeriod.map(
      (part) =>
        `    ${part.start.padEnd(width)}  ${plural(part.events, "event").padStart(12)}${part.quantity !== undefined ? `  ${formatQuantity(part.quantity)}${unit(part.quantity)}` : ""}`,
    ),
    // --limit 0 asks for no ids: no heading over an empty list.
    ...(group.firstEvents.length === 0
      ? []
      : [`    first ${plural(group.firstEvents.length, "event")} of ${count(group.events)}:`]),
    ...group.firstEvents.map(
      (event) =>
        `      ${event.id}  ${event.timestamp}${event.value !== undefined ? `  ${event.value}` : ""}`,
    ),
  ];
}

// The lines that rate the group per stretch of a cut period, one row each, with the quantity the line
// was rated from: the part of the list below that falls in the stretch (a level's own, for levels).
function stretchLines(group: GroupEvidence, unit: UnitAfter): string[] {
  if (group.stretches === undefined) return [];
  return [
    "    its lines, one per stretch (the end date not included):",
    ...group.stretches.map((stretch) => {
      const [start, end] = stretch.period.label.split("/");
      return `      ${start} to ${end}: ${formatQuantity(stretch.quantity)}${unit(stretch.quantity)} from ${plural(stretch.events, "event")}, on line ${stretch.line} (${stretch.name})`;
    }),
  ];
}

// What the group's events came to, and that it is the quantity its line was rated from (in a cut
// period, the whole period's, of which a line per stretch rates a part).
function ratedSummary(group: GroupEvidence, unit: UnitAfter, cut: boolean): string {
  const rated = `${formatQuantity(group.ratedQuantity)}${unit(group.ratedQuantity)}`;
  const events = plural(group.events, "event");
  if (group.quantity === undefined)
    return `${events} listed; ${cut ? "the whole period's quantity" : "the rated quantity"} is ${rated}`;
  if (group.quantity === group.ratedQuantity)
    return `${events}, ${rated} (${cut ? "the whole period's quantity" : "the quantity rated"})`;
  return `${events} listed, ${formatQuantity(group.quantity)}${unit(group.quantity)} of the ${cut ? `whole period's ${rated}` : `${rated} rated`}`;
}

// A group the contract has no price for is measured, never rated: the invoice has no line for it.
function unpricedSummary(group: GroupEvidence, unit: UnitAfter): string {
  const measured = formatQuantity(group.ratedQuantity);
  const notBilled = "not billed: the contract has no price for it (the invoice warns unpriced_usage)";
  if (group.quantity === undefined)
    return `${plural(group.events, "event")} listed; ${measured}${unit(group.ratedQuantity)} measured, ${notBilled}`;
  return group.quantity === group.ratedQuantity
    ? `${plural(group.events, "event")}, ${measured}${unit(group.ratedQuantity)} measured, ${notBilled}`
    : `${plural(group.events, "event")} listed, ${formatQuantity(group.quantity)}${unit(group.quantity)} of the ${measured}${unit(group.ratedQuantity)} measured, ${notBilled}`;
}

// region="eu", service="http": values as JSON, as line ids write them.
function groupName(group: Readonly<Record<string, unknown>>): string {
  return Object.entries(group)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(", ");
}

function exclusionLines(evidence: UsageEvidence): string[] {
  if (evidence.excluded.length === 0) return ["Excluded events: none."];
  const width = Math.max(...evidence.excluded.map((entry) => entry.reason.length));
  return [
    "Excluded events, by reason (first ids):",
    ...evidence.excluded.map(
      (entry) =>
        `  ${entry.reason.padEnd(width)}  ${String(entry.events).padStart(6)}  ${entry.sampleIds.join(", ")}`,
    ),
  ];
}

function duplicateLines(evidence: UsageEvidence): string[] {
  const { ids, countedOnce, notCounted, sample } = evidence.duplicates;
  if (ids === 0) return ["Repeated ids: none; no event was sent twice."];
  return [
    `Repeated ids: ${ids} (${countedOnce} counted once, ${notCounted} not counted; a repeated id never counts twice):`,
    ...sample.map(
      (entry) =>
        `  ${entry.id}  ${entry.copies} copies  ${entry.counted ? "counted once" : `not counted: ${entry.reason ?? "excluded"}`}`,
    ),
  ];
}
