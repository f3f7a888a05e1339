import { explainText, previewParsedInvoice } from "../index.js";
import { type CarriedStateFlags, carriedStateOptions, invoiceStart } from "./carriedStateOptions.js";
import { namedByFlag, outputFormat, readContract, required, write } from "./cliSupport.js";
import {
  CARRIED_STATE_OPTIONS,
  FORMAT_OPTION,
  PRICE_BOOK_OPTION,
  TIMESTAMPS_OPTION,
} from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { nodeSha256 } from "./nodeSha256.js";
import { readUsage, usageTimestampsNamed } from "./readUsage.js";

/**
 * `ratecard preview`: the invoice so far of an open period, from the usage before --as-of, with the
 * projection to the period's end (projected, not billed). The usage is read into memory once.
 */
export const previewCommand = defineCommand({
  name: "preview",
  summary: "the invoice so far of an open period, with a projection to its end (not billed)",
  notes: `--as-of is an ISO 8601 instant (or a local date: midnight in the contract's zone) inside the
period; events at or after it are reported as after_as_of. The projection is linear in elapsed time for
sum and count meters and is never billed (docs/preview.md).`,
  options: {
    contract: { type: "string", value: "FILE", description: "the contract, JSON (- reads stdin)" },
    "price-book": PRICE_BOOK_OPTION,
    usage: { type: "string", value: "FILE", description: "the usage events so far" },
    timestamps: TIMESTAMPS_OPTION,
    period: { type: "string", value: "PERIOD", description: "the open period: 2026-02" },
    "as-of": { type: "string", value: "INSTANT", description: "the cut-off: usage before it counts" },
    format: FORMAT_OPTION,
    ...CARRIED_STATE_OPTIONS,
  },
  examples: [
    "ratecard preview --contract contract.json --usage usage.ndjson --period 2026-03 --as-of 2026-03-10T00:00:00Z",
  ],
  run: preview,
});

type PreviewFlags = {
  readonly contract?: string;
  readonly "price-book"?: ReadonlyArray<string>;
  readonly usage?: string;
  readonly period?: string;
  readonly "as-of"?: string;
  readonly format?: string;
  readonly timestamps?: string;
} & CarriedStateFlags;

async function preview(values: PreviewFlags): Promise<number> {
  const contractFile = required(values.contract, "--contract FILE");
  const usageFile = required(values.usage, "--usage FILE");
  const period = required(values.period, "--period PERIOD");
  const asOf = required(values["as-of"], "--as-of INSTANT");
  const format = outputFormat(values.format);
  const contract = await readContract(contractFile, values["price-book"]);
  const carried = await carriedStateOptions(values, contract.id, invoiceStart(contract, period));
  const rating = { ...carried.options, sha256: nodeSha256 };
  const events = await readUsage(usageFile, usageTimestampsNamed(values.timestamps));
  const preview = await carried.blamed(() =>
    namedByFlag({ asOf: "--as-of" }, () => previewParsedInvoice(contract, events, period, asOf, rating)),
  );
  write(format === "json" ? `${JSON.stringify(preview, null, 2)}\n` : explainText(preview));
  return 0;
}
