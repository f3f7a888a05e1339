import {
  type CreditNote,
  choiceHint,
  FOCUS_SERVICE_CATEGORIES,
  type FocusOptions,
  type FocusRow,
  type FocusServiceCategory,
  focusCsv,
  focusRows,
  type Invoice,
  type LateUsageResult,
  lateUsageRows,
  parseCreditNote,
  parseInvoice,
} from "../index.js";
import {
  flagChoice,
  isObject,
  namedByFlag,
  readIssued,
  required,
  UsageLineError,
  withFile,
} from "./cliSupport.js";
import { defineCommand } from "./defineCommand.js";
import { type ReadDocument, requireDocumentsOnce } from "./documentsOnce.js";
import { EXIT } from "./exitCodes.js";
import { writeOutput } from "./explainOutput.js";
import { focusParquet } from "./focusParquet.js";
import { parseJsonText, readJsonFile, readTextFile } from "./readJsonFile.js";
import { withoutByteOrderMark } from "./readLines.js";

/**
 * `ratecard export --format focus --provider NAME INVOICE.json…`: issued invoices and credit notes as
 * FOCUS 1.2 cost-and-usage rows (docs/focus-export.md), one CSV with one header, in the order the files
 * are given. A credit note needs the invoice it corrects among the files and --correction-period.
 */
export const exportCommand = defineCommand({
  name: "export",
  summary: "issued invoices and credit notes as FOCUS cost-and-usage rows (CSV or Parquet)",
  arguments: [
    {
      name: "<files...>",
      description:
        "invoices, credit notes and late-usage corrections (ratecard late-usage --format json), ratecard JSON (- reads stdin)",
    },
  ],
  options: {
    format: {
      type: "string",
      value: "focus|json",
      description: "focus: FOCUS rows as CSV (RFC 4180); json: the same rows as a JSON list",
      default: "focus",
    },
    "output-format": {
      type: "string",
      value: "csv|parquet",
      description:
        "with --format focus: csv (RFC 4180), or parquet (FOCUS's types: DECIMAL, TIMESTAMP UTC, text); default: parquet when --output ends in .parquet, else csv",
    },
    output: { type: "string", value: "FILE", description: "write to FILE instead of stdout" },
    provider: {
      type: "string",
      value: "NAME",
      description: "ProviderName: who sells the service (required)",
    },
    "invoice-issuer": {
      type: "string",
      value: "NAME",
      description: "InvoiceIssuerName (default: --provider)",
    },
    publisher: { type: "string", value: "NAME", description: "PublisherName (default: --provider)" },
    "service-name": { type: "string", value: "NAME", description: "ServiceName (default: --provider)" },
    "service-category": {
      type: "string",
      value: "CATEGORY",
      description: 'ServiceCategory, one of FOCUS\'s values such as "Networking" (default: Other)',
    },
    "correction-period": {
      type: "string",
      value: "START/END",
      description:
        "the billing period credit notes are issued in, UTC instants (2026-05-01T00:00:00Z/2026-06-01T00:00:00Z)",
    },
  },
  examples: [
    "ratecard export --format focus --provider 'Acme Cloud' march.json april.json > focus.csv",
    "ratecard export --format focus --output-format parquet --provider 'Acme Cloud' march.json --output focus.parquet",
    "ratecard export --provider 'Acme Cloud' march.json cn-1.json --correction-period 2026-04-01T00:00:00Z/2026-05-01T00:00:00Z --output focus.csv",
  ],
  run: async (values, files) => {
    const format = flagChoice("--format", values.format, ["focus", "json"]);
    const fileFormat = outputFileFormat(format, values["output-format"], values.output);
    const options = focusOptions(values);
    const read = (await Promise.all(files.map((file) => readDocuments(file)))).flat();
    requireDocumentsOnce(read);
    const invoices = read
      .map(({ document }) => document)
      .filter((document): document is Invoice => !isCreditNote(document) && !isLateUsage(document));
    // A late-usage correction that counted credit notes of units reverses them too: they are among the files.
    const creditNotes = read.map(({ document }) => document).filter(isCreditNote);
    const issuedInvoice = (id: string) =>
      withInvoice(
        options,
        invoices.find((invoice) => invoice.id === id),
      );
    // A correction (a credit note, a late-usage correction) is written from the invoice it corrects. A
    // problem inside a document is led by its file (and line); one of --correction-period by the flag.
    const rows: FocusRow[] = read.flatMap(({ where, document }) =>
      namedByFlag(CORRECTION_PERIOD_FLAG, () =>
        withFile("export", where, /^(currency|lines|preview)\b/, () =>
          isLateUsage(document)
            ? lateUsageRows(document, { ...issuedInvoice(document.invoiceId), creditNotes })
            : isCreditNote(document)
              ? focusRows(document, issuedInvoice(document.invoiceId))
              : focusRows(document, options),
        ),
      ),
    );
    await writeOutput(
      format === "json"
        ? `${JSON.stringify(rows, null, 2)}\n`
        : fileFormat === "parquet"
          ? await focusParquet(rows)
          : focusCsv(rows),
      values.output,
    );
    return EXIT.ok;
  },
});

// The paths of focusRows' `correctionPeriod` option, as the flag that gives it is named.
const CORRECTION_PERIOD_FLAG = {
  correctionPeriod: "--correction-period",
  "correctionPeriod.start": "--correction-period's start",
  "correctionPeriod.end": "--correction-period's end",
};

// --output-format, checked against --format and where the bytes go: Parquet is binary, so it is not
// written to a terminal.
function outputFileFormat(
  format: "focus" | "json",
  given: string | undefined,
  output: string | undefined,
): "csv" | "parquet" {
  const named = given === undefined ? undefined : flagChoice("--output-format", given, ["csv", "parquet"]);
  if (named !== undefined && format === "json")
    throw new UsageLineError("--output-format goes with --format focus; --format json writes JSON");
  const chosen =
    named ?? (format === "focus" && output?.toLowerCase().endsWith(".parquet") ? "parquet" : "csv");
  if (chosen === "parquet" && output === undefined && process.stdout.isTTY === true)
    throw new UsageLineError("Parquet is binary: give --output FILE, or redirect stdout to a file");
  return chosen;
}

function focusOptions(values: {
  readonly provider?: string;
  readonly "invoice-issuer"?: string;
  readonly publisher?: string;
  readonly "service-name"?: string;
  readonly "service-category"?: string;
  readonly "correction-period"?: string;
}): FocusOptions {
  const category = values["service-category"];
  if (category !== undefined && !(FOCUS_SERVICE_CATEGORIES as ReadonlyArray<string>).includes(category)) {
    const hint = choiceHint(category, FOCUS_SERVICE_CATEGORIES);
    throw new UsageLineError(
      `--service-category must be one of FOCUS's: ${FOCUS_SERVICE_CATEGORIES.join(", ")}; not "${category}"${hint === undefined ? "" : `; ${hint}`}`,
    );
  }
  const period = values["correction-period"];
  const [start, end, ...rest] = period?.split("/") ?? [];
  if (period !== undefined && (start === undefined || end === undefined || rest.length > 0)) {
    throw new UsageLineError(`--correction-period must be START/END (two UTC instants), not "${period}"`);
  }
  return {
    provider: required(values.provider, "--provider NAME"),
    ...(values["invoice-issuer"] === undefined ? {} : { invoiceIssuer: values["invoice-issuer"] }),
    ...(values.publisher === undefined ? {} : { publisher: values.publisher }),
    ...(values["service-name"] === undefined ? {} : { serviceName: values["service-name"] }),
    ...(category === undefined ? {} : { serviceCategory: category as FocusServiceCategory }),
    ...(start === undefined || end === undefined ? {} : { correctionPeriod: { start, end } }),
  };
}

function withInvoice(options: FocusOptions, invoice: Invoice | undefined): FocusOptions {
  return invoice === undefined ? options : { ...options, invoice };
}

type ExportDocument = Invoice | CreditNote | LateUsageResult;

// A credit note names the invoice it credits; an invoice does not.
function isCreditNote(document: ExportDocument): document is CreditNote {
  return "invoiceId" in document && !isLateUsage(document);
}

// `ratecard late-usage --format json` writes a correction with its mode and the late events counted.
function isLateUsage(document: unknown): document is LateUsageResult {
  return isObject(document) && "mode" in document && "lateEvents" in document;
}

// The documents of one file: a JSON document, or what `ratecard batch` writes (docs/scale.md, step 5):
// NDJSON of invoices (.ndjson, .jsonl; blank lines skipped, each line named), or its --format json
// document { invoices, summary }.
// Each document comes with where it was read (`file`, `file line 3`, `file invoices[0]`).
async function readDocuments(file: string): Promise<ReadDocument[]> {
  const at = (where: string, data: unknown) => ({ where, document: readDocument(where, data) });
  if (!/\.(ndjson|jsonl)$/i.test(file)) {
    const data = await readJsonFile(file, "export");
    if (isBatchDocument(data))
      return data.invoices.map((invoice, index) => at(`${file} invoices[${index}]`, invoice));
    return [at(file, data)];
  }
  const lines = withoutByteOrderMark(await readTextFile(file, "export")).split("\n");
  return lines.flatMap((line, index) =>
    line.trim() === ""
      ? []
      : [at(`${file} line ${index + 1}`, parseJsonText(line, `export ${file} line ${index + 1}`))],
  );
}

// `ratecard batch --format json`: { "invoices": [...], "summary": {...} }.
function isBatchDocument(data: unknown): data is { readonly invoices: ReadonlyArray<unknown> } {
  return isObject(data) && Array.isArray(data.invoices) && "summary" in data && !("schemaVersion" in data);
}

function readDocument(where: string, data: unknown): ExportDocument {
  if (isLateUsage(data)) return readLateUsage(where, data);
  return isObject(data) && "invoiceId" in data
    ? readIssued(`export ${where}`, data, parseCreditNote, "a ratecard credit note")
    : readIssued(`export ${where}`, data, parseInvoice, "a ratecard invoice");
}

// A late-usage correction: its mode and invoice id checked, and every document in it read as issued.
function readLateUsage(file: string, data: Record<string, unknown>): LateUsageResult {
  const what = "a ratecard late-usage correction";
  if (typeof data.invoiceId !== "string")
    throw new UsageLineError(`export ${file} is not ${what}: invoiceId must be the corrected invoice's id`);
  const at = (field: string) => `export ${file} ${field}`;
  if (data.mode === "next_invoice")
    return {
      ...data,
      rerated: readIssued(at("rerated"), data.rerated, parseInvoice, "a ratecard invoice"),
    } as LateUsageResult;
  if (data.mode === "credit_note")
    return {
      ...data,
      ...(data.creditNote === undefined
        ? {}
        : {
            creditNote: readIssued(
              at("creditNote"),
              data.creditNote,
              parseCreditNote,
              "a ratecard credit note",
            ),
          }),
      ...(data.reissued === undefined
        ? {}
        : { reissued: readIssued(at("reissued"), data.reissued, parseInvoice, "a ratecard invoice") }),
    } as LateUsageResult;
  throw new UsageLineError(`export ${file} is not ${what}: mode must be next_invoice or credit_note`);
}
