import { usageEvidenceAsync, usageEvidenceText } from "../index.js";
import { carriedStateOptions, invoiceStart } from "./carriedStateOptions.js";
import {
  flagChoice,
  outputFormat,
  readContract,
  renamedToFlag,
  required,
  UsageLineError,
  write,
} from "./cliSupport.js";
import {
  CARRIED_STATE_OPTIONS,
  FORMAT_OPTION,
  PRICE_BOOK_OPTION,
  TIMESTAMPS_OPTION,
  USAGE_FORMAT_OPTION,
} from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { duckdbEvents } from "./duckdbEvents.js";
import { duckdbFormat, duckdbFormatOf } from "./duckdbFormat.js";
import { openDuckdbUsage } from "./duckdbUsage.js";
import { engineNamed } from "./engineChoice.js";
import { usageSource, usageTimestampsNamed } from "./readUsage.js";
import { refusalInFileOrder } from "./refusalInFileOrder.js";
import { withUsageProgress } from "./stderr.js";

/**
 * `ratecard usage`: the events behind a contract's usage lines for a period, per meter and group, per
 * day or hour, with the excluded events by reason and the repeated ids ("which events made this
 * line?", "were these counted twice?"). The usage file is streamed twice, as `ratecard invoice` does.
 */
export const usageCommand = defineCommand({
  name: "usage",
  summary: "list the events behind each usage line: per day or hour, excluded, repeated",
  notes: `--group narrows to one line of a grouped charge, --where to events with a property value,
--from/--to to a time range (local dates in the contract's zone, or ISO timestamps). Exclusions and
repeated ids are always those of the whole period; --limit N ids are shown per list (10).`,
  options: {
    contract: { type: "string", value: "FILE", description: "the contract, JSON (- reads stdin)" },
    "price-book": PRICE_BOOK_OPTION,
    usage: { type: "string", value: "FILE", description: "the usage events (- reads stdin)" },
    "usage-format": USAGE_FORMAT_OPTION,
    timestamps: TIMESTAMPS_OPTION,
    engine: {
      type: "string",
      value: "auto|memory|duckdb",
      description:
        "what reads the usage file: memory (ratecard's own reader), duckdb (DuckDB embedded, the optional package @duckdb/node-api; also reads .parquet) or auto (the default: DuckDB for a Parquet file, else memory); the evidence is the same either way",
    },
    period: {
      type: "string",
      value: "PERIOD",
      description:
        "the period: a month (2026-02), day (2026-02-10), quarter (2026-Q1), year (2026) or 2026-02-01/2026-03-01",
    },
    meter: { type: "string", value: "METER", description: "only this meter" },
    group: {
      type: "string",
      value: "key=value",
      description: "only this group of a grouped charge (repeatable)",
      multiple: true,
    },
    where: {
      type: "string",
      value: "prop=value",
      description: "only events with this property value (repeatable)",
      multiple: true,
    },
    from: { type: "string", value: "TIME", description: "only events at or after this time" },
    to: { type: "string", value: "TIME", description: "only events before this time" },
    by: { type: "string", value: "day|hour", description: "the buckets of the counts", default: "day" },
    limit: { type: "string", value: "N", description: "ids shown per list, 0 to 1000", default: "10" },
    // Persistent and weighted_sum meters open the period with it, as the invoice's do: without it, their
    // quantities are not the ones the invoice rated.
    carry: CARRIED_STATE_OPTIONS.carry,
    format: FORMAT_OPTION,
  },
  examples: [
    "ratecard usage --contract fixtures/cdn-basic/contract.json --usage fixtures/cdn-basic/usage.ndjson --period 2026-02",
    "ratecard usage --contract contract.json --usage usage.ndjson --period 2026-02 --meter bandwidth --group region=eu --by hour --format json",
  ],
  run: usage,
});

type UsageFlags = {
  readonly contract?: string;
  readonly "price-book"?: ReadonlyArray<string>;
  readonly usage?: string;
  readonly "usage-format"?: string;
  readonly timestamps?: string;
  readonly engine?: string;
  readonly period?: string;
  readonly meter?: string;
  readonly group?: ReadonlyArray<string>;
  readonly where?: ReadonlyArray<string>;
  readonly from?: string;
  readonly to?: string;
  readonly by?: string;
  readonly limit?: string;
  readonly carry?: string;
  readonly format?: string;
};

async function usage(values: UsageFlags): Promise<number> {
  const contractFile = required(values.contract, "--contract FILE");
  const usageFile = required(values.usage, "--usage FILE");
  const period = required(values.period, "--period PERIOD");
  const format = outputFormat(values.format);
  const by = flagChoice("--by", values.by, ["day", "hour"]);
  const contract = await readContract(contractFile, values["price-book"]);
  const flags = values.carry === undefined ? {} : { carry: values.carry };
  const carried = await carriedStateOptions(flags, contract.id, invoiceStart(contract, period));
  const options = {
    ...carried.options,
    ...(values.meter !== undefined ? { meter: values.meter } : {}),
    ...(values.group !== undefined ? { group: pairs("--group", values.group) } : {}),
    ...(values.where !== undefined ? { where: pairs("--where", values.where) } : {}),
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(values.to !== undefined ? { to: values.to } : {}),
    by,
    limit: limitOf(values.limit),
  } as const;
  const evidence = await carried
    .blamed(() =>
      withEventsOf(usageFile, values, (usage) =>
        withUsageProgress(usage, (source) => usageEvidenceAsync(contract, source, period, options)),
      ),
    )
    .catch((error: unknown) => renamedToFlag(USAGE_FLAGS, error));
  write(format === "json" ? `${JSON.stringify(evidence, null, 2)}\n` : usageEvidenceText(evidence));
  return 0;
}

// The usage file's events, read by the engine --engine names. The evidence lists events (their ids, days
// and values), not aggregation states a query returns, so DuckDB only reads the file; the pass over the
// events is ratecard's either way, and so is the report, byte for byte. Under auto DuckDB reads only
// Parquet, which ratecard's own reader cannot: for the other formats it would add its start to the same
// pass.
async function withEventsOf<T>(
  file: string,
  flags: Pick<UsageFlags, "usage-format" | "engine" | "timestamps">,
  work: (usage: Awaited<ReturnType<typeof usageSource>>) => Promise<T>,
): Promise<T> {
  const format = flags["usage-format"];
  const engine = engineNamed(flags.engine);
  const timestamps = usageTimestampsNamed(flags.timestamps);
  const parquet = file !== "-" && duckdbFormatOf(file, format) === "parquet";
  if (engine === "memory" || (engine === "auto" && !parquet))
    return work(await usageSource(file, format, timestamps));
  const duckdb = await openDuckdbUsage(file, format, timestamps);
  try {
    // A row that is no event is named by its line, as --engine memory names it (Parquet by its row).
    const read = duckdbFormat(file, format);
    const inFileOrder = read === "parquet" ? undefined : () => refusalInFileOrder(file, read, duckdb);
    return await work(duckdbEvents(duckdb, file, inFileOrder));
  } finally {
    duckdb.close();
  }
}

// --group region=eu --group service=http: name=value pairs, each name once.
function pairs(flag: string, given: ReadonlyArray<string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of given) {
    const at = pair.indexOf("=");
    if (at <= 0)
      throw new UsageLineError(`${flag} takes name=value, such as ${flag} region=eu; not "${pair}"`);
    const name = pair.slice(0, at);
    if (name in result) throw new UsageLineError(`${flag} names ${name} twice; give each property once`);
    result[name] = pair.slice(at + 1);
  }
  return result;
}

// An option the library refuses (an unknown meter, a bad --from) is named by its flag.
const USAGE_FLAGS = { meter: "--meter", group: "--group", where: "--where", from: "--from", to: "--to" };

function limitOf(text: string | undefined): number {
  const limit = Number(text);
  if (!/^\d+$/.test(text ?? "") || limit > 1000)
    throw new UsageLineError(`--limit must be a whole number from 0 to 1000, not "${text}"`);
  return limit;
}
