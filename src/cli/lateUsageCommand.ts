import { correctLateParsedUsage, explainLateUsage, parseInvoice } from "../index.js";
import { type CarriedStateFlags, carriedStateOptions } from "./carriedStateOptions.js";
import { commitmentSpend, outputFormat, readContract, readIssued, required, write } from "./cliSupport.js";
import {
  CARRIED_STATE_OPTIONS,
  FORMAT_OPTION,
  PRICE_BOOK_OPTION,
  TIMESTAMPS_OPTION,
} from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { nodeSha256 } from "./nodeSha256.js";
import { PREVIOUS_NOTES_OPTION, readPreviousNotes } from "./previousNotes.js";
import { readJsonFile } from "./readJsonFile.js";
import { readUsage, usageTimestampsNamed } from "./readUsage.js";

/**
 * `ratecard late-usage`: corrects an issued invoice for usage that arrived after it, the contract's
 * way (delta lines for the next invoice, or a credit note and a re-issued invoice). Both usage files are
 * read into memory.
 */
export const lateUsageCommand = defineCommand({
  name: "late-usage",
  summary: "correct an issued invoice for usage that arrived after it",
  notes: `The contract's lateUsage.correction decides the way: delta lines for the invoice of --bill-on
(next_invoice, the default), or a credit note and a re-issued invoice (credit_note). --usage must
reproduce the issued invoice exactly (docs/late-usage.md).`,
  options: {
    contract: { type: "string", value: "FILE", description: "the contract, JSON" },
    "price-book": PRICE_BOOK_OPTION,
    invoice: { type: "string", value: "FILE", description: "the issued invoice, JSON" },
    usage: { type: "string", value: "FILE", description: "the usage the invoice was rated from" },
    timestamps: TIMESTAMPS_OPTION,
    late: { type: "string", value: "FILE", description: "the events that arrived late" },
    "bill-on": {
      type: "string",
      value: "PERIOD",
      description: "the period whose invoice takes the correction",
    },
    format: FORMAT_OPTION,
    ...CARRIED_STATE_OPTIONS,
    "corrected-commitment-spend": {
      type: "string",
      value: "FILE",
      description:
        "the correction of an earlier invoice (JSON) whose spend to date the re-rating continues (cumulative commitments; --late may then be left out)",
    },
    previous: {
      ...PREVIOUS_NOTES_OPTION,
      description:
        "a credit note issued before against the invoice (repeat for each): in credit_note mode the new note credits only what they left; one that took units off is what the correction starts from in both modes (give --usage without those units)",
    },
  },
  examples: [
    "ratecard late-usage --contract contract.json --invoice february.json --usage february.ndjson --late late.ndjson --bill-on 2026-03",
    "ratecard late-usage --contract contract.json --invoice march.json --usage march.ndjson --commitment-spend february.json --corrected-commitment-spend february-fix.json --bill-on 2026-04",
  ],
  run: lateUsage,
});

type LateUsageFlags = {
  readonly contract?: string;
  readonly "price-book"?: ReadonlyArray<string>;
  readonly invoice?: string;
  readonly usage?: string;
  readonly late?: string;
  readonly "bill-on"?: string;
  readonly timestamps?: string;
  readonly format?: string;
  readonly "corrected-commitment-spend"?: string;
  readonly previous?: ReadonlyArray<string>;
} & CarriedStateFlags;

async function lateUsage(values: LateUsageFlags): Promise<number> {
  const contractFile = required(values.contract, "--contract FILE");
  const invoiceFile = required(values.invoice, "--invoice FILE");
  const usageFile = required(values.usage, "--usage FILE");
  const correctedFile = values["corrected-commitment-spend"];
  // Re-rating an invoice issued after a corrected one needs no late event: only its spend to date moved.
  const lateFile = correctedFile === undefined ? required(values.late, "--late FILE") : values.late;
  const billOn = required(values["bill-on"], "--bill-on PERIOD");
  const format = outputFormat(values.format);
  const contract = await readContract(contractFile, values["price-book"]);
  const issued = readIssued(
    invoiceFile,
    await readJsonFile(invoiceFile, "--invoice"),
    parseInvoice,
    "a ratecard invoice",
  );
  const carried = await carriedStateOptions(values, contract.id, issued.period.start);
  const corrected =
    correctedFile === undefined
      ? {}
      : {
          correctedCommitmentSpendToDate: commitmentSpend(
            await readJsonFile(correctedFile, "--corrected-commitment-spend"),
            correctedFile,
            contract.id,
            "--corrected-commitment-spend",
          ),
        };
  const timestamps = usageTimestampsNamed(values.timestamps);
  const events = await readUsage(usageFile, timestamps);
  const late = lateFile === undefined ? [] : await readUsage(lateFile, timestamps);
  const creditNotes = await readPreviousNotes(values.previous);
  const result = await carried.blamed(() =>
    correctLateParsedUsage(contract, issued, events, late, {
      billOn,
      ...carried.options,
      sha256: nodeSha256,
      ...corrected,
      ...(creditNotes.length > 0 ? { creditNotes } : {}),
    }),
  );
  write(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : explainLateUsage(result));
  return 0;
}
