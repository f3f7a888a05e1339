// `ratecard batch` of a customer base on one plan, --engine duckdb against --engine memory --workers 1 on
// the same files, side by side (batchDuckdbVsMemory, batchDuckdbVsMemoryUserCpu): `customers` copies of
// fixtures/cdn-basic/contract.json, each its own contract and customer, and `perCustomer` events each,
// taken in turn from cdn-basic's usage with ids of their own. DuckDB aggregates a plan's customers with
// one query (docs/sql-engines.md, "`ratecard batch` and `ratecard usage` on DuckDB"); until 7 December
// 2026 it ran one per contract and took 9–11× the CPU. Files are generated once into bench/out/.
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fastestOf, timed } from "./duckdb.mjs";

const OUT = join(import.meta.dirname, "out");
const ROOT = join(import.meta.dirname, "..");
const ROUNDS = 2;

async function files(customers, perCustomer) {
  const contracts = join(OUT, `batch-contracts-${customers}.ndjson`);
  const usage = join(OUT, `batch-usage-${customers}-${perCustomer}.ndjson`);
  const contract = JSON.parse(readFileSync(join(ROOT, "fixtures/cdn-basic/contract.json"), "utf8"));
  if (!existsSync(contracts))
    writeFileSync(
      contracts,
      `${Array.from({ length: customers }, (_, c) =>
        JSON.stringify({ ...contract, id: `ctr_${c}`, customer: { ...contract.customer, id: `cus_${c}` } }),
      ).join("\n")}\n`,
    );
  if (!existsSync(usage)) {
    const events = readFileSync(join(ROOT, "fixtures/cdn-basic/usage.ndjson"), "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line))
      .filter((event) => event.customer === "cus_northwind");
    const stream = createWriteStream(usage);
    let n = 0;
    for (let i = 0; i < perCustomer; i += 1)
      for (let c = 0; c < customers; c += 1) {
        const event = events[(i * 7 + c) % events.length];
        const line = `${JSON.stringify({ ...event, id: `e${n}`, customer: `cus_${c}` })}\n`;
        n += 1;
        if (!stream.write(line)) await new Promise((resolve) => stream.once("drain", resolve));
      }
    await new Promise((resolve) => stream.end(resolve));
  }
  return { contracts, usage };
}

/** The two ratios (wall and user CPU, DuckDB's threads included) of the DuckDB batch over the in-memory one. */
export async function benchBatchEngines(customers, perCustomer) {
  try {
    await import("@duckdb/node-api");
  } catch {
    console.log("\n@duckdb/node-api is not installed: the batch engines' figures are skipped");
    return {};
  }
  mkdirSync(OUT, { recursive: true });
  const { contracts, usage } = await files(customers, perCustomer);
  const args = (engine) => [
    join(ROOT, "dist", "cli.js"),
    "batch",
    "--contracts",
    contracts,
    "--usage",
    usage,
    "--period",
    "2026-02",
    "--workers",
    "1",
    "--engine",
    engine,
    "--output",
    join(OUT, `batch-${engine}.ndjson`),
  ];
  const memoryRuns = [];
  const duckdbRuns = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    memoryRuns.push(timed(args("memory")));
    duckdbRuns.push(timed(args("duckdb")));
  }
  const same =
    readFileSync(join(OUT, "batch-memory.ndjson"), "utf8") ===
    readFileSync(join(OUT, "batch-duckdb.ndjson"), "utf8");
  if (!same) throw new Error("ratecard batch: --engine duckdb and --engine memory wrote different invoices");
  const memory = fastestOf(memoryRuns);
  const duckdb = fastestOf(duckdbRuns);
  const events = (customers * perCustomer).toLocaleString("en-US");
  console.log(
    `\nratecard batch, ${customers.toLocaleString("en-US")} customers on one plan, ${events} events, fastest of ${ROUNDS} alternating (load ${loadavg()[0].toFixed(1)}); the same invoices`,
  );
  console.log(
    `  --engine memory --workers 1  ${memory.seconds.toFixed(2)} s wall, ${memory.user.toFixed(2)} s user CPU`,
  );
  console.log(
    `  --engine duckdb              ${duckdb.seconds.toFixed(2)} s wall, ${duckdb.user.toFixed(2)} s user CPU`,
  );
  console.log(
    `  ratio duckdb / memory: ${(duckdb.seconds / memory.seconds).toFixed(3)}× wall, ${(duckdb.user / memory.user).toFixed(3)}× user CPU`,
  );
  return {
    batchDuckdbVsMemory: duckdb.seconds / memory.seconds,
    batchDuckdbVsMemoryUserCpu: duckdb.user / memory.user,
  };
}
