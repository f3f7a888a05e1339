/**
 * Usage events written as the three file formats the CLI reads (docs/cli.md, "Usage file formats"), so
 * a test can give the CLI the same events as NDJSON, CSV and a JSON array.
 */

/** An event as a usage file holds it. */
export interface UsageFileEvent {
  readonly id: string;
  readonly type: string;
  readonly customer: string;
  readonly timestamp: string;
  readonly properties?: Readonly<Record<string, string | number | boolean | null>>;
}

/** One JSON event per line. */
export function asNdjson(events: ReadonlyArray<UsageFileEvent>): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join("");
}

/** One JSON array. */
export function asJsonArray(events: ReadonlyArray<UsageFileEvent>): string {
  return JSON.stringify(events);
}

/**
 * A header row `id,type,customer,timestamp` and one column per property (in name order); an absent
 * property is an empty cell. CSV cells are text, so every property value must be non-empty text.
 * Cells with a comma, a quote or a line break are quoted, quotes doubled (RFC 4180).
 */
export function asCsv(events: ReadonlyArray<UsageFileEvent>): string {
  const names = [...new Set(events.flatMap((event) => Object.keys(event.properties ?? {})))].sort();
  const header = ["id", "type", "customer", "timestamp", ...names];
  const rows = events.map((event) => [
    event.id,
    event.type,
    event.customer,
    event.timestamp,
    ...names.map((name) => {
      const value = event.properties?.[name];
      if (value === undefined) return "";
      if (typeof value !== "string" || value === "")
        throw new Error(`a CSV cell holds non-empty text only; ${name} is ${JSON.stringify(value)}`);
      return value;
    }),
  ]);
  return [header, ...rows].map((cells) => `${cells.map(csvCell).join(",")}\n`).join("");
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
