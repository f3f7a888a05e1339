import { availableParallelism } from "node:os";
import { type BatchSummary, summarizeBatch, type UsageEvent } from "../index.js";
import { type BatchCommitmentSpend, readBatchCommitmentSpend } from "./batchCommitmentSpend.js";
import { readBatchContracts } from "./batchContracts.js";
import { openOrderedOutput } from "./batchOutput.js";
import { rateInPool } from "./batchPool.js";
import type { BatchOutcome, BatchTask } from "./batchRating.js";
import { batchSummaryText } from "./batchSummaryText.js";
import { invoiceStartUnlessRefused } from "./carriedStateOptions.js";
import { readPriceBooks, required, UsageLineError } from "./cliSupport.js";
import { PRICE_BOOK_OPTION, USAGE_FORMAT_OPTION } from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { EXIT } from "./exitCodes.js";
import { writeOutput } from "./explainOutput.js";
import { readJsonFile } from "./readJsonFile.js";
import { usageSource } from "./readUsage.js";
import { withRatingProgress, withUsageProgress } from "./stderr.js";

/**
 * `ratecard batch`: rates a customer base from one multi-customer usage file. One pass splits the events
 * by customer; each contract's customer is aggregated and rated (in worker threads); the invoices are
 * written as NDJSON in customer-id order, whatever the number of threads; a summary goes to stderr.
 */
export const batchCommand = defineCommand({
  name: "batch",
  summary: "rate every customer's invoice from one usage file (NDJSON of invoices, in worker threads)",
  notes: `--contracts is a folder of contract files (every .json in it), an NDJSON file of contracts (one
per line) or a JSON list. Each invoice is the one \`ratecard invoice\` gives for that customer's own
events. Events of customers no contract bills are counted in the summary, never billed. The summary
(invoices, totals per currency, warnings, events left out by reason) is printed on stderr and, with
--summary, written as JSON. Output order is the customers' ids, byte-identical for any --workers.`,
  options: {
    contracts: {
      type: "string",
      value: "PATH",
      description: "the contracts: a folder of .json files, an .ndjson file or a JSON list",
    },
    "price-book": PRICE_BOOK_OPTION,
    usage: {
      type: "string",
      value: "FILE",
      description: "the usage events of every customer (- reads stdin)",
    },
    "usage-format": USAGE_FORMAT_OPTION,
    period: {
      type: "string",
      value: "PERIOD",
      description: "the period to rate: 2026-02 or 2026-02-01/2026-03-01, in each contract's zone",
    },
    workers: {
      type: "string",
      value: "N",
      description: "worker threads that rate (default: the machine's cores; 1 rates in the main thread)",
    },
    format: {
      type: "string",
      value: "ndjson|json",
      description:
        "ndjson: one invoice per line (streamed as rated); json: one document { invoices, summary } (rateMany's shape)",
      default: "ndjson",
    },
    output: {
      type: "string",
      value: "FILE",
      description: "write the invoices (NDJSON) to FILE instead of stdout",
    },
    summary: { type: "string", value: "FILE", description: "write the summary as JSON to FILE too" },
    "credits-start-full": {
      type: "boolean",
      description: "every credit grant starts from its full amount (no balances are carried in a batch)",
    },
    "commitment-spend": {
      type: "string",
      value: "FILE",
      description:
        "the previous period's invoices (the NDJSON batch wrote), or { contract id: spend }, to continue cumulative commitments",
    },
  },
  examples: [
    "ratecard batch --contracts contracts/ --usage usage.ndjson --period 2026-02 --output invoices.ndjson",
    "ratecard batch --contracts contracts.ndjson --price-book standard.json --usage usage.csv --period 2026-02 --workers 4 --summary summary.json > invoices.ndjson",
  ],
  run: async (values) => {
    const contractsPath = required(values.contracts, "--contracts PATH");
    const usageFile = required(values.usage, "--usage FILE");
    const period = required(values.period, "--period PERIOD");
    const workers = workerCount(values.workers);
    const format = values.format ?? "ndjson";
    if (format !== "ndjson" && format !== "json")
      throw new UsageLineError(`--format must be ndjson or json, not "${format}"`);
    const bookFiles = values["price-book"] ?? [];
    const contracts = await readBatchContracts(contractsPath, await readPriceBooks(bookFiles));
    // Read before the usage, so a wrong file fails fast.
    const spendFile = values["commitment-spend"];
    const spend =
      spendFile === undefined
        ? (new Map() as BatchCommitmentSpend)
        : await readBatchCommitmentSpend(
            spendFile,
            new Map(
              contracts.map(({ contract }) => [
                contract.id,
                invoiceStartUnlessRefused(() => contract, period),
              ]),
            ),
          );
    const priceBooks = await Promise.all(bookFiles.map((file) => readJsonFile(file, "--price-book")));
    const usage = await usageSource(usageFile, values["usage-format"]);
    const split = await withUsageProgress(usage, (source) =>
      splitByCustomer(
        typeof source === "function" ? source() : source,
        contracts.map((c) => c.contract.customer.id),
      ),
    );
    const tasks: BatchTask[] = [...contracts]
      .sort((a, b) => compareIds(a.contract.customer.id, b.contract.customer.id))
      .map(({ source, json, contract }) => ({
        source,
        contract: json,
        events: split.events.get(contract.customer.id) ?? [],
        ...withSpend(spend.get(contract.id)),
      }));
    const settings = { priceBooks, period, creditsStartFull: values["credits-start-full"] === true };
    const output = await openOrderedOutput(values.output);
    const facts: Parameters<typeof summarizeBatch>[0][number][] = [];
    // json: the invoices are held (as text) until the summary, which the document ends with, is known.
    const held: string[] = [];
    try {
      await withRatingProgress(tasks.length, (tick) =>
        rateInPool(tasks, settings, workers, async (outcomes) => {
          for (const outcome of outcomes) {
            const rated = requireRated(outcome);
            facts.push(rated.invoice);
            if (format === "json") held.push(rated.line.slice(0, -1));
            else await output.write(rated.line);
            tick();
          }
        }),
      );
      const summary: BatchSummary = summarizeBatch(facts, split.unknown);
      if (format === "json") await output.write(jsonDocument(held, summary));
      process.stderr.write(batchSummaryText(summary, period));
      if (values.summary !== undefined)
        await writeOutput(`${JSON.stringify(summary, null, 2)}\n`, values.summary);
    } finally {
      await output.close();
    }
    return EXIT.ok;
  },
});

// A task's carried commitment spend, when the --commitment-spend file gives its contract one.
const withSpend = (spend: Readonly<Record<string, string>> | undefined) =>
  spend === undefined ? {} : { commitmentSpend: spend };

// rateMany's result as one document: { "invoices": [one per line], "summary": {…} }.
function jsonDocument(invoices: ReadonlyArray<string>, summary: BatchSummary): string {
  const list = invoices.length === 0 ? "[]" : `[\n${invoices.join(",\n")}\n]`;
  return `{"invoices":${list},"summary":${JSON.stringify(summary)}}\n`;
}

// Ordinary code-unit order, as rateMany sorts: deterministic and locale-free.
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function workerCount(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  if (!/^[1-9]\d{0,2}$/.test(value))
    throw new UsageLineError(`--workers must be a whole number from 1 to 999, not "${value}"`);
  return Number(value);
}

// An input error in one contract stops the batch with its sentence, naming the contract's file; a bug
// keeps its stack.
function requireRated(outcome: BatchOutcome): Extract<BatchOutcome, { ok: true }> {
  if (outcome.ok) return outcome;
  if (outcome.internal) throw new Error(`rating ${outcome.source}: ${outcome.message}`);
  throw new UsageLineError(`--contracts ${outcome.source}: ${outcome.message}`);
}

/**
 * One pass over the events: each customer's own events, in file order, for the customers a contract
 * bills; the others counted (events, customers, the five smallest ids), never billed.
 */
async function splitByCustomer(
  events: AsyncIterable<UsageEvent>,
  customers: ReadonlyArray<string>,
): Promise<{ events: Map<string, UsageEvent[]>; unknown: BatchSummary["unknownCustomers"] }> {
  const byCustomer = new Map<string, UsageEvent[]>(customers.map((id) => [id, []]));
  const unknownIds = new Set<string>();
  let unknownEvents = 0;
  for await (const event of events) {
    const own = byCustomer.get(event.customer);
    if (own !== undefined) own.push(event);
    else {
      unknownEvents += 1;
      unknownIds.add(event.customer);
    }
  }
  return {
    events: byCustomer,
    unknown: {
      events: unknownEvents,
      customers: unknownIds.size,
      sampleCustomers: [...unknownIds].sort(compareIds).slice(0, 5),
    },
  };
}
