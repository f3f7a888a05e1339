import { isRatecardError } from "../index.js";

/**
 * What `ratecard batch --bad-events` does with an event its reader refuses: `stop` the batch (exit 2,
 * the default, as every command that reads usage does) or `hold` the invoice it belongs to and issue
 * every other customer's (docs/cli.md, "Bad events at month end").
 */
export type BadEventsMode = "stop" | "hold";

/** Where a refused event sat in the usage file, in the words of its format. */
export type BadEventPlace =
  /** NDJSON and CSV: the physical line it starts on (a CSV row may span lines). */
  | { readonly line: number }
  /** A JSON array: the element's index, from 0 (the reader's "event [2]"). */
  | { readonly event: number }
  /** Parquet, which only DuckDB reads: the row, from 1 (the reader's "row 7"). */
  | { readonly row: number };

/** One event the reader refused, set aside instead of stopping the batch. */
export interface BadEvent {
  readonly place: BadEventPlace;
  /** The customer the event names, when it can be read: its invoice is held. Undefined when it cannot. */
  readonly customer: string | undefined;
  /** The refusal's code (`invalid_json`, `invalid_input`, `duplicate_key`, `invalid_csv`, …). */
  readonly reason: string;
  /** The JSON path of the refused field inside the event ("" for the whole line). */
  readonly path: string;
  /** The reader's sentence, the one `--bad-events stop` prints, naming the file and line. */
  readonly message: string;
  /** What the line held, as the reader saw it: the line's text, a CSV row's cells, the element, the row. */
  readonly input: unknown;
}

/** Where a reader hands the events it refuses, instead of throwing (undefined: throw, as always). */
export type BadEventSink = (bad: BadEvent) => void;

/**
 * The event a reader refused, for the sink: the error's code, path and sentence, and the customer the
 * raw event names. A customer is readable when the raw event is an object whose `customer` is
 * non-empty text and the refusal is not about that field (a line whose `customer` is written twice,
 * or is a number, names no one for sure): the timestamp or a property can be wrong, the customer not.
 * An error that is no ratecard error (a bug) is thrown on, never set aside.
 */
export function badEventOf(error: unknown, place: BadEventPlace, raw: unknown, input: unknown): BadEvent {
  if (!isRatecardError(error)) throw error;
  return {
    place,
    customer: customerOf(raw, error.path, error.details),
    reason: error.code,
    path: error.path,
    message: error.message,
    input,
  };
}

function customerOf(
  raw: unknown,
  path: string,
  details: Readonly<Record<string, unknown>>,
): string | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const customer = (raw as { readonly customer?: unknown }).customer;
  if (typeof customer !== "string" || customer === "") return undefined;
  const problems = Array.isArray(details.problems) ? (details.problems as { path?: unknown }[]) : [];
  const paths = [path, ...problems.map((problem) => problem.path)];
  return paths.includes("customer") ? undefined : customer;
}

/** The place as the quarantine file and the summary write it: `line 4`, `event [2]`, `row 7`. */
export function placeText(place: BadEventPlace): string {
  if ("line" in place) return `line ${place.line}`;
  if ("event" in place) return `event [${place.event}]`;
  return `row ${place.row}`;
}

/**
 * One line of the `--quarantine` file (NDJSON): the place, the customer (null when none can be read),
 * the reason, path and sentence, and the input, so the line can be found, fixed, and the held customers
 * rated again.
 */
export function quarantineLine(bad: BadEvent): string {
  return `${JSON.stringify(
    {
      ...bad.place,
      customer: bad.customer ?? null,
      reason: bad.reason,
      path: bad.path,
      message: bad.message,
      input: bad.input,
      // A Parquet row's BIGINT column is a bigint, which JSON has no number for: its digits, as text.
    },
    (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value),
  )}\n`;
}
