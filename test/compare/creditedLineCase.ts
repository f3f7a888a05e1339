import fc from "fast-check";
import { type CreditNote, type Invoice, issueCreditNote, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize, type ScenarioOptions } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";

/** An invoice of a generated contract and a credit note crediting one of its lines in full. */
export interface CreditedLineCase {
  readonly invoice: Invoice;
  readonly line: Invoice["lines"][number];
  readonly note: CreditNote;
}

/** The generators of {@link creditedLineCase}: a contract scenario, its usage, the line's position. */
export function creditedLineArbs(options: ScenarioOptions = {}) {
  return [contractScenarioArb(options), streamArb(), fc.nat()] as const;
}

/**
 * Rates a generated contract's invoice and credits one of its lines (`at`, modulo the lines) in full;
 * undefined when the contract or the note is refused, the invoice has no line, lines share the id (a
 * note by id cannot say which), or the note credits nothing.
 */
export function creditedLineCase(
  scenario: Parameters<typeof materialize>[0],
  stream: Parameters<typeof eventsIn>[0],
  at: number,
): CreditedLineCase | undefined {
  const { contract, period } = materialize(deepFreeze(scenario));
  const invoice = attempt(() =>
    rateInvoice(contract, eventsIn(stream, period), period, { creditsStartFull: true }),
  );
  if (invoice === undefined || invoice.lines.length === 0) return undefined;
  // A line with an amount when there is one: a note of a line of 0 credits nothing and the run is lost.
  const billed = invoice.lines.filter((candidate) => !new Decimal(candidate.amount).isZero());
  const lines = billed.length > 0 ? billed : invoice.lines;
  const line = lines[at % lines.length]!;
  if (invoice.lines.filter((other) => other.id === line.id).length > 1) return undefined;
  const note = attempt(() =>
    issueCreditNote(contract, invoice, [{ kind: "line", line: line.id, reason: "fuzz" }]),
  );
  if (note === undefined || new Decimal(note.total).isZero()) return undefined;
  return { invoice, line, note };
}
