import { UsageLineError } from "./cliSupport.js";

/**
 * A comma before `}` or `]` outside strings: DuckDB's JSON reader accepts it, ratecard's refuses the
 * line ("line 2 is not valid JSON").
 */
const TRAILING_COMMA_OUTSIDE_STRINGS = String.raw`^([^"]|"([^"\\]|\\.)*")*,[ \t\r]*[}\]]`;
// The cheap first test, on every line; the exact one above only on the lines that pass it.
const MAYBE_TRAILING_COMMA = String.raw`,[ \t\r]*[}\]]`;

/**
 * Refuses an NDJSON file with a trailing comma in a line, which DuckDB would read and the in-memory
 * reader refuses as invalid JSON, quoting one such line (DuckDB gives no line numbers). One more pass
 * over the file, as lines: about 0.17 s of CPU per 1,000,000 events (docs/sql-engines.md). NaN and
 * Infinity, which DuckDB also reads, are not looked for: a case-blind search cost twice as much.
 * @throws UsageLineError naming the file, how many lines and one of them
 */
export async function refuseTrailingCommas(
  rows: (sql: string) => Promise<unknown[]>,
  file: string,
): Promise<void> {
  const path = `'${file.replaceAll("'", "''")}'`;
  const lines = `read_csv(${path}, columns = {'line': 'VARCHAR'}, delim = '\\x01', quote = '', escape = '', header = false, auto_detect = false)`;
  const [found] = (await rows(
    `SELECT COUNT(*) AS n, FIRST(line) AS first FROM ${lines} WHERE regexp_matches(line, '${MAYBE_TRAILING_COMMA}') AND regexp_matches(line, '${TRAILING_COMMA_OUTSIDE_STRINGS}')`,
  )) as { n: number | bigint; first: string | null }[];
  const count = Number(found?.n ?? 0);
  if (count > 0)
    throw new UsageLineError(
      `${file}: ${count} line(s) are not valid JSON (a comma before } or ], which DuckDB's reader accepts and ratecard's refuses), such as ${JSON.stringify(found?.first?.slice(0, 200) ?? "")}; fix them, or rate the file with --engine memory, which names each line`,
    );
}
