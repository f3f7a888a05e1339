import { isRatecardError, rateInvoiceAsync, rateOpeningInvoice } from "../index.js";
import { type AggregatesInvoiceFlags, aggregatesInvoice } from "./aggregatesInvoice.js";
import { carriedStateOptions, invoiceStart } from "./carriedStateOptions.js";
import { readContract, required, UsageLineError } from "./cliSupport.js";
import {
  CARRIED_STATE_OPTIONS,
  PRICE_BOOK_OPTION,
  TIMESTAMPS_OPTION,
  USAGE_FORMAT_OPTION,
} from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { namingUsageFile, rateWithDuckdb } from "./duckdbUsage.js";
import { chooseEngine, engineNamed, sentenceTail } from "./engineChoice.js";
import { invoiceOutputFormat, writeInvoice } from "./explainOutput.js";
import { nodeSha256 } from "./nodeSha256.js";
import { usageSource, usageTimestampsNamed } from "./readUsage.js";
import { reportNote, withUsageProgress } from "./stderr.js";
import { warnWhenOutsidePeriod } from "./usageOutsidePeriod.js";

/** `ratecard invoice`: rates one invoice (or, with --opening, the opening invoice) and prints it. */
export const invoiceCommand = defineCommand({
  name: "invoice",
  summary: "rate one invoice from a contract and usage, and explain it",
  notes: `PERIOD is a month in the contract's time zone (2026-02) or a range of local dates
(2026-02-01/2026-03-01, end date excluded). Usage files: .ndjson, .jsonl, .csv or .json, or any file
(and - for stdin) with --usage-format.`,
  options: {
    contract: { type: "string", value: "FILE", description: "the contract, JSON (- reads stdin)" },
    "price-book": PRICE_BOOK_OPTION,
    usage: { type: "string", value: "FILE", description: "the usage events (- reads stdin)" },
    "usage-format": USAGE_FORMAT_OPTION,
    timestamps: TIMESTAMPS_OPTION,
    aggregates: {
      type: "string",
      value: "FILE",
      description:
        "instead of --usage: the usage already aggregated, JSON (aggregateForRating's, or a warehouse's in that shape; docs/scale.md); refused when made for another customer, period or meter definitions (- reads stdin)",
    },
    engine: {
      type: "string",
      value: "auto|memory|duckdb",
      description:
        "what aggregates the usage: memory (ratecard's own), duckdb (DuckDB embedded, the optional package @duckdb/node-api; also reads .parquet) or auto (the default: DuckDB for a local file of 32 MiB or more, or Parquet, when it can aggregate it; says so on stderr)",
    },
    period: {
      type: "string",
      value: "PERIOD",
      description:
        "the period to rate: a month (2026-02), day (2026-02-10), quarter (2026-Q1), year (2026) or 2026-02-01/2026-03-01",
    },
    format: {
      type: "string",
      value: "text|json|markdown|html|explain-json|xlsx",
      description:
        "text: the explanation in words; json: the invoice; markdown; html: one self-contained evidence page; explain-json: the explanation document (docs/explain.md); xlsx: a workbook of live formulas",
      default: "text",
    },
    output: { type: "string", value: "FILE", description: "write to FILE instead of stdout" },
    ...CARRIED_STATE_OPTIONS,
    daily: { type: "boolean", description: "add each sum and count meter's quantity per local day" },
    opening: {
      type: "boolean",
      description: "rate the opening invoice: the first period's fees billed in advance (no usage)",
    },
  },
  examples: [
    "ratecard invoice --contract fixtures/cdn-basic/contract.json --usage fixtures/cdn-basic/usage.ndjson --period 2026-02",
    "gunzip -c usage.csv.gz | ratecard invoice --contract contract.json --usage - --usage-format csv --period 2026-02 --format json",
    "ratecard invoice --contract contract.json --opening",
    "ratecard invoice --contract fixtures/_price-books/acme/contract.json --price-book fixtures/_price-books/edge-standard.json --usage fixtures/_price-books/acme/usage.ndjson --period 2026-03",
    "ratecard invoice --contract contract.json --usage usage.ndjson --period 2026-02 --daily --format html --output evidence.html",
    "ratecard invoice --contract contract.json --aggregates aggregates.json --period 2026-02 --format json",
  ],
  run: invoice,
});

type InvoiceFlags = AggregatesInvoiceFlags & { readonly opening?: boolean };

async function invoice(values: InvoiceFlags): Promise<number> {
  const contractFile = required(values.contract, "--contract FILE");
  if (values.opening) return openingCommand(contractFile, values);
  if (values.aggregates !== undefined) return aggregatesInvoice(contractFile, values);
  const usageFile = required(values.usage, "--usage FILE");
  const period = required(values.period, "--period PERIOD");
  const format = invoiceOutputFormat(values.format, true);
  const engine = engineNamed(values.engine);
  const timestamps = usageTimestampsNamed(values.timestamps);
  const contract = await readContract(contractFile, values["price-book"]);
  // The file is streamed twice (once to find ids that may repeat, once to aggregate), so memory stays
  // at about 4 bytes per event however large the file.
  const carried = await carriedStateOptions(values, contract.id, invoiceStart(contract, period));
  const options = { ...(values.daily ? { daily: true } : {}), ...carried.options, sha256: nodeSha256 };
  const choice = await chooseEngine(engine, {
    contracts: [contract],
    file: usageFile,
    format: values["usage-format"],
    period,
    daily: values.daily === true,
  });
  if (choice.note !== undefined) reportNote(choice.note);
  const inMemory = async () => {
    const usage = await usageSource(usageFile, values["usage-format"], timestamps);
    return withUsageProgress(usage, (source) => rateInvoiceAsync(contract, source, period, options));
  };
  const invoice = await carried.blamed(() =>
    choice.engine === "duckdb"
      ? rateWithDuckdb(contract, usageFile, values["usage-format"], period, options, timestamps).catch(
          (error: unknown) => {
            // Under auto, values the SQL does not compute exactly (too wide for its decimals) are no error.
            if (engine !== "auto" || !isRatecardError(error) || error.code !== "sql_unsupported")
              throw namingUsageFile(usageFile, error);
            reportNote(
              `DuckDB did not aggregate ${usageFile}, because ${sentenceTail(error.message)}; aggregating with ratecard's own engine instead`,
            );
            return inMemory();
          },
        )
      : inMemory(),
  );
  await writeInvoice(invoice, format, values.output);
  const read = {
    file: usageFile,
    format: values["usage-format"],
    timestamps,
    contracts: [contract],
  };
  await warnWhenOutsidePeriod(invoice.usage, read, period);
  return 0;
}

// The opening invoice has no usage and no period to ask for: it is the term's first period.
async function openingCommand(contractFile: string, values: InvoiceFlags): Promise<number> {
  for (const flag of [
    "usage",
    "aggregates",
    "usage-format",
    "period",
    "carry",
    "commitment-spend",
  ] as const) {
    if (values[flag] !== undefined)
      throw new UsageLineError(
        `--opening bills the first period's fees in advance only; leave out --${flag}`,
      );
  }
  // The opening invoice has no usage, so no daily quantities: --daily would be ignored without a word.
  if (values.daily === true) {
    throw new UsageLineError("--opening bills no usage, so it has no daily quantities; leave out --daily");
  }
  const format = invoiceOutputFormat(values.format, true);
  const contract = await readContract(contractFile, values["price-book"]);
  const invoice = rateOpeningInvoice(contract, {
    ...(await carriedStateOptions(values, contract.id)).options,
    sha256: nodeSha256,
  });
  await writeInvoice(invoice, format, values.output);
  return 0;
}
