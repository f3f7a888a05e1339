import { createRequire as requireFrom } from "node:module";
import { UsageLineError } from "./cliSupport.js";

// The slice of @duckdb/node-api the engine uses (an optional dependency, loaded only when asked for).
export interface DuckdbConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): unknown[] }>;
  stream(sql: string): Promise<{ yieldRowObjectJs(): AsyncIterable<Record<string, unknown>[]> }>;
  interrupt(): void;
  closeSync(): void;
}
interface DuckdbModule {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckdbConnection> }> };
}

/** Whether @duckdb/node-api, an optional dependency, is installed and loads. */
export async function duckdbAvailable(): Promise<boolean> {
  return (await importDuckdb()) !== undefined;
}

async function importDuckdb(): Promise<DuckdbModule | undefined> {
  try {
    // A variable specifier: bundlers leave the optional dependency out of the build. require, not
    // import(): the package is CommonJS, and import() has Node scan each of its files for export names
    // first, which cost 0.07–0.09 s of CPU (0.16–0.19 s against 0.09–0.10 s to load it;
    // docs/scale-measurements.md).
    const name = "@duckdb/node-api";
    return requireFrom(import.meta.url)(name) as DuckdbModule;
  } catch {
    return undefined;
  }
}

/** @duckdb/node-api, loaded. @throws UsageLineError naming the package to install when it is not there */
export async function loadDuckdb(): Promise<DuckdbModule> {
  const duckdb = await importDuckdb();
  if (duckdb === undefined)
    throw new UsageLineError(
      "--engine duckdb needs the optional package @duckdb/node-api, which is not installed: run `npm install @duckdb/node-api` (or use --engine memory)",
    );
  return duckdb;
}
