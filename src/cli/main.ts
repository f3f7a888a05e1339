#!/usr/bin/env node
import { type ParseArgsConfig, parseArgs } from "node:util";
// Inlined at build time (only this field): the version of the package the CLI ships in.
import { version } from "../../package.json";
import {
  type CarriedMeterState,
  contractJsonSchema,
  Decimal,
  escapeControl,
  explainText,
  invoiceJsonSchema,
  isRatecardError,
  issueCreditNote,
  parseCarriedStates,
  parseContract,
  parseCreditNote,
  parseInvoice,
  rateInvoiceAsync,
  rateOpeningInvoice,
  safeParseContract,
  safeParseDecimal,
  toJsonPath,
} from "../index.js";
import { explainQuote, quote } from "./quote.js";
import { readJsonFile } from "./readJsonFile.js";
import { usageSource } from "./readUsage.js";

const USAGE = `ratecard — exact, explainable usage-based invoices

Usage:
  ratecard invoice --contract FILE --usage FILE --period PERIOD [--format text|json] [--carry FILE] [--balances FILE] [--credits-start-full] [--daily]
  ratecard invoice --contract FILE --opening [--format text|json] [--balances FILE] [--credits-start-full]
  ratecard validate FILE
  ratecard schema [--invoice]
  ratecard --version
  ratecard credit-note --contract FILE --invoice FILE --corrections FILE [--previous FILE …] [--format text|json]
  ratecard quote --price JSON|FILE (--quantity Q | --values V1,V2,…) [--currency USD] [--format text|json]

--carry takes the previous period's invoice (JSON) to continue persistent and weighted meters.
--balances takes the previous invoice (JSON) to continue credit grant balances; a grant that started
  before the period needs one, unless --credits-start-full says every grant without one starts full.
--daily adds each sum and count meter's quantity per local day (and a chart in the text).
--opening rates the invoice issued at the term start: the first period's fees billed in advance.
PERIOD is a month in the contract's time zone (2026-02) or a range of local dates
(2026-02-01/2026-03-01, end date excluded). Usage files: .ndjson, .jsonl, .csv or .json.

Exit codes: 0 done, 1 ratecard failed (a bug), 2 the input is wrong (the message says where).
`;

/** Raised for a wrong command line; printed like an input error (exit 2). */
class UsageLineError extends Error {}

async function main(argv: ReadonlyArray<string>): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "invoice":
      return invoiceCommand(rest);
    case "validate":
      return validateCommand(rest);
    case "quote":
      return quoteCommand(rest);
    case "credit-note":
      return creditNoteCommand(rest);
    case "schema":
      return schemaCommand(rest);
    case "--version":
      write(`${version}\n`);
      return 0;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageLineError(`unknown command "${command}"; run ratecard --help`);
  }
}

async function invoiceCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      contract: { type: "string" },
      usage: { type: "string" },
      period: { type: "string" },
      format: { type: "string", default: "text" },
      carry: { type: "string" },
      daily: { type: "boolean", default: false },
      balances: { type: "string" },
      "credits-start-full": { type: "boolean", default: false },
      opening: { type: "boolean", default: false },
    },
  });
  const contractFile = required(values.contract, "--contract FILE");
  if (values.opening) return openingCommand(contractFile, values);
  const usageFile = required(values.usage, "--usage FILE");
  const period = required(values.period, "--period PERIOD");
  const format = outputFormat(values.format);
  const contract = await readContract(contractFile);
  const carried =
    values.carry === undefined
      ? undefined
      : carriedState(await readJsonFile(values.carry, "--carry"), values.carry, contract.id);
  // The file is streamed twice (once to find ids that may repeat, once to aggregate), so memory stays
  // at about 4 bytes per event however large the file.
  const invoice = await rateInvoiceAsync(contract, await usageSource(usageFile), period, {
    ...(carried ? { carried } : {}),
    ...(values.daily ? { daily: true } : {}),
    ...(await creditOptions(values, contract.id)),
  });
  write(format === "json" ? `${JSON.stringify(invoice, null, 2)}\n` : explainText(invoice));
  return 0;
}

// --balances and --credits-start-full, as the options of a rating call.
async function creditOptions(
  values: { readonly balances?: string; readonly "credits-start-full"?: boolean },
  contractId: string,
) {
  return {
    ...(values.balances
      ? {
          creditBalances: creditBalances(
            await readJsonFile(values.balances, "--balances"),
            values.balances,
            contractId,
          ),
        }
      : {}),
    ...(values["credits-start-full"] ? { creditsStartFull: true } : {}),
  };
}

// The opening invoice has no usage and no period to ask for: it is the term's first period.
async function openingCommand(
  contractFile: string,
  values: {
    readonly format?: string;
    readonly balances?: string;
    readonly "credits-start-full"?: boolean;
    readonly usage?: string;
    readonly period?: string;
    readonly carry?: string;
    readonly daily?: boolean;
  },
): Promise<number> {
  for (const flag of ["usage", "period", "carry"] as const) {
    if (values[flag] !== undefined)
      throw new UsageLineError(
        `--opening bills the first period's fees in advance only; leave out --${flag}`,
      );
  }
  // The opening invoice has no usage, so no daily quantities: --daily would be ignored without a word.
  if (values.daily === true) {
    throw new UsageLineError("--opening bills no usage, so it has no daily quantities; leave out --daily");
  }
  const format = outputFormat(values.format);
  const contract = await readContract(contractFile);
  const invoice = rateOpeningInvoice(contract, await creditOptions(values, contract.id));
  write(format === "json" ? `${JSON.stringify(invoice, null, 2)}\n` : explainText(invoice));
  return 0;
}

async function creditNoteCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      contract: { type: "string" },
      invoice: { type: "string" },
      corrections: { type: "string" },
      previous: { type: "string", multiple: true },
      format: { type: "string", default: "text" },
    },
  });
  const format = outputFormat(values.format);
  const contract = await readContract(required(values.contract, "--contract FILE"));
  const invoiceFile = required(values.invoice, "--invoice FILE");
  const invoice = readIssued(
    `--invoice ${invoiceFile}`,
    await readJsonFile(invoiceFile, "--invoice"),
    parseInvoice,
    "a ratecard invoice",
  );
  const correctionsFile = required(values.corrections, "--corrections FILE");
  const corrections = await readJsonFile(correctionsFile, "--corrections");
  const previous = await Promise.all(
    (values.previous ?? []).map(async (file) =>
      readIssued(
        `--previous ${file}`,
        await readJsonFile(file, "--previous"),
        parseCreditNote,
        "a ratecard credit note",
      ),
    ),
  );
  const note = withFile("--corrections", correctionsFile, /^\[|^$/, () =>
    issueCreditNote(contract, invoice, corrections, { previous }),
  );
  if (format === "json") {
    write(`${JSON.stringify(note, null, 2)}\n`);
    return 0;
  }
  const lines = note.lines.map(
    (line) =>
      `- ${line.name} (${line.corrects}): ${line.amount} ${note.currency.code} credited of ${line.invoiced} billed${new Decimal(line.creditedBefore).isZero() ? "" : ` (${line.creditedBefore} credited before)`}${line.quantity === undefined ? "" : `; ${line.quantity} units taken off, the rest re-rated at ${line.rerated}`}. Reason: ${line.reason}.`,
  );
  const tax = note.tax === undefined ? [] : [`Tax credited: ${note.tax.total} ${note.currency.code}.`];
  // Names and reasons are the caller's text: each printed line is escaped, so none can forge another.
  const text = [
    `Credit note ${note.id} against invoice ${note.invoiceId}`,
    ...lines,
    `Subtotal ${note.subtotal}.`,
    ...tax,
    `Total credited ${note.total} ${note.currency.code}.`,
  ];
  write(`${text.map(escapeControl).join("\n")}\n`);
  return 0;
}

// Every command prints text (the explanation) or JSON (the document).
function outputFormat(value: string | undefined): "text" | "json" {
  if (value === "text" || value === "json") return value;
  throw new UsageLineError(`--format must be text or json, not "${value}"`);
}

// An issued document read back (an invoice, a credit note): a wrong, edited or newer-format file is an
// input error naming the file, not a crash.
function readIssued<T>(file: string, data: unknown, parse: (data: unknown) => T, what: string): T {
  try {
    return parse(data);
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    const wrongShape = error.code === "invalid_field" || error.code === "missing_field";
    throw new UsageLineError(`${file}${wrongShape ? ` is not ${what}` : ""}: ${error.message}`);
  }
}

// `ratecard schema` prints the contract's JSON Schema; `--invoice`, the invoice's.
function schemaCommand(args: ReadonlyArray<string>): number {
  const { values } = parseFlags({
    args: [...args],
    options: { invoice: { type: "boolean", default: false } },
  });
  const schema = values.invoice ? invoiceJsonSchema() : contractJsonSchema();
  write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}

async function quoteCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      price: { type: "string" },
      quantity: { type: "string" },
      values: { type: "string" },
      currency: { type: "string", default: "USD" },
      format: { type: "string", default: "text" },
    },
  });
  const price = required(values.price, "--price JSON|FILE");
  const format = outputFormat(values.format);
  const currency = values.currency ?? "USD";
  const { line, warnings } = await quote({
    price,
    quantity: values.quantity,
    values: values.values,
    currency,
  });
  const minorUnits = (line.amount.split(".")[1] ?? "").length;
  write(
    format === "json"
      ? `${JSON.stringify(line, null, 2)}\n`
      : explainQuote(line, { code: currency, minorUnits }),
  );
  // A warning (a charge floored at zero) goes to stderr, so the JSON on stdout stays the line alone.
  for (const warning of warnings) process.stderr.write(`ratecard: warning: ${escapeControl(warning)}\n`);
  return 0;
}

async function validateCommand(args: ReadonlyArray<string>): Promise<number> {
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0)
    throw new UsageLineError("validate takes exactly one contract file");
  const result = safeParseContract(await readJsonFile(file, "validate"));
  if (result.success) {
    const contract = result.data;
    write(
      `${escapeControl(file)}: contract ${contract.id} is valid (${contract.charges.length} charges, ${contract.meters.length} meters, ${contract.currency.code}, ${contract.timeZone}).\n`,
    );
    return 0;
  }
  const problems = (result.error.details.problems ?? []) as ReadonlyArray<{ message: string }>;
  process.stderr.write(
    `${escapeControl(file)}: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n`,
  );
  for (const problem of problems) process.stderr.write(`- ${escapeControl(problem.message)}\n`);
  return 2;
}

// --balances takes the previous invoice (each grant's balanceAfter) or the balances themselves. A
// document with a schemaVersion must be an invoice of this contract: a contract given by mistake, or
// another contract's invoice, is refused rather than read as "every grant starts full".
function creditBalances(data: unknown, file: string, contractId: string): Record<string, string> {
  if (isObject(data) && "schemaVersion" in data) {
    const invoice = readIssued(`--balances ${file}`, data, parseInvoice, "a ratecard invoice");
    requireSameContract(invoice.contractId, contractId, "--balances", file);
    return Object.fromEntries((invoice.credits ?? []).map((credit) => [credit.id, credit.balanceAfter]));
  }
  if (!isObject(data) || Object.values(data).some((v) => typeof v !== "string"))
    throw new UsageLineError(
      `--balances ${file} must be a previous invoice or an object of grant id → balance text, such as { "prepay_q1": "600.00" }`,
    );
  return data as Record<string, string>;
}

// --carry takes the previous period's invoice (its usage.carryOut) or the carried state itself. Levels
// and totals are checked here, where the file is known: a negative one would otherwise surface later
// as a negative quantity blamed on the usage.
function carriedState(data: unknown, file: string, contractId: string): Record<string, CarriedMeterState> {
  let candidate: unknown = data;
  if (isObject(data) && "schemaVersion" in data) {
    const invoice = readIssued(`--carry ${file}`, data, parseInvoice, "a ratecard invoice");
    requireSameContract(invoice.contractId, contractId, "--carry", file);
    candidate = invoice.usage.carryOut;
  } else if (isObject(data) && "usage" in data) {
    candidate = (data as { usage?: { carryOut?: unknown } }).usage?.carryOut;
  }
  if (candidate === undefined) return {};
  let states: Record<string, CarriedMeterState>;
  try {
    states = parseCarriedStates(candidate) as Record<string, CarriedMeterState>;
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    throw new UsageLineError(`--carry ${file}: ${error.message}`);
  }
  for (const [meter, state] of Object.entries(states)) {
    for (const field of ["level", "total"] as const) {
      const value = state[field];
      const parsed = safeParseDecimal(value);
      if (parsed.success && parsed.data.isNegative() && !parsed.data.isZero())
        throw new UsageLineError(
          `--carry ${file}: ${toJsonPath([meter, field])} is ${value}, but a carried ${field} must be zero or more (a meter's ${field === "level" ? "level at the period start" : "running total"} cannot be negative); check the previous invoice's usage.carryOut.`,
        );
    }
  }
  return states;
}

function requireSameContract(found: string, expected: string, flag: string, file: string): void {
  if (found !== expected)
    throw new UsageLineError(
      `${flag} ${file} is an invoice of contract ${found}, not of ${expected}; pass this contract's previous invoice.`,
    );
}

// The contract file, checked: a contract error names the file, so the path inside it is unambiguous.
async function readContract(file: string) {
  const data = await readJsonFile(file, "--contract");
  return withFile("--contract", file, /.*/, () => parseContract(data));
}

/**
 * Runs `run`; an input error whose path matches `paths` is about the document `flag` named, so its
 * message is led by the flag and the file ("--corrections fix.json: [0].amount must be …").
 */
function withFile<T>(flag: string, file: string, paths: RegExp, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isRatecardError(error) && paths.test(error.path))
      throw new UsageLineError(`${flag} ${file}: ${error.message}`);
    throw error;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageLineError(`missing ${flag}; run ratecard --help`);
  return value;
}

/**
 * parseArgs, refusing a flag given twice: parseArgs keeps the last value silently, so
 * `--contract a.json --contract b.json` would rate b.json without a word.
 */
function parseFlags<T extends ParseArgsConfig>(config: T) {
  const parsed = parseArgs({ ...config, strict: true, tokens: true });
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== "option") continue;
    const option = config.options?.[token.name];
    if (option?.multiple === true) continue;
    if (seen.has(token.name))
      throw new UsageLineError(`--${token.name} is given more than once; give it once`);
    seen.add(token.name);
  }
  return parsed;
}

// Output goes through one writer, so a closed pipe (`ratecard schema | head`) ends the command quietly.
function write(text: string): void {
  process.stdout.write(text);
}

// A reader that stops early (head, less quit) closes the pipe: that is not an error, and the
// rest of the output has nowhere to go, so the command ends at once with exit 0.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// Every message may quote the caller's text (a file name, an id, a value): control characters are
// shown escaped, so a message is always one line that cannot forge another.
function report(message: string): void {
  process.stderr.write(`ratecard: ${escapeControl(message)}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isRatecardError(error) || error instanceof UsageLineError) {
      report(error.message);
      process.exitCode = 2;
      return;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      report(`${error.message.replaceAll("\n", " ")}; run ratecard --help`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `ratecard: internal error, please report it: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
