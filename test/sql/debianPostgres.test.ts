import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { debianPostgresEngine } from "./debianPostgresEngine.js";
import { expectEquivalentOn } from "./equivalenceProperty.js";
import { sqlContractArb, sqlEventsArb } from "./sqlArbitraries.js";
import { describeSqlEngine } from "./sqlCases.js";

// The compiled PostgreSQL query on Debian's own server (PostgreSQL 15 on Debian 12, still supported
// upstream until November 2027), where postgres.test.ts runs it on PGlite (PostgreSQL 18): the query
// called pg_input_is_valid, which PostgreSQL 16 added, and failed on 15 before any row was read. Each
// describe block starts its own throwaway cluster (about a second) and removes it after; a server that
// cannot start fails the file, it never skips.

describeSqlEngine(debianPostgresEngine, () => "events");

describe("Debian's PostgreSQL server against the in-memory engine", () => {
  let engine: Awaited<ReturnType<typeof debianPostgresEngine>>;
  let started = false;
  beforeAll(async () => {
    engine = await debianPostgresEngine();
    started = true;
  }, 60_000);
  // Only a server that started is stopped: one that did not has failed the file already, in words.
  afterAll(async () => {
    if (started) await engine.close();
  });

  it("is a PostgreSQL before 16, without pg_input_is_valid (else this file no longer tests what it is for)", async () => {
    // server_version_num: 150018 for 15.18.
    const version = await engine.version();
    expect(version).toBeGreaterThanOrEqual(140000);
    expect(version).toBeLessThan(160000);
    await expect(engine.run("SELECT pg_input_is_valid('1', 'numeric') AS v")).rejects.toThrow(
      /function pg_input_is_valid\(unknown, unknown\) does not exist/,
    );
  });

  // The SQL equivalence property (equivalenceProperty.ts), a few cases: random contracts and events give
  // the in-memory engine's aggregates exactly and the same invoice byte for byte.
  it("gives the in-memory engine's aggregates and invoices for random contracts and events", async () => {
    await fc.assert(
      fc.asyncProperty(sqlContractArb, sqlEventsArb, fc.boolean(), (contract, events, daily) =>
        expectEquivalentOn([engine], contract, events, daily),
      ),
      { numRuns: fuzzRuns(4), interruptAfterTimeLimit: 100_000, markInterruptAsFailure: true },
    );
  }, 120_000);
});
