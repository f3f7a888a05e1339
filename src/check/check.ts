import { type PriceBook, resolveContract } from "../contracts/index.js";
import { ContractError, fixturePeriodRefused, InputError, isRatecardError } from "../errors/index.js";
import { currencyPrefix, explainLine, type MoneyStyle } from "../explain/index.js";
import {
  type Invoice,
  type InvoiceLine,
  type RateInvoiceOptions,
  rateClosingParsedInvoice,
  rateParsedInvoice,
  rateProgressiveParsedInvoice,
  safeParseInvoice,
} from "../invoice/index.js";
import type { UsageEvent } from "../schema/index.js";
import { parsePeriod } from "../time/index.js";
import { type CreditNoteFixture, checkCreditNote } from "./checkCreditNote.js";
import { type Difference, invoiceDifferences } from "./invoiceDifferences.js";

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
  /** The period to rate when there is no expected.json (else expected.json's `period.label` is used). */
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
  readonly expected?: string;
  readonly actual?: string;
}

/**
 * - `pass`: the recomputed invoice is expected.json, byte for byte;
 * - `fail`: it differs (see `differences`), or the fixture has no expected.json;
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
   * adds the folders it skipped.
   */
  readonly skipped?: ReadonlyArray<{ readonly name: string; readonly reason: string }>;
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
  const period = expected?.period.label ?? fixture.period;
  if (period === undefined)
    return fixtureError(
      fixture.name,
      'there is no expected.json to take the period from, and no fixture.json to name one: write expected.json (the invoice worked out by hand), or a fixture.json such as { "period": "2026-03" }',
    );
  const contract = resolveContract(fixture.contract, priceBooks);
  const conflict = periodConflict(fixture.period, expected, contract.timeZone);
  if (conflict !== undefined) return fixtureError(fixture.name, conflict);
  const options = fixture.options ?? {};
  const actual = withPeriodSource(
    expected === undefined ? ["fixture.json", "period"] : ["expected.json", "period.label"],
    () => {
      const rating = {
        ...options,
        ...(options.creditBalances === undefined ? { creditsStartFull: true } : {}),
      };
      // An expected progressive or closing invoice is rated as one, less the fixture's earlier invoices.
      const progressive = expected?.progressive;
      if (progressive === undefined) return rateParsedInvoice(contract, fixture.events, period, rating);
      const sequence = { ...rating, earlier: (fixture.earlier ?? []) as ReadonlyArray<Invoice> };
      return progressive.stage === "closing"
        ? rateClosingParsedInvoice(contract, fixture.events, period, sequence)
        : rateProgressiveParsedInvoice(contract, fixture.events, period, progressive.asOf, sequence);
    },
  );
  const actualText = `${JSON.stringify(actual, null, 2)}\n`;
  const note =
    fixture.creditNote === undefined ? undefined : checkCreditNote(contract, actual, fixture.creditNote);
  const withNote = (result: FixtureResult): FixtureResult =>
    note === undefined ? result : { ...result, creditNoteText: note.actualText };
  if (expected === undefined)
    return withNote({
      name: fixture.name,
      status: "fail",
      reason:
        "there is no expected.json: work the invoice out by hand and write it (or run with --update, then check every number)",
      differences: [],
      lines: [],
      actualText,
    });
  const invoiceMatches = actualText === fixture.expectedText;
  if (invoiceMatches && note?.problem === undefined)
    return withNote({ name: fixture.name, status: "pass", differences: [], lines: [], actualText });
  const differences = invoiceMatches
    ? []
    : invoiceDifferences(JSON.parse(fixture.expectedText ?? ""), actual);
  const reasons = [
    ...(invoiceMatches
      ? []
      : [
          differences.length === 0
            ? "the data are the same but the text differs (key order, indentation or the final newline): expected.json is not in ratecard's canonical form"
            : `${differences.length} field${differences.length === 1 ? " differs" : "s differ"}`,
        ]),
    ...(note?.problem === undefined ? [] : [note.problem]),
  ];
  return withNote({
    name: fixture.name,
    status: "fail",
    reason: reasons.join("; "),
    differences: [...differences, ...(note?.differences ?? [])],
    lines: lineWords(differences, expected, actual),
    actualText,
  });
}

// fixture.json names the period only until expected.json exists; once both do, they must agree, or the
// check would quietly rate expected.json's month while finance believes fixture.json's is checked.
// Agreeing is lying within: a month named for a contract that starts on the 12th rates from the 12th.
function periodConflict(
  named: string | undefined,
  expected: Invoice | undefined,
  timeZone: string,
): string | undefined {
  if (named === undefined || expected === undefined) return undefined;
  const period = withPeriodSource(["fixture.json", "period"], () => parsePeriod(named, timeZone));
  const within =
    period.start <= Date.parse(expected.period.start) && Date.parse(expected.period.end) <= period.end;
  return within
    ? undefined
    : `fixture.json names the period ${named}, but expected.json is the invoice for ${expected.period.label}: correct one of them (or delete fixture.json, which only names the period until expected.json is written)`;
}

// The period to rate is read from a file of the fixture: a period that is not understood names that
// file and field, not the rating call's argument.
function withPeriodSource<T>([file, path]: readonly [string, string], rate: () => T): T {
  try {
    return rate();
  } catch (error) {
    if (isRatecardError(error) && error.code === "invalid_period" && error.path === "period")
      throw InputError.from(fixturePeriodRefused(file, error.message), path);
    throw error;
  }
}

// expected.json as an invoice, or the sentence saying why it is not one.
function expectedInvoice(fixture: FixtureInput): Invoice | string {
  let data: unknown;
  try {
    data = JSON.parse(fixture.expectedText ?? "");
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

function lineWords(differences: ReadonlyArray<Difference>, expected: Invoice, actual: Invoice): LineWords[] {
  const ids = [...new Set(differences.flatMap((difference) => difference.lineId ?? []))];
  const words = (invoice: Invoice, id: string) => {
    const line = invoice.lines.find((candidate) => candidate.id === id);
    return line === undefined ? undefined : explain(line, invoice);
  };
  return ids.map((id) => {
    const before = words(expected, id);
    const after = words(actual, id);
    return {
      id,
      ...(before === undefined ? {} : { expected: before }),
      ...(after === undefined ? {} : { actual: after }),
    };
  });
}

function explain(line: InvoiceLine, invoice: Invoice): string {
  const style: MoneyStyle = {
    prefix: currencyPrefix(invoice.currency.code),
    minorUnits: invoice.currency.minorUnits,
  };
  return explainLine(line, style, invoice.period.end);
}
