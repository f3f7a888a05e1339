#!/usr/bin/env node
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
// Inlined at build time (only this field): the version of the package the CLI ships in.
import { version } from "../../package.json";
import {
  type CarriedMeterState,
  ContractError,
  contractJsonSchema,
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
} from "../index.js";
import { explainQuote, quote } from "./quote.js";
import { usageSource } from "./readUsage.js";

const USAGE = `ratecard — exact, explainable usage-based invoices

Usage:
  ratecard invoice --contract FILE --usage FILE --period PERIOD [--format text|json] [--carry FILE] [--balances FILE] [--daily]
  ratecard invoice --contract FILE --opening [--format text|json] [--balances FILE]
  ratecard validate FILE
  ratecard schema [--invoice]
  ratecard --version
  ratecard credit-note --contract FILE --invoice FILE --corrections FILE [--previous FILE …] [--format text|json]
  ratecard quote --price JSON|FILE (--quantity Q | --values V1,V2,…) [--currency USD] [--format text|json]

--carry takes the previous period's invoice (JSON) to continue persistent and weighted meters.
--balances takes the previous invoice (JSON) to continue credit grant balances.
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
      process.stdout.write(`${version}\n`);
      return 0;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageLineError(`unknown command "${command}"; run ratecard --help`);
  }
}

async function invoiceCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      contract: { type: "string" },
      usage: { type: "string" },
      period: { type: "string" },
      format: { type: "string", default: "text" },
      carry: { type: "string" },
      daily: { type: "boolean", default: false },
      balances: { type: "string" },
      opening: { type: "boolean", default: false },
    },
    strict: true,
  });
  const contractFile = required(values.contract, "--contract FILE");
  if (values.opening) return openingCommand(contractFile, values);
  const usageFile = required(values.usage, "--usage FILE");
  const period = required(values.period, "--period PERIOD");
  const format = outputFormat(values.format);
  const contract = parseContract(await readJson(contractFile));
  const carried = values.carry === undefined ? undefined : carriedState(await readJson(values.carry));
  // The file is streamed twice (once to find ids that may repeat, once to aggregate), so memory stays
  // at about 4 bytes per event however large the file.
  const invoice = await rateInvoiceAsync(contract, await usageSource(usageFile), period, {
    ...(carried ? { carried } : {}),
    ...(values.daily ? { daily: true } : {}),
    ...(values.balances
      ? { creditBalances: creditBalances(await readJson(values.balances), values.balances) }
      : {}),
  });
  process.stdout.write(format === "json" ? `${JSON.stringify(invoice, null, 2)}\n` : explainText(invoice));
  return 0;
}

// The opening invoice has no usage and no period to ask for: it is the term's first period.
async function openingCommand(
  contractFile: string,
  values: {
    readonly format?: string;
    readonly balances?: string;
    readonly usage?: string;
    readonly period?: string;
    readonly carry?: string;
  },
): Promise<number> {
  for (const flag of ["usage", "period", "carry"] as const) {
    if (values[flag] !== undefined)
      throw new UsageLineError(
        `--opening bills the first period's fees in advance only; leave out --${flag}`,
      );
  }
  const format = outputFormat(values.format);
  const contract = parseContract(await readJson(contractFile));
  const invoice = rateOpeningInvoice(contract, {
    ...(values.balances
      ? { creditBalances: creditBalances(await readJson(values.balances), values.balances) }
      : {}),
  });
  process.stdout.write(
    format === "json"
      ? `${JSON.stringify(invoice, null, 2)}
`
      : explainText(invoice),
  );
  return 0;
}

async function creditNoteCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      contract: { type: "string" },
      invoice: { type: "string" },
      corrections: { type: "string" },
      previous: { type: "string", multiple: true },
      format: { type: "string", default: "text" },
    },
    strict: true,
  });
  const format = outputFormat(values.format);
  const contract = parseContract(await readJson(required(values.contract, "--contract FILE")));
  const invoiceFile = required(values.invoice, "--invoice FILE");
  const invoice = readIssued(invoiceFile, await readJson(invoiceFile), parseInvoice, "a ratecard invoice");
  const corrections = await readJson(required(values.corrections, "--corrections FILE"));
  const previous = await Promise.all(
    (values.previous ?? []).map(async (file) =>
      readIssued(file, await readJson(file), parseCreditNote, "a ratecard credit note"),
    ),
  );
  const note = issueCreditNote(contract, invoice, corrections, { previous });
  if (format === "json") {
    process.stdout.write(`${JSON.stringify(note, null, 2)}\n`);
    return 0;
  }
  const lines = note.lines.map(
    (line) =>
      `- ${line.name} (${line.corrects}): ${line.amount} ${note.currency.code} credited of ${line.invoiced} billed${line.creditedBefore === "0" || Number(line.creditedBefore) === 0 ? "" : ` (${line.creditedBefore} credited before)`}${line.quantity === undefined ? "" : `; ${line.quantity} units taken off, the rest re-rated at ${line.rerated}`}. Reason: ${line.reason}.`,
  );
  const tax = note.tax === undefined ? [] : [`Tax credited: ${note.tax.total} ${note.currency.code}.`];
  process.stdout.write(
    [
      `Credit note ${note.id} against invoice ${note.invoiceId}`,
      ...lines,
      `Subtotal ${note.subtotal}.`,
      ...tax,
      `Total credited ${note.total} ${note.currency.code}.`,
      "",
    ].join("\n"),
  );
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
  const { values } = parseArgs({
    args: [...args],
    options: { invoice: { type: "boolean", default: false } },
    strict: true,
  });
  const schema = values.invoice ? invoiceJsonSchema() : contractJsonSchema();
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}

async function quoteCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      price: { type: "string" },
      quantity: { type: "string" },
      values: { type: "string" },
      currency: { type: "string", default: "USD" },
      format: { type: "string", default: "text" },
    },
    strict: true,
  });
  const price = required(values.price, "--price JSON|FILE");
  const format = outputFormat(values.format);
  const currency = values.currency ?? "USD";
  const line = await quote({ price, quantity: values.quantity, values: values.values, currency });
  const minorUnits = (line.amount.split(".")[1] ?? "").length;
  process.stdout.write(
    format === "json"
      ? `${JSON.stringify(line, null, 2)}\n`
      : explainQuote(line, { code: currency, minorUnits }),
  );
  return 0;
}

async function validateCommand(args: ReadonlyArray<string>): Promise<number> {
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0)
    throw new UsageLineError("validate takes exactly one contract file");
  const result = safeParseContract(await readJson(file));
  if (result.success) {
    const contract = result.data;
    process.stdout.write(
      `${file}: contract ${contract.id} is valid (${contract.charges.length} charges, ${contract.meters.length} meters, ${contract.currency.code}, ${contract.timeZone}).\n`,
    );
    return 0;
  }
  const problems = (result.error.details.problems ?? []) as ReadonlyArray<{ message: string }>;
  process.stderr.write(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n`);
  for (const problem of problems) process.stderr.write(`- ${problem.message}\n`);
  return 2;
}

// --balances takes the previous invoice (its credits[].balanceAfter) or a map of grant id → balance.
// --balances takes the previous invoice (each grant's balanceAfter) or the balances themselves. A
// document with a schemaVersion must be an invoice: a contract given by mistake is refused, not read
// as "every grant starts full".
function creditBalances(data: unknown, file: string): Record<string, string> {
  if (typeof data === "object" && data !== null && !Array.isArray(data) && "schemaVersion" in data) {
    const invoice = readIssued(file, data, parseInvoice, "a ratecard invoice");
    return Object.fromEntries((invoice.credits ?? []).map((credit) => [credit.id, credit.balanceAfter]));
  }
  if (
    typeof data !== "object" ||
    data === null ||
    Array.isArray(data) ||
    Object.values(data).some((v) => typeof v !== "string")
  )
    throw new UsageLineError("--balances must be a previous invoice or an object of grant id → balance text");
  return data as Record<string, string>;
}

// --carry takes the previous period's invoice (its usage.carryOut) or the carried state itself.
function carriedState(data: unknown): Record<string, CarriedMeterState> {
  const candidate =
    typeof data === "object" && data !== null && "usage" in data
      ? (data as { usage?: { carryOut?: unknown } }).usage?.carryOut
      : data;
  if (candidate === undefined) return {};
  return parseCarriedStates(candidate) as Record<string, CarriedMeterState>;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageLineError(
      code === "ENOENT" ? `${file}: no such file` : `${file}: cannot be read (${code})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ContractError("invalid_json", file, `${file} is not valid JSON (${(error as Error).message}).`);
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageLineError(`missing ${flag}; run ratecard --help`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isRatecardError(error) || error instanceof UsageLineError) {
      process.stderr.write(`ratecard: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`ratecard: ${error.message}; run ratecard --help\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `ratecard: internal error, please report it: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
