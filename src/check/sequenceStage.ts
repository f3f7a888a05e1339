import type { Invoice } from "../invoice/index.js";
import type { ExpectedFigures } from "./expectedFigures.js";

/**
 * Which invoice of its period a fixture pins: the whole period's (`invoice`), a progressive invoice as
 * of an instant, or the closing invoice (the period's, less the earlier ones; docs/progressive-billing.md).
 */
export type SequenceStage =
  | { readonly stage: "invoice" }
  | { readonly stage: "progressive"; readonly asOf: string }
  | { readonly stage: "closing" };

/**
 * The invoice a fixture pins, from the file that says so: expected.json's `progressive` marker, else
 * expected-figures.json's `progressive`, else the whole period's invoice. Returns the sentence saying
 * why when the files disagree, or when earlier invoices (earlier-1.json, …) are there and nothing says
 * the invoice subtracts them: they would otherwise be left out without a word, and a closing invoice's
 * figures compared with the whole period's.
 * @param earlier - how many earlier invoices the fixture has (earlier-1.json, earlier-2.json, …)
 * @example sequenceStage(undefined, { lines: {}, total: "20", progressive: { stage: "closing" } }, 1) // { stage: "closing" }
 */
export function sequenceStage(
  expected: Invoice | undefined,
  figures: ExpectedFigures | undefined,
  earlier: number,
): SequenceStage | string {
  const marked = expected?.progressive;
  const written: Marker | undefined = figures?.progressive;
  if (expected !== undefined && written !== undefined) {
    const same =
      marked !== undefined &&
      marked.stage === written.stage &&
      (written.asOf === undefined || sameInstant(written.asOf, marked.asOf));
    if (!same)
      return `expected-figures.json says ${stageWords(written)}, but expected.json is ${marked === undefined ? "the invoice for the whole period" : stageWords(marked)}: correct one of them`;
  }
  const stage = toStage(marked ?? written);
  // With neither file there is nothing to compare, which the check says on its own.
  if (earlier > 0 && stage.stage === "invoice" && (expected !== undefined || figures !== undefined))
    return `earlier-1.json${earlier > 1 ? ` … earlier-${earlier}.json are` : " is"} there, but ${
      expected === undefined
        ? 'expected-figures.json does not say which invoice of the period it pins: add "progressive": { "stage": "closing" } (or { "stage": "progressive", "asOf": "…" })'
        : "expected.json is the invoice for the whole period, which subtracts no earlier invoice: pin the closing (or a progressive) invoice, or remove the earlier files"
    }`;
  return stage;
}

// The stage as an invoice's `progressive` marker or the figures' `progressive` write it.
interface Marker {
  readonly stage: "progressive" | "closing";
  readonly asOf?: string;
}

function toStage(marker: Marker | undefined): SequenceStage {
  if (marker === undefined) return { stage: "invoice" };
  if (marker.stage === "closing") return { stage: "closing" };
  return { stage: "progressive", asOf: marker.asOf ?? "" };
}

function stageWords(marker: Marker): string {
  if (marker.stage === "closing") return "the closing invoice";
  return marker.asOf === undefined ? "a progressive invoice" : `a progressive invoice as of ${marker.asOf}`;
}

// Two instants as written (an offset or Z, any precision) that are the same instant; text that is no
// instant is compared as text (rating reports it).
function sameInstant(a: string, b: string): boolean {
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return Number.isNaN(x) || Number.isNaN(y) ? a === b : x === y;
}
