import {
  COLUMN_FIELDS,
  type ColumnMapping,
  type Contract,
  type CsvNumberOptions,
  fromCsvInvoice,
  fromEarlierRatecardInvoice,
  fromStripeInvoice,
  type Invoice,
  type IssuedDocument,
  isRatecardError,
  parseCreditNote,
  rateInvoiceAsync,
  reconcile,
  renderReconcile,
} from "../index.js";
import { blamedOnFiles } from "./blamedOnFiles.js";
import { type CarriedStateFlags, carriedStateOptions, invoiceStart } from "./carriedStateOptions.js";
import {
  fileProblem,
  flagChoice,
  isObject,
  readContract,
  required,
  UsageLineError,
  withFile,
  write,
} from "./cliSupport.js";
import {
  CARRIED_STATE_OPTIONS,
  PRICE_BOOK_OPTION,
  REPORT_FORMAT_OPTION,
  TIMESTAMPS_OPTION,
  USAGE_FORMAT_OPTION,
} from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { reportFormat } from "./diffCommand.js";
import { listOptionFiles } from "./earlierInvoices.js";
import { EXIT } from "./exitCodes.js";
import { issuedIsCreditNote } from "./messages.js";
import { nodeSha256 } from "./nodeSha256.js";
import { readInvoiceFile, readIssuedFiles } from "./readIssuedFiles.js";
import { readJsonFile, readTextFile } from "./readJsonFile.js";
import { withoutByteOrderMark } from "./readLines.js";
import { usageSource, usageTimestampsNamed } from "./readUsage.js";
import { withUsageProgress } from "./stderr.js";

/**
 * `ratecard reconcile --issued FILE …`: the issued invoice (ratecard JSON, a CSV of line items, a Stripe
 * invoice) against the recomputation (`--recomputed FILE`, or rated from `--contract`, `--usage` and
 * `--period`). Exit 3 when it finds discrepancies, 0 when none.
 */
export const reconcileCommand = defineCommand({
  name: "reconcile",
  summary: "compare an issued invoice with the recomputation, line by line",
  notes: `The issued invoice's format is --issued-format's, else the file's: .csv is a CSV of line items,
a JSON object with "object": "invoice" is Stripe's, any other JSON a ratecard invoice. A CSV's cells
are separated by commas, or by semicolons or tabs when its header row holds more of those. CSV columns:
--columns description=Item,quantity=Qty,unitPrice=Rate,amount=Total,id=Line (description and amount
required), or the same as a JSON object in --mapping FILE. A comma in a CSV number that may be a
decimal comma (1,50 or 1,500) is refused unless --decimal-comma or --decimal-point says which; 3,656.00
and 1,234,567 need neither, nor does an amount in a currency without minor units (¥4,074 and ¥4.074 in
JPY are 4074). An amount may carry the recomputed invoice's currency sign or code ($125.00,
125.00 USD; another currency's is refused), be negative as (5.00), 5.00- or −5.00, and group
thousands with spaces (1 234,56). A recomputation from --contract continues from the previous invoice as ratecard invoice
does: --carry, --balances, --credits-start-full, --commitment-spend. With --credit-note (repeat for
each) the issued invoice is compared net of the credit notes issued against it (ratecard's, or
Stripe's credit_note objects beside a Stripe invoice): what they credited is no discrepancy again, and
the report names each note.`,
  options: {
    issued: { type: "string", value: "FILE", description: "the invoice as issued (- reads stdin)" },
    "issued-format": {
      type: "string",
      value: "ratecard|csv|stripe",
      description: "the issued invoice's format, instead of the file's",
    },
    columns: { type: "string", value: "field=header,…", description: "the CSV's columns" },
    mapping: { type: "string", value: "FILE", description: "the CSV's columns, as a JSON object" },
    "decimal-comma": {
      type: "boolean",
      description: "the CSV writes numbers with a decimal comma (1.234,56)",
    },
    "decimal-point": {
      type: "boolean",
      description: "the CSV writes numbers with a decimal point and comma thousands (1,234.56)",
    },
    "credit-note": {
      type: "string",
      value: "FILE",
      description: "a credit note issued against the issued invoice, taken off it (repeat for each)",
      multiple: true,
    },
    recomputed: { type: "string", value: "FILE", description: "the recomputed invoice, ratecard JSON" },
    contract: { type: "string", value: "FILE", description: "or recompute it: the contract" },
    "price-book": PRICE_BOOK_OPTION,
    usage: { type: "string", value: "FILE", description: "… the usage events (- reads stdin)" },
    "usage-format": USAGE_FORMAT_OPTION,
    timestamps: TIMESTAMPS_OPTION,
    period: { type: "string", value: "PERIOD", description: "… and the period" },
    ...CARRIED_STATE_OPTIONS,
    format: REPORT_FORMAT_OPTION,
  },
  findsDifferences: true,
  examples: [
    "ratecard reconcile --issued stripe-in_1Q.json --recomputed february.json",
    "ratecard reconcile --issued 2026-03.json --credit-note cn1.json --credit-note cn2.json --recomputed corrected.json",
    "ratecard reconcile --issued issued.csv --columns description=Item,amount=Total --contract contract.json --usage usage.ndjson --period 2026-02 --format markdown",
  ],
  run: reconcileIssued,
});

async function reconcileIssued(values: Flags & { readonly issued?: string; readonly format?: string }) {
  const format = reportFormat(values.format);
  const issuedFile = required(values.issued, "--issued FILE");
  const readIssued = await readIssuedDocument(issuedFile, values);
  const noteFiles = values["credit-note"] ?? [];
  // A Stripe credit note ("object": "credit_note") is read by reconcile, against the Stripe invoice.
  const creditNotes = await readIssuedFiles(
    "--credit-note",
    noteFiles,
    (value) => (isObject(value) && value.object === "credit_note" ? value : parseCreditNote(value)),
    "a ratecard credit note or a Stripe credit note",
  );
  const recomputation = await recomputedInvoice(values);
  const issued = readIssued(recomputation.currency);
  const recomputed = await recomputation.invoice();
  // A note that is not of this invoice is refused in its own file's name (--credit-note cn2.json: …).
  const result = await blamedOnFiles(listOptionFiles("creditNotes", "--credit-note", noteFiles), () =>
    withFile("--issued", issuedFile, /^currency$/, () => reconcile(issued, recomputed, { creditNotes })),
  );
  write(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderReconcile(result, format));
  return result.discrepancies.length > 0 ? EXIT.differences : EXIT.ok;
}

type Flags = {
  readonly "issued-format"?: string;
  readonly "credit-note"?: ReadonlyArray<string>;
  readonly columns?: string;
  readonly mapping?: string;
  readonly "decimal-comma"?: boolean;
  readonly "decimal-point"?: boolean;
  readonly recomputed?: string;
  readonly contract?: string;
  readonly "price-book"?: ReadonlyArray<string>;
  readonly usage?: string;
  readonly "usage-format"?: string;
  readonly timestamps?: string;
  readonly period?: string;
} & CarriedStateFlags;

// The format is the flag's, or the file's: .csv is a CSV, a JSON object with "object": "invoice" is
// Stripe's, any other JSON a ratecard invoice. A CSV's cells are read once the recomputed invoice's
// currency is known: an amount written "$125.00" is read only in a currency whose sign is $.
async function readIssuedDocument(
  file: string,
  values: Flags,
): Promise<(currency: string) => IssuedDocument | Invoice> {
  const given = values["issued-format"];
  const named =
    given === undefined ? undefined : flagChoice("--issued-format", given, ["ratecard", "csv", "stripe"]);
  const csv = named === "csv" || (named === undefined && file.toLowerCase().endsWith(".csv"));
  const csvOnly = values.columns !== undefined || values.mapping !== undefined;
  if (!csv && (csvOnly || values["decimal-comma"] === true || values["decimal-point"] === true))
    throw new UsageLineError(
      "--columns, --mapping, --decimal-comma and --decimal-point describe a CSV; the issued invoice is not one",
    );
  if (csv) {
    const text = await readTextFile(file, "--issued");
    const mapping = await columnMapping(values);
    const numbers = csvNumberOptions(values);
    return (currency) =>
      withFile("--issued", file, /.*/, () =>
        fromCsvInvoice(withoutByteOrderMark(text), mapping, { ...numbers, currency }),
      );
  }
  const data = await readJsonFile(file, "--issued");
  const stripe = named === "stripe" || (named === undefined && isObject(data) && data.object === "invoice");
  const issued = stripe
    ? withFile("--issued", file, /.*/, () => fromStripeInvoice(data))
    : await readRatecardIssued(file, data);
  return () => issued;
}

// A ratecard invoice, or one an earlier ratecard issued: schemaVersion 1 without the digest every
// invoice carries since 2 December 2026 (nor contractDigest, priceKind), read for its lines, tax and
// total. An invoice with a digest is today's and must pass parseInvoice, its digest checked: an edited
// one is refused, never read leniently.
async function readRatecardIssued(file: string, data: unknown): Promise<IssuedDocument | Invoice> {
  try {
    return await readInvoiceFile(file, "--issued");
  } catch (error) {
    // A credit note given as the issued invoice: say where it goes.
    if (
      error instanceof UsageLineError &&
      isObject(data) &&
      typeof data.invoiceId === "string" &&
      !("lateEvents" in data)
    )
      throw new UsageLineError(issuedIsCreditNote(error.message));
    if (!isObject(data) || data.schemaVersion !== 1 || "digest" in data) throw error;
    try {
      return fromEarlierRatecardInvoice(data);
    } catch (earlier) {
      // Its figures read, one beyond a money amount's bounds: that is what is wrong with it, at its path.
      if (isRatecardError(earlier) && earlier.code === "decimal_out_of_range")
        throw new UsageLineError(fileProblem(`--issued ${file}`, earlier.path, earlier.message));
      throw error;
    }
  }
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

// The recomputed invoice's currency, known before the usage is rated (the contract's), so that the
// issued CSV's cells are read, and refused, before the usage is rated.
interface Recomputation {
  readonly currency: string;
  readonly invoice: () => Promise<Invoice>;
}

async function recomputedInvoice(values: Flags): Promise<Recomputation> {
  if (values.recomputed !== undefined) {
    for (const flag of RECOMPUTE_FLAGS)
      if (values[flag] !== undefined)
        throw new UsageLineError(
          `--recomputed gives the recomputed invoice; leave out --${flag}${flag.endsWith("credit-note") ? " (a credit note of the reconciled invoice itself goes with --credit-note)" : ""}`,
        );
    const invoice = await readInvoiceFile(values.recomputed, "--recomputed");
    return { currency: invoice.currency.code, invoice: async () => invoice };
  }
  const contract = await readContract(
    required(values.contract, "--contract FILE (or --recomputed FILE)"),
    values["price-book"],
  );
  const usageFile = required(values.usage, "--usage FILE");
  const period = required(values.period, "--period PERIOD");
  return {
    currency: contract.currency.code,
    invoice: () => ratedInvoice(values, contract, usageFile, period),
  };
}

async function ratedInvoice(values: Flags, contract: Contract, usageFile: string, period: string) {
  // What the previous invoice leaves to this one (credit balances, carried meters, commitment spend), as
  // `ratecard invoice` reads it: without it a contract whose grants started earlier cannot be recomputed.
  const carried = await carriedStateOptions(values, contract.id, invoiceStart(contract, period));
  const usage = await usageSource(usageFile, values["usage-format"], usageTimestampsNamed(values.timestamps));
  return carried.blamed(() =>
    withUsageProgress(usage, (source) =>
      rateInvoiceAsync(contract, source, period, { ...carried.options, sha256: nodeSha256 }),
    ),
  );
}

// The flags that rate the recomputation, which --recomputed gives already rated.
const RECOMPUTE_FLAGS = [
  "contract",
  "usage",
  "usage-format",
  "timestamps",
  "period",
  "carry",
  "balances",
  "balances-credit-note",
  "credits-start-full",
  "commitment-spend",
  "commitment-credit-note",
] as const;
