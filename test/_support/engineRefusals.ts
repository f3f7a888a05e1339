import { expect } from "vitest";
import { runCli } from "./runCli.js";

// What `batch --bad-events stop` (the default) adds to the sentence of the event that stopped it.
const STOP_HINT = / The batch stopped there, nothing issued \(--bad-events stop, the default\); [^\n]*/;

/**
 * Runs `ratecard invoice` and `ratecard batch` over a usage file the two engines must both refuse, and
 * checks it: exit 2, nothing on stdout, `sentence` on stderr after the file's name, batch's stderr the
 * invoice's (with, for one event's refusal, what `--bad-events hold` would do), and DuckDB's sentences
 * the in-memory engine's, byte for byte.
 */
export function expectBothEnginesRefuse(
  contract: string,
  usage: string,
  sentence: string,
  flags: ReadonlyArray<string> = [],
): void {
  const results = ["memory", "duckdb"].map((engine) => {
    const invoice = runCli(
      ...["invoice", "--contract", contract, "--usage", usage, "--period", "2026-02"],
      ...["--format", "json", "--engine", engine, ...flags],
    );
    const batch = runCli(
      ...["batch", "--contracts", contract, "--usage", usage, "--period", "2026-02"],
      ...["--engine", engine, "--workers", "1", ...flags],
    );
    return [engine, invoice, batch] as const;
  });
  for (const [engine, invoice, batch] of results) {
    expect([engine, invoice.code, invoice.stdout, batch.code, batch.stdout]).toEqual([engine, 2, "", 2, ""]);
    expect(invoice.stderr).toContain(`${usage} ${sentence}`);
    expect(invoice.stderr).not.toMatch(/\n\s+at /);
    // batch's is invoice's sentence, with what --bad-events hold would do where the refusal is one event's
    expect(batch.stderr.replace(STOP_HINT, "")).toBe(invoice.stderr);
  }
  expect(results[1]![1].stderr).toBe(results[0]![1].stderr);
  expect(results[1]![2].stderr).toBe(results[0]![2].stderr);
}

/**
 * Runs `ratecard usage` (which reads the file through the same search) over a usage file both engines
 * must refuse, and checks it: exit 2 from both, DuckDB's stderr the in-memory engine's; returns that stderr.
 */
export function expectBothEnginesRefuseUsage(
  contract: string,
  usage: string,
  flags: ReadonlyArray<string> = [],
): string {
  const [memory, duckdb] = ["memory", "duckdb"].map((engine) =>
    runCli(
      ...["usage", "--contract", contract, "--usage", usage, "--period", "2026-02"],
      ...["--format", "json", "--engine", engine, ...flags],
    ),
  );
  expect([memory!.code, duckdb!.code, duckdb!.stderr]).toEqual([2, 2, memory!.stderr]);
  return memory!.stderr;
}

/** Runs `ratecard invoice` over a usage file with both engines and checks both bill `total`, the same invoice. */
export function expectBothEnginesBill(
  contract: string,
  usage: string,
  total: string,
  flags: ReadonlyArray<string> = [],
): void {
  const [memory, duckdb] = ["memory", "duckdb"].map((engine) =>
    runCli(
      ...["invoice", "--contract", contract, "--usage", usage, "--period", "2026-02"],
      ...["--format", "json", "--engine", engine, ...flags],
    ),
  );
  expect([memory!.code, (JSON.parse(memory!.stdout) as { total: string }).total]).toEqual([0, total]);
  expect([duckdb!.code, duckdb!.stdout]).toEqual([0, memory!.stdout]);
}
