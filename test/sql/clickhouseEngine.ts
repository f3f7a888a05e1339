import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { quote, type TestEngine, valuesOf } from "./engines.js";

// chdb (ClickHouse embedded) crashes when a worker thread that loaded it exits, so the queries run in
// a node process of its own, started once per engine (starting node and loading chdb took 0.3–0.5 s,
// once per query before): each query goes in as one JSON line on its standard input, and its rows
// come back as one JSON line, JSONEachRow text or the error's message.
const RUNNER = `import { query } from "chdb";
import { createInterface } from "node:readline";
for await (const line of createInterface({ input: process.stdin })) {
  let answer;
  try {
    answer = { rows: query(JSON.parse(line), "JSONEachRow") };
  } catch (error) {
    answer = { error: String(error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\\n");
}`;

interface Answer {
  readonly rows?: string;
  readonly error?: string;
}

/** One chdb process answering queries in turn: each answer is the next line of its output. */
function startChdb() {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [
    "--input-type=module",
    "-e",
    RUNNER,
  ]);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const waiting: Array<{ resolve: (answer: Answer) => void; reject: (error: Error) => void }> = [];
  createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.resolve(JSON.parse(line)));
  child.on("exit", (code, signal) => {
    for (const query of waiting.splice(0))
      query.reject(new Error(`chdb failed (${code ?? signal}): ${stderr}`));
  });
  return {
    async run(sql: string): Promise<unknown[]> {
      const answer = await new Promise<Answer>((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${JSON.stringify(sql)}\n`);
      });
      if (answer.error !== undefined) throw new Error(`chdb failed: ${answer.error}`);
      return (answer.rows ?? "")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as unknown);
    },
    async close(): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      // A query still planning (its test timed out) would hold the process, and this hook, for as long
      // as its planning takes, past vitest's 10 s hook limit (session 36): stop it instead of waiting.
      if (waiting.length > 0) child.kill("SIGKILL");
      else child.stdin.end();
      await exited;
    },
  };
}

let rows = "";

/** ClickHouse embedded (chdb); the loaded events travel with each query as a VALUES table. */
export async function clickhouseEngine(): Promise<TestEngine> {
  const chdb = startChdb();
  return {
    dialect: "clickhouse",
    async load(events) {
      rows = events.length === 0 ? "" : valuesOf(events, quote);
    },
    run: (sql) => chdb.run(sql),
    close: () => chdb.close(),
  };
}

/** The FROM item ClickHouse reads the loaded events from. */
export function clickhouseFrom(): string {
  return rows === ""
    ? "(SELECT '' AS id, '' AS type, '' AS customer, '' AS timestamp, '{}' AS properties WHERE 0)"
    : `values('id String, type String, customer String, timestamp String, properties String', ${rows})`;
}
