import type { Contract } from "../contracts/index.js";
import { InputError, isRatecardError } from "../errors/index.js";
import { type Invoice, issueCreditNote } from "../invoice/index.js";
import { type Difference, invoiceDifferences } from "./invoiceDifferences.js";

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
  /** Absent when the note is the expected one byte for byte (or when there is no expected note yet). */
  readonly problem?: string;
  /** Field by field, paths led by `creditNote.` so they never mix with the invoice's. */
  readonly differences: ReadonlyArray<Difference>;
}

/**
 * Issues the fixture's credit note against the recomputed invoice, as `ratecard credit-note` would
 * against the issued one, and compares it with expected-credit-note.json (docs/uat.md).
 * @throws InputError (a corrections.json that is not valid) with its path led by `corrections.json`
 */
export function checkCreditNote(
  contract: Contract,
  invoice: Invoice,
  fixture: CreditNoteFixture,
): CreditNoteOutcome {
  const note = issueWithFileName(() => issueCreditNote(contract, invoice, fixture.corrections));
  const actualText = `${JSON.stringify(note, null, 2)}\n`;
  if (fixture.expectedText === undefined)
    return { actualText, problem: "there is no expected-credit-note.json", differences: [] };
  if (actualText === fixture.expectedText) return { actualText, differences: [] };
  let expected: unknown;
  try {
    expected = JSON.parse(fixture.expectedText);
  } catch {
    return { actualText, problem: "expected-credit-note.json is not JSON", differences: [] };
  }
  const differences = invoiceDifferences(expected, note).map((difference) => ({
    ...difference,
    path: `creditNote.${difference.path}`,
  }));
  return {
    actualText,
    problem:
      differences.length === 0
        ? "the credit note's data are as expected but the text differs: expected-credit-note.json is not in ratecard's canonical form"
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
