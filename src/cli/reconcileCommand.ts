import { readFile } from "node:fs/promises";
import {
  COLUMN_FIELDS,
  type ColumnMapping,
  type CsvNumberOptions,
  fromCsvInvoice,
  fromStripeInvoice,
  type Invoice,
  type IssuedDocument,
  rateInvoiceAsync,
  reconcile,
  renderReconcile,
} from "../index.js";
import {
  isObject,
  parseFlags,
  readContract,
  required,
  UsageLineError,
  withFile,
  write,
} from "./cliSupport.js";
import { readInvoiceFile, reportFormat } from "./diffCommand.js";
import { readJsonFile } from "./readJsonFile.js";
import { usageSource } from "./readUsage.js";

/**
 * `ratecard reconcile --issued FILE …`: the issued invoice (ratecard JSON, a CSV of line items, a Stripe
 * invoice) against the recomputation (`--recomputed FILE`, or rated from `--contract`, `--usage` and
 * `--period`). Exit 3 when it finds discrepancies, 0 when none.
 */
export async function reconcileCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      issued: { type: "string" },
      "issued-format": { type: "string" },
      columns: { type: "string" },
      mapping: { type: "string" },
      "decimal-comma": { type: "boolean", default: false },
      "decimal-point": { type: "boolean", default: false },
      recomputed: { type: "string" },
      contract: { type: "string" },
      usage: { type: "string" },
      period: { type: "string" },
      format: { type: "string", default: "text" },
    },
  });
  const format = reportFormat(values.format);
  const issuedFile = required(values.issued, "--issued FILE");
  const issued = await readIssuedDocument(issuedFile, values);
  const recomputed = await recomputedInvoice(values);
  const result = withFile("--issued", issuedFile, /^currency$/, () => reconcile(issued, recomputed));
  write(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderReconcile(result, format));
  return result.discrepancies.length > 0 ? 3 : 0;
}

type Flags = {
  readonly "issued-format"?: string;
  readonly columns?: string;
  readonly mapping?: string;
  readonly "decimal-comma"?: boolean;
  readonly "decimal-point"?: boolean;
  readonly recomputed?: string;
  readonly contract?: string;
  readonly usage?: string;
  readonly period?: string;
};

// The format is the flag's, or the file's: .csv is a CSV, a JSON object with "object": "invoice" is
// Stripe's, any other JSON a ratecard invoice.
async function readIssuedDocument(file: string, values: Flags): Promise<IssuedDocument | Invoice> {
  const named = values["issued-format"];
  if (named !== undefined && !["ratecard", "csv", "stripe"].includes(named))
    throw new UsageLineError(`--issued-format must be ratecard, csv or stripe, not "${named}"`);
  const csv = named === "csv" || (named === undefined && file.toLowerCase().endsWith(".csv"));
  const csvOnly = values.columns !== undefined || values.mapping !== undefined;
  if (!csv && (csvOnly || values["decimal-comma"] === true || values["decimal-point"] === true))
    throw new UsageLineError(
      "--columns, --mapping, --decimal-comma and --decimal-point describe a CSV; the issued invoice is not one",
    );
  if (csv) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      throw new UsageLineError(`--issued ${file} cannot be read; check the path`);
    }
    const mapping = await columnMapping(values);
    const numbers = csvNumberOptions(values);
    return withFile("--issued", file, /.*/, () =>
      fromCsvInvoice(text.replace(/^\uFEFF/, ""), mapping, numbers),
    );
  }
  const data = await readJsonFile(file, "--issued");
  const stripe = named === "stripe" || (named === undefined && isObject(data) && data.object === "invoice");
  if (stripe) return withFile("--issued", file, /.*/, () => fromStripeInvoice(data));
  return readInvoiceFile(file, "--issued");
}

// --decimal-comma (1.234,56) or --decimal-point (1,234.56); neither: a comma that may be either is refused.
function csvNumberOptions(values: Flags): CsvNumberOptions {
  if (values["decimal-comma"] === true && values["decimal-point"] === true)
    throw new UsageLineError("give --decimal-comma or --decimal-point, not both");
  if (values["decimal-comma"] === true) return { decimalSeparator: "," };
  return values["decimal-point"] === true ? { decimalSeparator: "." } : {};
}

// --columns description=Item,amount=Total (field=header pairs) or --mapping FILE (the same as JSON).
async function columnMapping(values: Flags): Promise<ColumnMapping | undefined> {
  if (values.columns !== undefined && values.mapping !== undefined)
    throw new UsageLineError("give the CSV's columns with --columns or --mapping, not both");
  let pairs: Record<string, unknown>;
  if (values.columns !== undefined) {
    pairs = Object.fromEntries(
      values.columns.split(",").map((pair) => {
        const at = pair.indexOf("=");
        if (at <= 0)
          throw new UsageLineError(
            `--columns takes field=header pairs, such as description=Item,amount=Total; not "${pair}"`,
          );
        return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      }),
    );
  } else if (values.mapping !== undefined) {
    const data = await readJsonFile(values.mapping, "--mapping");
    if (!isObject(data))
      throw new UsageLineError(`--mapping ${values.mapping} must be an object of field → column header`);
    pairs = data;
  } else return undefined;
  for (const [field, header] of Object.entries(pairs)) {
    if (!(COLUMN_FIELDS as ReadonlyArray<string>).includes(field) || typeof header !== "string")
      throw new UsageLineError(
        `the column mapping's fields are ${COLUMN_FIELDS.join(", ")}, each naming a column header; not ${JSON.stringify(field)}`,
      );
  }
  if (pairs.description === undefined || pairs.amount === undefined)
    throw new UsageLineError("the column mapping must name the description and amount columns");
  return pairs as unknown as ColumnMapping;
}

async function recomputedInvoice(values: Flags): Promise<Invoice> {
  if (values.recomputed !== undefined) {
    for (const flag of ["contract", "usage", "period"] as const)
      if (values[flag] !== undefined)
        throw new UsageLineError(`--recomputed gives the recomputed invoice; leave out --${flag}`);
    return readInvoiceFile(values.recomputed, "--recomputed");
  }
  const contract = await readContract(required(values.contract, "--contract FILE (or --recomputed FILE)"));
  const usageFile = required(values.usage, "--usage FILE");
  const period = required(values.period, "--period PERIOD");
  return rateInvoiceAsync(contract, await usageSource(usageFile), period);
}
