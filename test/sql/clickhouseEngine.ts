import { spawnSync } from "node:child_process";
import { quote, type TestEngine, valuesOf } from "./engines.js";

// chdb (ClickHouse embedded) crashes when a worker thread that loaded it exits, so each query runs in
// a node process of its own: the SQL on its standard input, the rows as JSONEachRow on its output.
const RUNNER = `import { query } from "chdb";
let sql = "";
for await (const chunk of process.stdin) sql += chunk;
process.stdout.write(query(sql, "JSONEachRow"));`;

function runChdb(sql: string): unknown[] {
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", RUNNER], {
    input: sql,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`chdb failed (${child.status ?? child.signal}): ${child.stderr}`);
  return child.stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}

let rows = "";

/** ClickHouse embedded (chdb); the loaded events travel with each query as a VALUES table. */
export async function clickhouseEngine(): Promise<TestEngine> {
  return {
    dialect: "clickhouse",
    async load(events) {
      rows = events.length === 0 ? "" : valuesOf(events, quote);
    },
    async run(sql) {
      return runChdb(sql);
    },
    async close() {},
  };
}

/** The FROM item ClickHouse reads the loaded events from. */
export function clickhouseFrom(): string {
  return rows === ""
    ? "(SELECT '' AS id, '' AS type, '' AS customer, '' AS timestamp, '{}' AS properties WHERE 0)"
    : `values('id String, type String, customer String, timestamp String, properties String', ${rows})`;
}
