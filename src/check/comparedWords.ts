import { wordList } from "../errors/index.js";
import type { CreditNoteFigures, ExpectedFigures } from "./expectedFigures.js";
import type { SequenceStage } from "./sequenceStage.js";

/** What a fixture's check rated and compared, as {@link comparedWords} puts it in words. */
export interface ComparedParts {
  /**
   * The period the invoice covers, as its label (`2026-03-01/2026-04-01`; `2026-03-01/2026-03-16` for a
   * contract cancelled on the 16th, whatever period the fixture asked for).
   */
  readonly period: string;
  readonly stage: SequenceStage;
  /** How many earlier invoices (earlier-1.json, …) a closing or progressive invoice subtracts. */
  readonly earlier: number;
  /** Whether expected.json was compared (byte for byte). */
  readonly expectedInvoice: boolean;
  readonly figures?: ExpectedFigures;
  /** Whether a credit note was issued from corrections.json, and whether expected-credit-note.json was compared. */
  readonly creditNote?: { readonly expectedNote: boolean };
}

/**
 * What a check compared, in words, so that a PASS says what it vouches for: "2026-03-01/2026-04-01:
 * expected.json byte for byte; expected-figures.json: 4 lines, tax and total". Finance reading a green report can then
 * tell a fixture whose every figure was worked out by hand from one that only pins ratecard's own output.
 * @example comparedWords({ period: "2026-03", stage: { stage: "invoice" }, earlier: 0, expectedInvoice: true }) // "2026-03: expected.json byte for byte"
 */
export function comparedWords(parts: ComparedParts): string {
  const files = [
    ...(parts.expectedInvoice ? ["expected.json byte for byte"] : []),
    ...(parts.figures === undefined ? [] : [`expected-figures.json: ${figureWords(parts.figures)}`]),
    ...creditNoteWords(parts),
  ];
  return `${parts.period}${stageWords(parts.stage, parts.earlier)}: ${files.join("; ")}`;
}

// ", the closing invoice less earlier-1.json and earlier-2.json" (nothing for the whole period's invoice).
function stageWords(stage: SequenceStage, earlier: number): string {
  if (stage.stage === "invoice") return "";
  const less = earlier === 0 ? "" : ` less ${earlierFiles(earlier)}`;
  return stage.stage === "closing"
    ? `, the closing invoice${less}`
    : `, the progressive invoice as of ${stage.asOf}${less}`;
}

function earlierFiles(earlier: number): string {
  const names = Array.from({ length: earlier }, (_, index) => `earlier-${index + 1}.json`);
  return wordList(names, "and");
}

function creditNoteWords(parts: ComparedParts): string[] {
  if (parts.creditNote === undefined) return [];
  const written = parts.creditNote.expectedNote ? ["expected-credit-note.json byte for byte"] : [];
  const byHand = parts.figures?.creditNote;
  const figures = byHand === undefined ? [] : [`its figures: ${figureWords(byHand)}`];
  return [`the credit note from corrections.json: ${[...written, ...figures].join(", ")}`];
}

// "4 lines, subtotal, tax and total": the lines, then each optional figure written down, in the
// invoice's order.
function figureWords(figures: ExpectedFigures | CreditNoteFigures): string {
  const lines = Object.keys(figures.lines).length;
  const optional: ReadonlyArray<readonly [unknown, string]> = [
    [figures.subtotal, "subtotal"],
    ["discounts" in figures ? figures.discounts : undefined, "discounts"],
    ["credits" in figures ? figures.credits : undefined, "credits applied"],
    [figures.tax, "tax"],
    [figures.total, "total"],
    ["amountDue" in figures ? figures.amountDue : undefined, "amount due"],
  ];
  const written = optional.filter(([value]) => value !== undefined).map(([, name]) => name);
  return wordList([`${lines} line${lines === 1 ? "" : "s"}`, ...written], "and");
}
