import {
  billParsedProgressively,
  explainText,
  parseCreditNote,
  rateClosingParsedInvoice,
  rateProgressiveParsedInvoice,
} from "../index.js";
import { blamedOnFiles, type OptionFile } from "./blamedOnFiles.js";
import { type CarriedStateFlags, carriedStateOptions, invoiceStart } from "./carriedStateOptions.js";
import { namedByFlag, outputFormat, readContract, required, UsageLineError, write } from "./cliSupport.js";
import { CARRIED_STATE_OPTIONS, FORMAT_OPTION, TIMESTAMPS_OPTION } from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { listOptionFiles, readEarlierInvoices } from "./earlierInvoices.js";
import { nodeSha256 } from "./nodeSha256.js";
import { readIssuedFiles } from "./readIssuedFiles.js";
import { readUsage, usageTimestampsNamed } from "./readUsage.js";

/**
 * `ratecard progressive`: progressive (threshold) billing of a period. One progressive invoice as of
 * --at, the closing invoice with --close, or the whole sequence a spend --threshold triggers
 * (docs/progressive-billing.md). The usage is read into memory once.
 */
export const progressiveCommand = defineCommand({
  name: "progressive",
  summary: "bill a period progressively: at a spend threshold or an instant, then close it",
  notes: `Give exactly one of --at (one progressive invoice as of that instant), --threshold (every
progressive invoice the spend so far triggers, at each multiple of the amount; add --close for the
closing invoice) or --close alone (the closing invoice). --earlier names the progressive invoices
already issued in the period, in order (repeat it); their lines, discounts, credits and tax are taken
off. Each invoice bills the usage so far less what the earlier ones billed (docs/progressive-billing.md).
--credit-note names a credit note issued against one of them (repeat it): a note that took units off
lowers what that invoice billed; a note of an amount stays credited.`,
  options: {
    contract: { type: "string", value: "FILE", description: "the contract, JSON (- reads stdin)" },
    usage: { type: "string", value: "FILE", description: "the usage events of the period so far" },
    timestamps: TIMESTAMPS_OPTION,
    period: { type: "string", value: "PERIOD", description: "the period: 2026-03" },
    at: {
      type: "string",
      value: "INSTANT",
      description: "one progressive invoice: usage before this instant",
    },
    threshold: {
      type: "string",
      value: "AMOUNT",
      description: "invoice each time the spend so far reaches a multiple of this amount",
    },
    close: { type: "boolean", description: "the closing invoice of the period (after --threshold's)" },
    earlier: {
      type: "string",
      value: "FILE",
      description: "a progressive invoice issued earlier in the period (repeat, in order)",
      multiple: true,
    },
    "credit-note": {
      type: "string",
      value: "FILE",
      description: "a credit note issued against an --earlier invoice (repeat for each)",
      multiple: true,
    },
    format: FORMAT_OPTION,
    ...CARRIED_STATE_OPTIONS,
  },
  examples: [
    "ratecard progressive --contract contract.json --usage usage.ndjson --period 2026-03 --at 2026-03-10T00:00:00Z",
    "ratecard progressive --contract contract.json --usage usage.ndjson --period 2026-03 --close --earlier p1.json",
    "ratecard progressive --contract contract.json --usage usage.ndjson --period 2026-03 --close --earlier p1.json --credit-note p1-note1.json",
    "ratecard progressive --contract contract.json --usage usage.ndjson --period 2026-03 --threshold 500 --close --format json",
  ],
  run: progressive,
});

type ProgressiveFlags = {
  readonly contract?: string;
  readonly usage?: string;
  readonly period?: string;
  readonly at?: string;
  readonly threshold?: string;
  readonly close?: boolean;
  readonly earlier?: ReadonlyArray<string>;
  readonly "credit-note"?: ReadonlyArray<string>;
  readonly format?: string;
  readonly timestamps?: string;
} & CarriedStateFlags;

async function progressive(values: ProgressiveFlags): Promise<number> {
  const contractFile = required(values.contract, "--contract FILE");
  const usageFile = required(values.usage, "--usage FILE");
  const period = required(values.period, "--period PERIOD");
  const format = outputFormat(values.format);
  const mode = modeOf(values);
  const contract = await readContract(contractFile);
  const earlier = await readEarlierInvoices(values.earlier ?? []);
  const creditNotes = await readIssuedFiles(
    "--credit-note",
    values["credit-note"],
    parseCreditNote,
    "a ratecard credit note",
  );
  const carried = await carriedStateOptions(values, contract.id, invoiceStart(contract, period));
  const rating = { ...carried.options, sha256: nodeSha256 };
  const events = await readUsage(usageFile, usageTimestampsNamed(values.timestamps));
  const invoices = await carried.blamed(() =>
    blamedOnFiles(earlierFiles(values.earlier ?? [], values["credit-note"] ?? []), () =>
      mode.kind === "at"
        ? [
            namedByFlag({ asOf: "--at" }, () =>
              rateProgressiveParsedInvoice(contract, events, period, mode.at, {
                ...rating,
                earlier,
                creditNotes,
              }),
            ),
          ]
        : mode.kind === "close"
          ? [rateClosingParsedInvoice(contract, events, period, { ...rating, earlier, creditNotes })]
          : namedByFlag({ "options.threshold": "--threshold" }, () =>
              billParsedProgressively(contract, events, period, {
                ...rating,
                threshold: mode.threshold,
                close: values.close === true,
              }),
            ),
    ),
  );
  // One invoice is written as itself; a sequence (--threshold) as a JSON list, or one explanation each.
  if (format === "json")
    write(`${JSON.stringify(mode.kind === "spend" ? invoices : invoices[0], null, 2)}\n`);
  else
    write(
      invoices.length === 0
        ? "No spend threshold was reached: no progressive invoice.\n"
        : invoices.map(explainText).join("\n"),
    );
  return 0;
}

/**
 * The --earlier and --credit-note files as the options they fill: a refusal of the i-th earlier invoice
 * (not progressive, another period, out of order, at `options.earlier[i]…`) is led by `--earlier FILE`,
 * since two files of one period can hold invoices with one id (a progressive invoice's id differs, the
 * closing one's does not); one of the i-th note (`options.creditNotes[i]…`) by `--credit-note FILE`.
 */
function earlierFiles(files: ReadonlyArray<string>, notes: ReadonlyArray<string>): OptionFile[] {
  return [
    ...listOptionFiles("earlier", "--earlier", files),
    ...listOptionFiles("creditNotes", "--credit-note", notes),
  ];
}

type Mode =
  | { readonly kind: "at"; readonly at: string }
  | { readonly kind: "spend"; readonly threshold: string }
  | { readonly kind: "close" };

// Exactly one of --at, --threshold and --close alone; --earlier goes with --at or --close.
function modeOf(values: ProgressiveFlags): Mode {
  const { at, threshold, close } = values;
  if (at !== undefined && threshold !== undefined)
    throw new UsageLineError("give --at or --threshold, not both; run ratecard progressive --help");
  if (at !== undefined) {
    if (close === true)
      throw new UsageLineError(
        "--close issues the closing invoice at the period's end, not as of --at; give one of them",
      );
    return { kind: "at", at };
  }
  if (threshold !== undefined) {
    if ((values.earlier ?? []).length > 0 || (values["credit-note"] ?? []).length > 0)
      throw new UsageLineError(
        "--threshold bills the period from its start: it takes no --earlier invoices or --credit-note",
      );
    return { kind: "spend", threshold };
  }
  if (close === true) return { kind: "close" };
  throw new UsageLineError(
    "missing --at INSTANT, --threshold AMOUNT or --close; run ratecard progressive --help",
  );
}
