import type { Contract } from "../contracts/index.js";
import { InputError, isRatecardError } from "../errors/index.js";
import { type Invoice, issueCreditNote } from "../invoice/index.js";
import type { CreditNote } from "../schema/index.js";
import type { CreditNoteFigures } from "./expectedFigures.js";
import { creditNoteFigureDifferences } from "./figureDifferences.js";
import { type Difference, invoiceDifferences } from "./invoiceDifferences.js";
import { howTextDiffers, withoutByteOrderMark } from "./textDiffers.js";

/** A fixture's credit note: the corrections to issue against its invoice and the note expected from them. */
export interface CreditNoteFixture {
  /** corrections.json, parsed as JSON (the corrections `ratecard credit-note --corrections` reads). */
  readonly corrections: unknown;
  /** expected-credit-note.json's exact text; absent when the fixture has none yet. */
  readonly expectedText?: string;
}

/** What the credit note of a fixture gave: its canonical text and how it differs from the expected one. */
export interface CreditNoteOutcome {
  readonly actualText: string;
  /** Absent when the note is the expected one byte for byte and bills every figure written down for it. */
  readonly problem?: string;
  /** Field by field, paths led by `creditNote.` so they never mix with the invoice's. */
  readonly differences: ReadonlyArray<Difference>;
}

/**
 * Issues the fixture's credit note against the recomputed invoice, as `ratecard credit-note` would
 * against the issued one, and compares it with expected-credit-note.json and with the figures finance
 * worked out for it (expected-figures.json's `creditNote`), each when the fixture has it (docs/uat.md).
 * `earlier`: a closing invoice's earlier invoices (the fixture's earlier-N.json).
 * @throws InputError (a corrections.json that is not valid) with its path led by `corrections.json`
 */
export function checkCreditNote(
  contract: Contract,
  invoice: Invoice,
  fixture: CreditNoteFixture,
  figures?: CreditNoteFigures,
  earlier?: ReadonlyArray<Invoice>,
): CreditNoteOutcome {
  // A closing invoice's note is checked against the minimum it settled on the whole period's spend,
  // which the fixture's earlier invoices hold part of (issueCreditNote's `earlier`).
  const options = earlier === undefined || earlier.length === 0 ? {} : { earlier };
  const note = issueWithFileName(() => issueCreditNote(contract, invoice, fixture.corrections, options));
  const actualText = `${JSON.stringify(note, null, 2)}\n`;
  const byHand = figures === undefined ? undefined : figuresOutcome(figures, note);
  if (fixture.expectedText === undefined)
    return byHand === undefined
      ? {
          actualText,
          problem: "there is no expected-credit-note.json or creditNote in expected-figures.json",
          differences: [],
        }
      : { actualText, ...byHand };
  const written = compareWritten(fixture.expectedText, actualText, note);
  const problems = [written.problem, byHand?.problem].filter((problem) => problem !== undefined);
  return {
    actualText,
    ...(problems.length === 0 ? {} : { problem: problems.join("; ") }),
    differences: [...written.differences, ...(byHand?.differences ?? [])],
  };
}

// The note against expected-figures.json's `creditNote`, figure by figure.
function figuresOutcome(
  figures: CreditNoteFigures,
  note: CreditNote,
): Pick<CreditNoteOutcome, "problem" | "differences"> {
  const differences = creditNoteFigureDifferences(figures, note);
  if (differences.length === 0) return { differences };
  const n = differences.length;
  return {
    problem: `expected-figures.json: ${n} credit note figure${n === 1 ? " differs" : "s differ"}`,
    differences,
  };
}

// The note against expected-credit-note.json, byte for byte, field by field where they differ.
function compareWritten(
  expectedText: string,
  actualText: string,
  note: CreditNote,
): Pick<CreditNoteOutcome, "problem" | "differences"> {
  if (actualText === expectedText) return { differences: [] };
  let expected: unknown;
  try {
    expected = JSON.parse(withoutByteOrderMark(expectedText));
  } catch {
    return { problem: "expected-credit-note.json is not JSON", differences: [] };
  }
  const differences = invoiceDifferences(expected, note).map((difference) => ({
    ...difference,
    path: `creditNote.${difference.path}`,
  }));
  return {
    problem:
      differences.length === 0
        ? `the credit note's data are as expected but the text differs (${howTextDiffers(expectedText, actualText)}): expected-credit-note.json is not in ratecard's canonical form`
        : `the credit note differs in ${differences.length} field${differences.length === 1 ? "" : "s"}`,
    differences,
  };
}

// A correction that is not valid is the fixture's input error: its path names the file it is in, in
// place of the argument (`corrections[0].line` is `corrections.json[0].line`).
function issueWithFileName<T>(issue: () => T): T {
  try {
    return issue();
  } catch (error) {
    if (!isRatecardError(error) || error.code === "invariant_violated") throw error;
    const path = `corrections.json${error.path.replace(/^corrections(?=\[|$)/, "")}`;
    throw new InputError(error.code, path, error.message, { ...error.details });
  }
}
