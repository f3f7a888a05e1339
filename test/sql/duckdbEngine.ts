import { DuckDBInstance } from "@duckdb/node-api";
import { standard, type TestEngine, valuesOf } from "./engines.js";

/** DuckDB in memory (the optional dependency the CLI uses). */
export async function duckdbEngine(): Promise<TestEngine> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  return {
    dialect: "duckdb",
    async load(events) {
      await connection.run(
        "CREATE OR REPLACE TABLE events (id VARCHAR, type VARCHAR, customer VARCHAR, timestamp VARCHAR, properties JSON)",
      );
      if (events.length > 0) await connection.run(`INSERT INTO events VALUES ${valuesOf(events, standard)}`);
    },
    async run(sql) {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as unknown[];
    },
    async close() {
      connection.closeSync();
    },
  };
}
