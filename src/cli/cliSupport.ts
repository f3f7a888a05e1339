import {
  choiceHint,
  type Invoice,
  isRatecardError,
  type PriceBook,
  parseInvoice,
  parsePriceBook,
  type RateInvoiceOptions,
  resolveContract,
} from "../index.js";
import { commitmentSpendNotRead, commitmentSpendRecordWithoutId, flagNotAChoice } from "./messages.js";
import { nodeSha256 } from "./nodeSha256.js";
import { readJsonFile } from "./readJsonFile.js";
import { displayName } from "./standardInput.js";
import { wrongDocument } from "./wrongDocument.js";

/** Raised for a wrong command line; printed like an input error (exit 2). */
export class UsageLineError extends Error {
  /**
   * The sentences of the input's other problems, printed one a line under the message (a contract
   * missing four fields lists all four; failure.ts).
   */
  readonly more: ReadonlyArray<string>;

  constructor(message: string, more: ReadonlyArray<string> = []) {
    super(message);
    this.more = more;
  }
}

/**
 * The sentences of a RatecardError's problems after the first, which its message already says (and
 * counts: "(and 5 more problems)", issuesToError).
 */
export function otherProblems(details: { readonly problems?: unknown }): ReadonlyArray<string> {
  return problemsOf(details)
    .slice(1)
    .map((problem) => problem.message);
}

/** One problem of an input checked field by field, as a RatecardError lists them in `details.problems`. */
export type Problem = { readonly code: string; readonly path: string; readonly message: string };

/** Every problem a RatecardError's details list (`validate` prints them all; the CLI lists them). */
export function problemsOf(details: { readonly problems?: unknown }): ReadonlyArray<Problem> {
  return Array.isArray(details.problems) ? (details.problems as ReadonlyArray<Problem>) : [];
}

/**
 * A required option that was not given. The program adds where to look, the help of the command that
 * was run ("missing --provider NAME; run ratecard export --help"): the root help lists no option.
 */
export class MissingOptionError extends UsageLineError {}

// Every command prints text (the explanation) or JSON (the document).
export function outputFormat(value: string | undefined): "text" | "json" {
  return flagChoice("--format", value, ["text", "json"]);
}

/**
 * The value of a flag that takes one of a few words (`--format`, `--engine`), as that word's type.
 * @throws UsageLineError naming the words and, when the value is close to one, that one: `--engine must
 *   be auto, memory or duckdb, not "duckbd"; did you mean "duckdb"?` (a typo is most of what goes wrong
 *   here, and the library names the choice it most likely meant in the same way)
 */
export function flagChoice<T extends string>(
  flag: string,
  given: string | undefined,
  choices: ReadonlyArray<T>,
): T {
  const found = choices.find((choice) => choice === given);
  if (found !== undefined) return found;
  throw new UsageLineError(flagNotAChoice(flag, choices, given, choiceHint(given, choices)));
}

// An issued document read back (an invoice, a credit note): a wrong, edited or newer-format file is an
// input error naming the file, not a crash.
export function readIssued<T>(file: string, data: unknown, parse: (data: unknown) => T, what: string): T {
  try {
    return parse(data);
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    // invalid_argument: the library named a document of the other kind (a credit note read as an
    // invoice); the command's own sentence says which file to give instead.
    const wrongShape =
      error.code === "invalid_field" || error.code === "missing_field" || error.code === "invalid_argument";
    const other = wrongShape ? wrongDocument(data, what) : undefined;
    if (other !== undefined) throw new UsageLineError(`${file} ${other}.`);
    throw new UsageLineError(`${file}${wrongShape ? ` is not ${what}` : ""}: ${error.message}`);
  }
}

// --balances takes the previous invoice (each grant's balanceAfter), a late-usage correction of it, or
// the balances themselves. A document with a schemaVersion must be an invoice of this contract: a
// contract given by mistake, or another contract's invoice, is refused rather than read as "every grant
// starts full".
export function creditBalances(
  data: unknown,
  file: string,
  contractId: string,
  startsAt?: string,
): Record<string, string> {
  // A late-usage correction: its re-rated or re-issued invoice drew the grants again from the balances
  // the issued invoice opened with, and is how they now stand (docs/late-usage.md).
  if (isLateUsageCorrection(data))
    return creditBalances(correctedInvoice(`--balances ${file}`, data), file, contractId, startsAt);
  if (isObject(data) && "schemaVersion" in data) {
    const invoice = readIssued(`--balances ${file}`, data, parseInvoice, "a ratecard invoice");
    requireSameContract(invoice.contractId, contractId, `--balances ${file}`);
    requirePrevious(invoice, startsAt, `--balances ${file}`);
    return Object.fromEntries((invoice.credits ?? []).map((credit) => [credit.id, credit.balanceAfter]));
  }
  // A credit note, or a contract without its schemaVersion, is named as such.
  const other = wrongDocument(data, "a ratecard invoice");
  if (other !== undefined) throw new UsageLineError(`--balances ${file} ${other}.`);
  if (!isObject(data) || Object.values(data).some((v) => typeof v !== "string"))
    throw new UsageLineError(
      `--balances ${file} must be a previous invoice or an object of grant id → balance text, such as { "prepay_q1": "600.00" }`,
    );
  return data as Record<string, string>;
}

// `ratecard late-usage --format json`: a correction has its mode and the late events it counted.
function isLateUsageCorrection(data: unknown): data is Record<string, unknown> {
  return isObject(data) && typeof data.mode === "string" && "lateEvents" in data;
}

// --commitment-spend takes the previous invoice (each cumulative commitment's spendAfter), a late-usage
// correction of it (`ratecard late-usage --format json`: its re-rated or re-issued invoice, whose spend
// includes the late usage) or the spend itself, checked like --balances: an invoice must be one of this
// contract. The spend itself is keyed by commitment id, each a spend text or the commitment's
// `commitments[].cumulative` record as the library takes it (`commitmentSpendToDate`), whose fields the
// library checks. `flag` names the flag (or file) in messages.
export function commitmentSpend(
  data: unknown,
  file: string,
  contractId: string,
  flag = "--commitment-spend",
  startsAt?: string,
): Record<string, CarriedSpend> {
  const document = correctedInvoice(`${flag} ${file}`, data);
  if (isObject(document) && "schemaVersion" in document) {
    const invoice = readIssued(`${flag} ${file}`, document, parseInvoice, "a ratecard invoice");
    requireSameContract(invoice.contractId, contractId, `${flag} ${file}`);
    requirePrevious(invoice, startsAt, `${flag} ${file}`);
    return withNotesCounted(spendAfter(invoice), data);
  }
  if (!isObject(data) || !Object.values(data).every((v) => typeof v === "string" || isObject(v)))
    throw new UsageLineError(
      // A record is told from spend keyed by commitment id by its own fields: no commitment id names
      // a value that is neither a text nor a record (its `closes`, `creditNotesTaken`).
      isObject(data) && typeof data.spendAfter === "string"
        ? commitmentSpendRecordWithoutId(`${flag} ${file}`)
        : commitmentSpendNotRead(`${flag} ${file}`),
    );
  return data as Record<string, CarriedSpend>;
}

/**
 * A late-usage correction (`ratecard late-usage --format json`) read as its invoice as the period now
 * stands (`rerated` or `reissued`); anything else as is. A correction that changed nothing holds no
 * invoice and is refused: the invoice it corrected is the one to pass. `named` is the flag and file.
 */
export function correctedInvoice(named: string, data: unknown): unknown {
  if (!isObject(data) || typeof data.mode !== "string" || !("invoiceId" in data)) return data;
  const corrected = data.rerated ?? data.reissued;
  if (corrected === undefined)
    throw new UsageLineError(
      `${named} is a late-usage correction that changed nothing (no re-rated or re-issued invoice); pass the invoice it corrected`,
    );
  return corrected;
}

/**
 * What an invoice leaves to the next one of its cumulative commitments: each one's spend to date, with
 * the credit notes it already reflects when it took some (so a note given again is not taken twice).
 */
export function spendAfter(invoice: Invoice): Record<string, CarriedSpend> {
  return Object.fromEntries(
    (invoice.commitments ?? []).flatMap(({ id, cumulative }) => {
      if (cumulative === undefined) return [];
      const { spendAfter: spend, creditNotesTaken } = cumulative;
      return [[id, creditNotesTaken === undefined ? spend : { spendAfter: spend, creditNotesTaken }]];
    }),
  );
}

// A correction that counted credit notes of units (`unitsCredited`) rated the usage without their
// units, so its spend to date already leaves them out: carried as taken, a note given again
// (--commitment-credit-note) is not taken off a second time (350.00, not 300.00), nor on later invoices.
function withNotesCounted(spend: Record<string, CarriedSpend>, data: unknown): Record<string, CarriedSpend> {
  const counted = isLateUsageCorrection(data) && Array.isArray(data.unitsCredited) ? data.unitsCredited : [];
  const ids = counted.flatMap((note) => (isObject(note) && typeof note.id === "string" ? [note.id] : []));
  if (ids.length === 0) return spend;
  return Object.fromEntries(
    Object.entries(spend).map(([id, carried]) => {
      const { text, taken } =
        typeof carried === "string"
          ? { text: carried, taken: [] }
          : { text: carried.spendAfter, taken: carried.creditNotesTaken ?? [] };
      return [id, { spendAfter: text, creditNotesTaken: [...new Set([...taken, ...ids])].sort() }];
    }),
  );
}

/** A commitment's carried spend: its text, or with the credit notes it reflects. */
export type CarriedSpend = NonNullable<RateInvoiceOptions["commitmentSpendToDate"]>[string];

// An invoice read for what it carries must be one of the contract rated; `source` is the flag and file.
export function requireSameContract(found: string, expected: string, source: string): void {
  if (found !== expected)
    throw new UsageLineError(
      `${source} is an invoice of contract ${found}, not of ${expected}; pass this contract's previous invoice.`,
    );
}

// The contract file, checked: a contract error names the file, so the path inside it is unambiguous.
// A contract that follows a price book is resolved against the books given (--price-book).
export async function readContract(file: string, priceBookFiles: ReadonlyArray<string> = []) {
  const data = await readJsonFile(file, "--contract");
  const books = await readPriceBooks(priceBookFiles);
  return withFile("--contract", displayName(file), /.*/, () =>
    resolveContract(data, books, { sha256: nodeSha256 }),
  );
}

/** The --price-book files, each checked; an error names the book's file and the path inside it. */
export async function readPriceBooks(files: ReadonlyArray<string> = []): Promise<PriceBook[]> {
  const books: PriceBook[] = [];
  for (const file of files) {
    const data = await readJsonFile(file, "--price-book");
    books.push(withFile("--price-book", displayName(file), /.*/, () => parsePriceBook(data)));
  }
  return books;
}

/**
 * Runs `run`; an input error whose path matches `paths` is about the document `flag` named, so its
 * message is led by the flag and the file ("--corrections fix.json: [0].amount must be …").
 */
export function withFile<T>(flag: string, file: string, paths: RegExp, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isRatecardError(error) && paths.test(error.path))
      throw new UsageLineError(
        fileProblem(`${flag} ${file}`, error.path, error.message),
        otherProblems(error.details),
      );
    throw error;
  }
}

/**
 * A problem inside a file a flag named, as the CLI prints it: led by the flag and the file, then by the
 * JSON path when the sentence does not say it ("--carry jan.json at usage.carryOut.requests: …").
 * `named` is the flag and the file.
 */
export function fileProblem(named: string, path: string, message: string): string {
  return `${named}${pathNotSaid(path, message)}: ${message}`;
}

// A sentence that does not name its place in the file ("Line bandwidth_na billed 3656.00 and …") gets
// the JSON path, so the specialist knows which of ten corrections to fix.
function pathNotSaid(path: string, message: string): string {
  return path === "" || message.includes(path) ? "" : ` at ${path}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new MissingOptionError(`missing ${flag}`);
  return value;
}

// Output goes through one writer, so a closed pipe (`ratecard schema | head`) ends the command quietly.
export function write(text: string): void {
  process.stdout.write(text);
}

// What an invoice carries (balances, levels, spend to date) is what the next invoice opens with: the
// invoice given must be the one just before, whose period ends where this one starts (or, after an
// opening invoice billed in advance, the same period). `startsAt` undefined: the caller has no period
// to check against (the opening invoice itself). `source` names the invoice in the sentence: the flag
// and its file ("--carry jan.json"), or the file alone where no flag gave it (a fixture's previous.json).
// A preview, or a progressive invoice before the closing one, is rated as of an instant inside its
// period: its carried state, balances and spend stop there, so it is refused whatever the period.
export function requirePrevious(invoice: Invoice, startsAt: string | undefined, source: string): void {
  const { start, end } = invoice.period;
  if (invoice.preview !== undefined)
    throw new UsageLineError(
      `${source} is a preview of ${start} to ${end} as of ${invoice.preview.asOf}, not an issued invoice: what it carries stops at that instant. Pass the invoice issued for the period (ratecard invoice --format json).`,
    );
  if (invoice.progressive?.stage === "progressive")
    throw new UsageLineError(
      `${source} is progressive invoice ${invoice.progressive.sequence} of ${start} to ${end}, as of ${invoice.progressive.asOf}: what it carries stops at that instant. Pass the period's closing invoice (ratecard progressive --close).`,
    );
  if (startsAt === undefined) return;
  if (end === startsAt || (invoice.kind === "opening" && start === startsAt)) return;
  throw new UsageLineError(
    `${source} is the invoice for ${start} to ${end}, but this invoice starts ${startsAt}: what an invoice carries opens the one just after it. Pass the invoice of the period just before (it ends ${startsAt}).`,
  );
}

/**
 * Runs `run`; an input error about one of the library's arguments (`asOf`, `from`) is named by the flag
 * the user typed (`--as-of`), the way its sentence starts ("asOf must be …" → "--as-of must be …").
 */
export function namedByFlag<T>(flags: Readonly<Record<string, string>>, run: () => T): T {
  try {
    return run();
  } catch (error) {
    return renamedToFlag(flags, error);
  }
}

/** {@link namedByFlag} for an error already caught (`.catch((error) => renamedToFlag(flags, error))`). */
export function renamedToFlag(flags: Readonly<Record<string, string>>, error: unknown): never {
  const flag = isRatecardError(error) ? flags[error.path] : undefined;
  if (flag === undefined || !isRatecardError(error)) throw error;
  throw new UsageLineError(
    error.message.startsWith(`${error.path} `) || error.message.startsWith(`${error.path}:`)
      ? `${flag}${error.message.slice(error.path.length)}`
      : `${flag}: ${error.message}`,
  );
}
