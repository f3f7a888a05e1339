import { prepareRating, rateFromAggregates } from "../index.js";
import { type CarriedStateFlags, carriedStateOptions, invoiceStart } from "./carriedStateOptions.js";
import { readContract, required, UsageLineError, withFile } from "./cliSupport.js";
import { invoiceOutputFormat, writeInvoice } from "./explainOutput.js";
import { nodeSha256 } from "./nodeSha256.js";
import { readJsonFile } from "./readJsonFile.js";

/** The flags of `ratecard invoice` that rating from aggregates reads. */
export type AggregatesInvoiceFlags = {
  readonly contract?: string;
  readonly "price-book"?: ReadonlyArray<string>;
  readonly aggregates?: string;
  readonly usage?: string;
  readonly "usage-format"?: string;
  readonly timestamps?: string;
  readonly engine?: string;
  readonly period?: string;
  readonly format?: string;
  readonly output?: string;
  readonly daily?: boolean;
} & CarriedStateFlags;

/**
 * `ratecard invoice --aggregates FILE`: the invoice of usage aggregated elsewhere (a warehouse, shards
 * merged by a job; docs/scale.md), rated as `rateFromAggregates` rates it. Aggregates made for another
 * customer, period, or meters than the contract's are refused with the sentence that says so (exit 2).
 */
export async function aggregatesInvoice(
  contractFile: string,
  values: AggregatesInvoiceFlags,
): Promise<number> {
  // The usage is already aggregated: a usage file or an engine to aggregate it would be ignored.
  for (const flag of ["usage", "usage-format", "timestamps", "engine"] as const)
    if (values[flag] !== undefined)
      throw new UsageLineError(`--aggregates holds the usage already aggregated; leave out --${flag}`);
  const file = required(values.aggregates, "--aggregates FILE");
  const period = required(values.period, "--period PERIOD");
  const format = invoiceOutputFormat(values.format, true);
  const contract = await readContract(contractFile, values["price-book"]);
  const prepared = prepareRating(contract, period, { daily: values.daily === true });
  const aggregates = await readJsonFile(file, "--aggregates");
  const carried = await carriedStateOptions(values, contract.id, invoiceStart(contract, period));
  const options = { ...carried.options, sha256: nodeSha256 };
  // Errors at a path of the aggregates name its file; those of the carried state, the --carry file.
  const invoice = await carried.blamed(() =>
    withFile("--aggregates", file, /^(?!options)/, () => rateFromAggregates(prepared, aggregates, options)),
  );
  await writeInvoice(invoice, format, values.output);
  return 0;
}
