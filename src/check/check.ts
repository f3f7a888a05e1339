import { type PriceBook, resolveContract } from "../contracts/index.js";
import { ContractError, isRatecardError, wordList } from "../errors/index.js";
import { invoiceMoneyStyle, lineInWords } from "../explain/index.js";
import {
  type Invoice,
  type InvoiceLine,
  type RateInvoiceOptions,
  rateClosingParsedInvoice,
  rateParsedInvoice,
  rateProgressiveParsedInvoice,
  safeParseInvoice,
} from "../invoice/index.js";
import { Decimal, isDecimalText } from "../money/index.js";
import type { UsageEvent } from "../schema/index.js";
import { type CreditNoteFixture, checkCreditNote } from "./checkCreditNote.js";
import { comparedWords } from "./comparedWords.js";
import { type ExpectedFigures, parseExpectedFiguresText } from "./expectedFigures.js";
import { figureDifferences } from "./figureDifferences.js";
import { periodConflict, periodSource, withPeriodSource } from "./fixturePeriod.js";
import { type Difference, invoiceDifferences } from "./invoiceDifferences.js";
import { sequenceStage } from "./sequenceStage.js";
import { howTextDiffers, withoutByteOrderMark } from "./textDiffers.js";

/** One fixture folder's contents, as read by the caller (the CLI reads the files; check reads no file). */
export interface FixtureInput {
  /** The fixture's name in the report (the CLI uses the folder's path). */
  readonly name: string;
  /** contract.json, parsed as JSON but not yet checked. */
  readonly contract: unknown;
  /** The usage events, already validated (`parseUsageEvent`, or the CLI's usage reader). */
  readonly events: Iterable<UsageEvent>;
  /** expected.json's exact text; absent when the fixture has none yet. */
  readonly expectedText?: string;
  /**
   * expected-figures.json's exact text: the invoice's figures worked out by hand (docs/uat.md); absent
   * when the fixture has none. Checked beside expected.json when both exist.
   */
  readonly figuresText?: string;
  /**
   * The period to rate when neither expected.json nor expected-figures.json names one (fixture.json's;
   * expected.json's `period.label` comes first, then expected-figures.json's `period`).
   */
  readonly period?: string;
  /**
   * What an earlier invoice of the sequence carried (meter state, credit balances, the spend to date of
   * cumulative commitments). Without `creditBalances`, every credit grant starts full: a fixture pins
   * one invoice with no earlier one.
   */
  readonly options?: Pick<RateInvoiceOptions, "carried" | "creditBalances" | "commitmentSpendToDate">;
  /**
   * The progressive invoices issued earlier in the period (earlier-1.json, earlier-2.json, …), when
   * expected.json is a progressive or closing invoice (docs/progressive-billing.md).
   */
  readonly earlier?: ReadonlyArray<unknown>;
  /** A credit note to issue against the invoice and compare too (corrections.json, expected-credit-note.json). */
  readonly creditNote?: CreditNoteFixture;
}

/** A line that differs, in words: the expected line's and the recomputed line's explanations. */
export interface LineWords {
  readonly id: string;
  /** True for a line only expected-figures.json differs on: the figure is no line to put in words. */
  readonly figuresOnly?: true;
  readonly expected?: string;
  readonly actual?: string;
}

/**
 * - `pass`: the recomputed invoice is expected.json, byte for byte, and bills every figure of
 *   expected-figures.json (each file checked when the fixture has it);
 * - `fail`: it differs (see `differences`), or the fixture has neither file;
 * - `error`: the fixture cannot be rated (a contract, expected invoice or period that is not valid).
 */
export type FixtureStatus = "pass" | "fail" | "error";

/** The outcome of one fixture. */
export interface FixtureResult {
  readonly name: string;
  readonly status: FixtureStatus;
  /** Why it failed or could not be rated, in one sentence (absent on a pass). */
  readonly reason?: string;
  /** Field by field, expected against recomputed (empty unless the data differ). */
  readonly differences: ReadonlyArray<Difference>;
  /** The words of every line that has a difference. */
  readonly lines: ReadonlyArray<LineWords>;
  /** The recomputed invoice as canonical JSON text (absent on an error). */
  readonly actualText?: string;
  /** The credit note issued from the fixture's corrections, as canonical JSON text (when it has some). */
  readonly creditNoteText?: string;
  /**
   * What was rated and compared, in words (absent on an error): "2026-03-01/2026-04-01: expected.json byte for byte;
   * expected-figures.json: 4 lines, tax and total". A PASS says what it vouches for.
   */
  readonly compared?: string;
}

/** The outcome of a check run, fixtures in the order given. */
export interface CheckResult {
  readonly fixtures: ReadonlyArray<FixtureResult>;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  /**
   * Folders the caller found and did not rate (not fixtures), each with the reason, so that the report
   * lists them rather than dropping them silently. `check` itself reads no folder and sets none; the CLI
   * adds the folders it skipped (and the files, `file: true`, as `ratecard check fixtures/*` names them).
   */
  readonly skipped?: ReadonlyArray<{ readonly name: string; readonly reason: string; readonly file?: true }>;
}

/**
 * The UAT check: rates every fixture's contract and usage over its period and compares the invoice
 * with the expected one, byte for byte, field by field where they differ.
 *
 * @param fixtures - the fixtures' contents (see {@link FixtureInput})
 * @param options - `priceBooks`: the price books the fixtures' contracts may follow (resolveContract)
 * @returns pass, fail or error per fixture, with the differences and the differing lines in words
 * @throws only for a bug in ratecard (every input problem is an `error` result naming the fixture)
 * @example
 * const result = check([{ name: "cdn-basic", contract, events, expectedText }]);
 * result.fixtures[0].status // "pass" when ratecard still bills cdn-basic as its README works out
 */
export function check(fixtures: ReadonlyArray<FixtureInput>, options: CheckOptions = {}): CheckResult {
  const priceBooks = options.priceBooks ?? [];
  const results = fixtures.map((fixture) => checkFixture(fixture, priceBooks));
  const count = (status: FixtureStatus) => results.filter((result) => result.status === status).length;
  return { fixtures: results, passed: count("pass"), failed: count("fail"), errors: count("error") };
}

/** The result of a fixture that could not even be read (a file missing, usage that is not valid). */
export function fixtureError(name: string, reason: string): FixtureResult {
  return { name, status: "error", reason, differences: [], lines: [] };
}

/** Options of {@link check}. */
export interface CheckOptions {
  /** The price books the fixtures' contracts may follow (docs/price-books.md). */
  readonly priceBooks?: ReadonlyArray<PriceBook>;
}

function checkFixture(fixture: FixtureInput, priceBooks: ReadonlyArray<PriceBook>): FixtureResult {
  try {
    return compare(fixture, priceBooks);
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    // A contract error's path is a path into contract.json: say so, as the CLI names the file of a flag.
    const file = error instanceof ContractError ? "contract.json: " : "";
    return fixtureError(
      fixture.name,
      `${file}${error.message}${error.path === "" ? "" : ` (at ${error.path})`}`,
    );
  }
}

function compare(fixture: FixtureInput, priceBooks: ReadonlyArray<PriceBook>): FixtureResult {
  const expected = fixture.expectedText === undefined ? undefined : expectedInvoice(fixture);
  if (typeof expected === "string") return fixtureError(fixture.name, expected);
  const figures = fixture.figuresText === undefined ? undefined : readFigures(fixture.figuresText);
  if (typeof figures === "string") return fixtureError(fixture.name, figures);
  const source = periodSource(expected, figures, fixture.period);
  if (source === undefined)
    return fixtureError(
      fixture.name,
      'there is no expected.json or expected-figures.json to take the period from, and no fixture.json to name one: write the figures worked out by hand (expected-figures.json, with its "period"), or a fixture.json such as { "period": "2026-03" }',
    );
  const contract = resolveContract(fixture.contract, priceBooks);
  const conflict = periodConflict(fixture.period, figures, expected, contract.timeZone);
  if (conflict !== undefined) return fixtureError(fixture.name, conflict);
  const stage = sequenceStage(expected, figures, fixture.earlier?.length ?? 0);
  if (typeof stage === "string") return fixtureError(fixture.name, stage);
  if (figures?.creditNote !== undefined && fixture.creditNote === undefined)
    return fixtureError(
      fixture.name,
      "expected-figures.json has a creditNote, but there is no corrections.json to issue the credit note from",
    );
  const options = fixture.options ?? {};
  const actual = withPeriodSource(source, () => {
    const rating = {
      ...options,
      ...(options.creditBalances === undefined ? { creditsStartFull: true } : {}),
    };
    // A progressive or closing invoice (expected.json's, or the figures') is rated as one, less the
    // fixture's earlier invoices.
    if (stage.stage === "invoice") return rateParsedInvoice(contract, fixture.events, source.period, rating);
    const sequence = { ...rating, earlier: (fixture.earlier ?? []) as ReadonlyArray<Invoice> };
    return stage.stage === "closing"
      ? rateClosingParsedInvoice(contract, fixture.events, source.period, sequence)
      : rateProgressiveParsedInvoice(contract, fixture.events, source.period, stage.asOf, sequence);
  });
  const actualText = `${JSON.stringify(actual, null, 2)}\n`;
  const note =
    fixture.creditNote === undefined
      ? undefined
      : checkCreditNote(
          contract,
          actual,
          fixture.creditNote,
          figures?.creditNote,
          stage.stage === "closing" ? ((fixture.earlier ?? []) as ReadonlyArray<Invoice>) : undefined,
        );
  const compared = comparedWords({
    period: actual.period.label,
    stage,
    earlier: fixture.earlier?.length ?? 0,
    expectedInvoice: expected !== undefined,
    ...(figures === undefined ? {} : { figures }),
    ...(fixture.creditNote === undefined
      ? {}
      : { creditNote: { expectedNote: fixture.creditNote.expectedText !== undefined } }),
  });
  const withNote = (result: FixtureResult): FixtureResult => ({
    ...result,
    ...(note === undefined ? {} : { creditNoteText: note.actualText }),
    ...(expected === undefined && figures === undefined ? {} : { compared }),
  });
  if (expected === undefined && figures === undefined)
    return withNote({
      name: fixture.name,
      status: "fail",
      reason:
        "there is no expected.json or expected-figures.json: write the figures worked out by hand in expected-figures.json (or run with --update for expected.json, then check every number)",
      differences: [],
      lines: [],
      actualText,
    });
  const written = expected === undefined ? undefined : invoiceOutcome(fixture.expectedText ?? "", actual);
  const byHand = figures === undefined ? undefined : figuresOutcome(figures, actual);
  const reasons = [written?.problem, byHand?.problem, note?.problem].filter(isText);
  if (reasons.length === 0)
    return withNote({ name: fixture.name, status: "pass", differences: [], lines: [], actualText });
  return withNote({
    name: fixture.name,
    status: "fail",
    reason: reasons.join("; "),
    differences: [
      ...(written?.differences ?? []),
      ...(byHand?.differences ?? []),
      ...(note?.differences ?? []),
    ],
    lines: [
      ...lineWords(written?.differences ?? [], expected, actual),
      ...lineWords(byHand?.differences ?? [], undefined, actual).filter(
        (words) => !written?.differences.some((difference) => difference.lineId === words.id),
      ),
    ],
    actualText,
  });
}

/** How a part of the fixture (expected.json, expected-figures.json) compares: why it fails, and where. */
interface Outcome {
  readonly problem?: string;
  readonly differences: ReadonlyArray<Difference>;
}

// expected.json against the recomputed invoice, byte for byte, field by field where they differ.
function invoiceOutcome(expectedText: string, actual: Invoice): Outcome {
  const actualText = `${JSON.stringify(actual, null, 2)}\n`;
  if (actualText === expectedText) return { differences: [] };
  const differences = invoiceDifferences(JSON.parse(withoutByteOrderMark(expectedText)), actual);
  return {
    problem:
      differences.length === 0
        ? `the data are the same but the text differs (${howTextDiffers(expectedText, actualText)}): expected.json is not in ratecard's canonical form`
        : `${differences.length} field${differences.length === 1 ? " differs" : "s differ"}`,
    differences,
  };
}

// expected-figures.json against the recomputed invoice, figure by figure.
function figuresOutcome(figures: ExpectedFigures, actual: Invoice): Outcome {
  const differences = figureDifferences(figures, actual);
  if (differences.length === 0) return { differences };
  const count = (n: number, one: string, many: string) => (n === 0 ? [] : [`${n} ${n === 1 ? one : many}`]);
  const differ = differences.filter((d) => d.expected !== undefined && d.actual !== undefined).length;
  const unwritten = differences.filter((d) => d.expected === undefined).length;
  const unbilled = differences.filter((d) => d.actual === undefined).length;
  const parts = [
    ...count(differ, "figure differs", "figures differ"),
    ...count(unwritten, "amount billed is not written down", "amounts billed are not written down"),
    ...count(unbilled, "figure written down is not billed", "figures written down are not billed"),
  ];
  return {
    problem: `expected-figures.json: ${[parts.join(", "), ...chargeHints(figures, actual), ...signHints(differences)].join("; ")}`,
    differences,
  };
}

// A line written down by its charge's id where the invoice bills that charge on lines of its own (one
// per group or piece): say which, since the ids to write are not the charge's.
function chargeHints(figures: ExpectedFigures, actual: Invoice): string[] {
  const ids = new Set(actual.lines.map((line) => line.id));
  return Object.keys(figures.lines).flatMap((id) => {
    if (ids.has(id)) return [];
    const lines = actual.lines.filter((line) => line.chargeId === id).map((line) => line.id);
    if (lines.length === 0) return [];
    return [`the invoice bills charge ${id} as ${wordList(lines, "and")}: write down each of these lines`];
  });
}

// A figure written with the other sign from the invoice's (a credit applied written 370.00 where the
// invoice writes -370.00): say so, since "recomputed − expected: -740.00" does not.
function signHints(differences: ReadonlyArray<Difference>): string[] {
  const value = (json: string | undefined) => {
    const text = json === undefined ? undefined : (JSON.parse(json) as unknown);
    return typeof text === "string" && isDecimalText(text) ? new Decimal(text) : undefined;
  };
  const flipped = differences.filter((difference) => {
    const [expected, actual] = [value(difference.expected), value(difference.actual)];
    return expected !== undefined && actual !== undefined && !expected.isZero() && expected.eq(actual.neg());
  });
  return flipped.map(
    (difference) =>
      `${difference.path} is written ${JSON.parse(difference.expected ?? "")} but billed ${JSON.parse(difference.actual ?? "")}: discounts, credits applied and credits for unused time are negative on an invoice, a credit note's lines positive`,
  );
}

// expected-figures.json as figures, or the sentence saying why they are not.
function readFigures(text: string): ExpectedFigures | string {
  const json = withoutByteOrderMark(text);
  try {
    JSON.parse(json);
  } catch (error) {
    return `expected-figures.json is not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    // Each JSON number as written, not as the double JSON.parse makes of it (docs/uat.md).
    return parseExpectedFiguresText(json);
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    return `expected-figures.json: ${error.message}`;
  }
}

function isText(value: string | undefined): value is string {
  return value !== undefined;
}

// expected.json as an invoice, or the sentence saying why it is not one.
function expectedInvoice(fixture: FixtureInput): Invoice | string {
  let data: unknown;
  try {
    data = JSON.parse(withoutByteOrderMark(fixture.expectedText ?? ""));
  } catch (error) {
    return `expected.json is not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const parsed = safeParseInvoice(data);
  if (parsed.success) return parsed.data;
  // A digest that does not seal the rest is one more difference to report, not a reason to stop: the
  // digest is checked after the shape, so the document is a well-formed invoice.
  if (parsed.error.code === "digest_mismatch") return data as Invoice;
  return `expected.json is not a ratecard invoice: ${parsed.error.message}`;
}

// Each line with a difference in words; `expected` absent for figures (a figure is no line to explain).
function lineWords(
  differences: ReadonlyArray<Difference>,
  expected: Invoice | undefined,
  actual: Invoice,
): LineWords[] {
  const ids = [...new Set(differences.flatMap((difference) => difference.lineId ?? []))];
  const words = (invoice: Invoice, id: string) => {
    const line = invoice.lines.find((candidate) => candidate.id === id);
    return line === undefined ? undefined : explain(line, invoice);
  };
  return ids.map((id) => {
    const before = expected === undefined ? undefined : words(expected, id);
    const after = words(actual, id);
    return {
      id,
      ...(expected === undefined ? { figuresOnly: true as const } : {}),
      ...(before === undefined ? {} : { expected: before }),
      ...(after === undefined ? {} : { actual: after }),
    };
  });
}

function explain(line: InvoiceLine, invoice: Invoice): string {
  const style = invoiceMoneyStyle(invoice);
  // In the invoice's zone and dates, as `ratecard explain` words the line ("from 2026-04-21"), not in
  // instants ("from 2026-04-21T00:00:00.000Z"). An expected.json edited by hand may hold an instant that
  // is no instant (the difference the report is about): its line is then worded with the text as written.
  const { start, end, timeZone } = invoice.period;
  try {
    return lineInWords(line, style, end, timeZone, start, invoice.allowances);
  } catch {
    return lineInWords(line, style, end);
  }
}
