import { type BatchSummary, summarizeBatch, type UsageTimestamps } from "../index.js";
import { type BadEventsMode, placeText, quarantineLine } from "./badEvents.js";
import { badEventsText } from "./badEventsText.js";
import { type BatchCarry, readBatchCarry } from "./batchCarry.js";
import { type BatchCommitmentNotes, readBatchCommitmentNotes } from "./batchCommitmentNotes.js";
import { type BatchCommitmentSpend, readBatchCommitmentSpend } from "./batchCommitmentSpend.js";
import { type BatchContract, readBatchContracts } from "./batchContracts.js";
import {
  badEventCollector,
  badEventsModeNamed,
  badEventsSummary,
  isHeld,
  type Screened,
  screened,
} from "./batchHold.js";
import { openBatchOutputs } from "./batchOutput.js";
import { requireOutputsApart } from "./batchOutputsApart.js";
import { rateInPool, workerCount } from "./batchPool.js";
import { type BatchOutcome, type BatchSettings, type BatchTask, compareIds } from "./batchRating.js";
import { requireRated } from "./batchRequireRated.js";
import { screenForDuckdb } from "./batchScreen.js";
import { splitByCustomer, type Unbilled } from "./batchSplit.js";
import { hintedWhenStopped, stopAtBadEvent } from "./batchStop.js";
import { batchSummaryText } from "./batchSummaryText.js";
import { contractsInForce, requireBatchPeriod } from "./batchTerms.js";
import { invoiceStartUnlessRefused } from "./carriedStateOptions.js";
import { flagChoice, readPriceBooks, required } from "./cliSupport.js";
import { PRICE_BOOK_OPTION, TIMESTAMPS_OPTION, USAGE_FORMAT_OPTION } from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { rateBatchWithDuckdb } from "./duckdbBatch.js";
import { chooseEngine, type Engine, engineNamed } from "./engineChoice.js";
import { EXIT } from "./exitCodes.js";
import { duckdbStopsAtKeyTwice } from "./messages.js";
import { readJsonFile } from "./readJsonFile.js";
import { usageSource, usageTimestampsNamed } from "./readUsage.js";
import { reportLines, reportNote, withRatingProgress, withUsageProgress } from "./stderr.js";
import { warnWhenOutsidePeriod } from "./usageOutsidePeriod.js";

/**
 * `ratecard batch`: rates a customer base from one multi-customer usage file. One pass splits the events
 * by customer; each contract's customer is aggregated and rated (in worker threads); the invoices are
 * written as NDJSON in customer-id order, whatever the number of threads; a summary goes to stderr.
 */
export const batchCommand = defineCommand({
  name: "batch",
  summary: "rate every customer's invoice from one usage file (NDJSON of invoices, in worker threads)",
  notes: `--contracts is a folder of contract files (every .json in it), one contract's .json file (to
rate a held customer again), an NDJSON file of contracts (one per line) or a JSON list. Each invoice is the one \`ratecard invoice\` gives for that customer's own
events. Events of customers no contract bills are counted in the summary, never billed. A contract
whose term does not reach --period, or that is billed on another cycle (from the 15th, quarterly), is
set aside and listed (one on another cycle with the --period that rates it); when none is left to
rate, exit 2. The summary
(invoices, totals per currency, warnings, events left out by reason) is printed on stderr and, with
--summary, written as JSON. Output order is the customers' ids, byte-identical for any --workers.`,
  holdsInvoices: true,
  options: {
    contracts: {
      type: "string",
      value: "PATH",
      description:
        "the contracts: a folder of .json files, one contract's .json file, an .ndjson file or a JSON list",
    },
    "price-book": PRICE_BOOK_OPTION,
    usage: {
      type: "string",
      value: "FILE",
      description: "the usage events of every customer (- reads stdin)",
    },
    "usage-format": USAGE_FORMAT_OPTION,
    timestamps: TIMESTAMPS_OPTION,
    engine: {
      type: "string",
      value: "auto|memory|duckdb",
      description:
        "what aggregates the usage: memory (ratecard's own pass, rated in --workers threads), duckdb (DuckDB embedded, the optional package @duckdb/node-api: one query per plan of contracts with the same meters, over their customers' rows; also reads .parquet) or auto (the default: DuckDB for a Parquet file, when every contract's meters compile, else memory; says so on stderr)",
    },
    period: {
      type: "string",
      value: "PERIOD",
      description:
        "the period to rate: a month (2026-02), day (2026-02-10), quarter (2026-Q1), year (2026) or 2026-02-01/2026-03-01, in each contract's zone",
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
    carry: {
      type: "string",
      value: "FILE",
      description:
        "the previous period's invoices (the NDJSON batch wrote), or { contract id: carried states }, to continue persistent and weighted_sum meters",
    },
    "commitment-spend": {
      type: "string",
      value: "FILE",
      description:
        "the previous period's invoices (the NDJSON batch wrote), or { contract id: spend }, to continue cumulative commitments",
    },
    "commitment-credit-note": {
      type: "string",
      value: "FILE",
      multiple: true,
      description:
        "a credit note of an earlier invoice of a cumulative commitment's period (JSON), given to the contract it names: units it took off come off the spend; repeat for each",
    },
    "bad-events": {
      type: "string",
      value: "stop|hold",
      description:
        "an event the reader refuses: stop (the default) stops the batch, exit 2; hold sets it aside, holds the invoice of the customer it names (every invoice when it names none), issues the others and exits 4",
    },
    quarantine: {
      type: "string",
      value: "FILE",
      description:
        "with --bad-events hold, write every bad event set aside to FILE (NDJSON: its line, customer, reason, sentence and input)",
    },
  },
  examples: [
    "ratecard batch --contracts contracts/ --usage usage.ndjson --period 2026-02 --output invoices.ndjson",
    "ratecard batch --contracts contracts.ndjson --price-book standard.json --usage usage.csv --period 2026-02 --workers 4 --summary summary.json > invoices.ndjson",
    "ratecard batch --contracts contracts/ --usage usage.ndjson --period 2026-02 --bad-events hold --quarantine bad.ndjson --output invoices.ndjson",
  ],
  run: async (values) => {
    const contractsPath = required(values.contracts, "--contracts PATH");
    const usageFile = required(values.usage, "--usage FILE");
    const period = required(values.period, "--period PERIOD");
    requireBatchPeriod(period);
    const workers = workerCount(values.workers);
    const timestamps = usageTimestampsNamed(values.timestamps);
    const mode = badEventsModeNamed(values["bad-events"], values.quarantine);
    const format = flagChoice("--format", values.format ?? "ndjson", ["ndjson", "json"]);
    const bookFiles = values["price-book"] ?? [];
    await requireOutputsApart(values);
    const {
      inForce: contracts,
      outOfTerm,
      offCycle,
    } = contractsInForce(await readBatchContracts(contractsPath, await readPriceBooks(bookFiles)), period);
    // What --carry, --commitment-spend and notes give a contract set aside is skipped, as it is not rated.
    const aside = new Set([...outOfTerm, ...offCycle].map((entry) => entry.contract));
    // Read before the usage, so a wrong file fails fast.
    const starts = new Map(
      contracts.map(({ contract }) => [contract.id, invoiceStartUnlessRefused(() => contract, period)]),
    );
    const spendFile = values["commitment-spend"];
    const spend: BatchCommitmentSpend =
      spendFile === undefined ? new Map() : await readBatchCommitmentSpend(spendFile, starts, aside);
    const noteFiles = values["commitment-credit-note"] ?? [];
    const notes = await readBatchCommitmentNotes(
      noteFiles,
      contracts.map(({ contract }) => contract.id),
      aside,
    );
    const carryFile = values.carry;
    const carry: BatchCarry =
      carryFile === undefined ? new Map() : await readBatchCarry(carryFile, starts, aside);
    const priceBooks = await Promise.all(bookFiles.map((file) => readJsonFile(file, "--price-book")));
    const sorted = [...contracts].sort((a, b) => compareIds(a.contract.customer.id, b.contract.customer.id));
    const settings = { priceBooks, period, creditsStartFull: values["credits-start-full"] === true };
    const { rate, screen, read } = await batchRating(sorted, { spend, carry, notes }, settings, workers, {
      file: usageFile,
      format: values["usage-format"],
      engine: engineNamed(values.engine),
      timestamps,
      mode,
      setAside: offCycle.map((entry) => entry.customer),
    });
    // A refused note is named by its file: the notes of the contract whose file failed.
    const notesOf = (source: string) =>
      notes.get(sorted.find((entry) => entry.source === source)?.contract.id ?? "")?.files ?? [];
    const outputs = await openBatchOutputs(values);
    const output = outputs.invoices;
    const facts: Parameters<typeof summarizeBatch>[0][number][] = [];
    // json: the invoices are held (as text) until the summary, which the document ends with, is known.
    const held: string[] = [];
    try {
      const rated =
        screen === undefined
          ? sorted.length
          : sorted.filter((c) => !isHeld(screen, c.contract.customer.id)).length;
      const { unknown, setAside } = await withRatingProgress(rated, output.isTerminal, (tick) =>
        rate(async (outcomes) => {
          for (const outcome of outcomes) {
            const invoice = requireRated(outcome, { spendFile, carryFile, notes: notesOf }, usageFile);
            facts.push(invoice.invoice);
            if (format === "json") held.push(invoice.line.slice(0, -1));
            else await output.write(invoice.line);
            tick();
          }
        }),
      );
      const rateManySummary: BatchSummary = summarizeBatch(facts, unknown);
      // Under --bad-events hold the summary gains `badEvents` (always, so a script can read it); under
      // stop it is rateMany's, byte for byte as before.
      const badEvents =
        screen === undefined
          ? undefined
          : badEventsSummary(screen, sorted.length, { read, issuedEventsRead: rateManySummary.eventsRead });
      // Contracts set aside for their term or cycle join the summary only when there are any (additive),
      // each with its file, rateMany's entries else.
      const onAnotherCycle = offCycle.map(({ source, ...entry }) => ({
        ...entry,
        events: setAside.get(entry.customer) ?? 0,
        source,
      }));
      const summary = {
        ...rateManySummary,
        ...(outOfTerm.length === 0 ? {} : { contractsOutOfTerm: outOfTerm }),
        ...(onAnotherCycle.length === 0 ? {} : { contractsOnAnotherCycle: onAnotherCycle }),
        ...(badEvents === undefined ? {} : { badEvents }),
      };
      if (format === "json") await output.write(jsonDocument(held, summary));
      const billed = sorted.map((entry) => entry.contract.customer.id);
      reportLines(batchSummaryText(rateManySummary, period, badEvents, outOfTerm, billed, onAnotherCycle));
      if (badEvents !== undefined) reportLines(badEventsText(badEvents, values.quarantine));
      const inForce = sorted.map((entry) => entry.contract);
      const usage = { file: usageFile, format: values["usage-format"], timestamps, contracts: inForce };
      await warnWhenOutsidePeriod(rateManySummary, usage, period);
      await outputs.summary?.write(`${JSON.stringify(summary, null, 2)}\n`);
      if (screen !== undefined) await outputs.quarantine?.write(screen.bad.map(quarantineLine).join(""));
    } catch (error) {
      // Issued whole or not at all: the invoices rated before the failure are not left under --output.
      await outputs.discard();
      throw error;
    }
    await outputs.close();
    return screen !== undefined && screen.bad.length > 0 ? EXIT.held : EXIT.ok;
  },
});

/**
 * Rates the batch, handing the outcomes over in customer order; returns the events of customers no
 * contract bills and of those whose contracts are set aside for their cycle.
 */
type RateBatch = (deliver: (outcomes: ReadonlyArray<BatchOutcome>) => Promise<void>) => Promise<Unbilled>;

/** The batch to rate and, under --bad-events hold, the bad events set aside and the invoices they hold. */
interface BatchRating {
  readonly rate: RateBatch;
  readonly screen?: Screened;
  /** Each billed customer's good events in the file, held or not (empty unless --bad-events hold). */
  readonly read: ReadonlyMap<string, number>;
}

/**
 * The engine --engine names for the batch: DuckDB (the contracts of a plan aggregated by one query over
 * their customers' rows, src/cli/duckdbBatch.ts), or ratecard's own pass, which splits the events by
 * customer and rates them in worker threads. Under auto, DuckDB only for a Parquet file (which ratecard's
 * reader does not read), with a note: for the other formats it costs about the CPU of the split pass it
 * would replace, which takes --workers (docs/sql-engines.md, "ratecard batch"), whatever the file's size. Under
 * --bad-events hold the held customers' contracts are left out of the rating, on either engine.
 */
async function batchRating(
  contracts: ReadonlyArray<BatchContract>,
  carried: CarriedIn,
  settings: BatchSettings,
  workers: number,
  usage: {
    readonly file: string;
    readonly format: string | undefined;
    readonly engine: Engine;
    readonly timestamps: UsageTimestamps;
    readonly mode: BadEventsMode;
    /** The customers of contracts set aside for their cycle: their events are counted as theirs. */
    readonly setAside: ReadonlyArray<string>;
  },
): Promise<BatchRating> {
  const { file, format, engine, timestamps, mode, setAside } = usage;
  const customers = contracts.map((c) => c.contract.customer.id);
  const choice = await chooseEngine(engine, {
    contracts: contracts.map((c) => c.contract),
    file,
    format,
    period: settings.period,
    daily: false,
    parquetOnly: true,
  });
  if (choice.note !== undefined) reportNote(choice.note);
  const held =
    choice.engine === "duckdb" && mode === "hold"
      ? await screenForDuckdb(file, format, timestamps, customers, setAside)
      : undefined;
  // DuckDB's JSON reader stops at a key written twice: a file with such a line set aside is rated by
  // ratecard's own engine, which gives the same invoices, and says so.
  const twice = held?.screen.bad.find((bad) => bad.reason === "duplicate_key");
  if (twice !== undefined) reportNote(duckdbStopsAtKeyTwice(file, placeText(twice.place)));
  if (choice.engine === "duckdb" && twice === undefined) {
    const tasks = contracts
      .filter(({ contract }) => held === undefined || !isHeld(held.screen, contract.customer.id))
      .map(({ source, contract }) => ({ source, contract, ...carriedTo(contract.id, carried) }));
    const rate: RateBatch = async (deliver) => {
      // Every invoice held: DuckDB need not read a file whose bad lines might stop its reader.
      if (held?.screen.all) return held;
      const aggregate = () =>
        rateBatchWithDuckdb(
          { file, format, timestamps },
          tasks,
          settings,
          deliver,
          held?.screen.held,
          setAside,
        );
      const screen = () => screenForDuckdb(file, format, timestamps, customers);
      const unbilled = await (mode === "stop"
        ? hintedWhenStopped(aggregate, screen, customers)
        : aggregate());
      return held ?? unbilled;
    };
    return held === undefined ? { rate, read: new Map() } : { rate, screen: held.screen, read: held.read };
  }
  const collector = mode === "hold" ? badEventCollector() : undefined;
  const split = await withUsageProgress(
    await usageSource(file, format, timestamps, collector?.sink ?? stopAtBadEvent(customers)),
    (source) =>
      typeof source === "function"
        ? splitByCustomer(source(), customers, "copies", setAside)
        : splitByCustomer(source, customers, "as read", setAside),
  );
  const screen = collector === undefined ? undefined : screened(collector.bad, customers);
  const tasks: BatchTask[] = contracts
    .filter(({ contract }) => screen === undefined || !isHeld(screen, contract.customer.id))
    .map(({ source, json, contract }) => ({
      source,
      contract: json,
      parsed: contract,
      events: split.events.get(contract.customer.id) ?? [],
      ...carriedTo(contract.id, carried),
    }));
  const rate: RateBatch = async (deliver) => {
    await rateInPool(tasks, settings, workers, deliver);
    return split;
  };
  return screen === undefined ? { rate, read: split.read } : { rate, screen, read: split.read };
}

// What a task carries in: its commitment spend and meter states, when --commitment-spend and --carry
// give its contract some.
function carriedTo(
  contractId: string,
  { spend, carry, notes }: CarriedIn,
): Pick<BatchTask, "commitmentSpend" | "carried" | "commitmentCreditNotes"> {
  const commitmentSpend = spend.get(contractId);
  const carried = carry.get(contractId);
  const commitmentCreditNotes = notes.get(contractId)?.notes;
  return {
    ...(commitmentSpend === undefined ? {} : { commitmentSpend }),
    ...(carried === undefined ? {} : { carried }),
    ...(commitmentCreditNotes === undefined ? {} : { commitmentCreditNotes }),
  };
}

/** What the batch carries into its contracts: spend, meter states and commitment credit notes. */
interface CarriedIn {
  readonly spend: BatchCommitmentSpend;
  readonly carry: BatchCarry;
  readonly notes: BatchCommitmentNotes;
}

// rateMany's result as one document: { "invoices": [one per line], "summary": {…} }.
function jsonDocument(invoices: ReadonlyArray<string>, summary: BatchSummary): string {
  const list = invoices.length === 0 ? "[]" : `[\n${invoices.join(",\n")}\n]`;
  return `{"invoices":${list},"summary":${JSON.stringify(summary)}}\n`;
}
