import { describeEquivalenceShard } from "./equivalenceProperty.js";

// Shard 1 of the SQL equivalence property (equivalenceProperty.ts; shards 2 to 6 are
// equivalence2…6.property.test.ts): two random contracts and event streams on DuckDB, PostgreSQL and
// ClickHouse against the in-memory engine.
//
// Where a case's time goes (7 December 2026, the shared 2-core machine, FC_SEED=42, `performance.now()`
// around each step, then the seed's twelve ClickHouse queries alone in `node` with `process.cpuUsage()`):
// the engines start in 0.03 s (DuckDB), 5 s (PGlite, at a load of 2 to 9) and 0.05 s (chdb); a case
// spends 6–130 ms in memory, under 80 ms loading each engine and as long comparing, 0.1–0.8 s on
// DuckDB's query, 0.2–1.3 s on PostgreSQL's, and 14–67 s (wall) on ClickHouse's: 9.8 to 26.5 s of CPU a
// query, 210 s for the twelve, nearly all of it planning (`EXPLAIN QUERY TREE` alone: 7.6 of a query's
// 14.2 s). One query per case and engine, on one connection each, the table loaded in milliseconds:
// batching cases (planning costs add up) or reusing more saves nothing;
// the planning is the compiled SQL's (docs/sql-engines.md), and only a file of fewer cases, with its own
// limit, keeps a case's share of a loaded machine from failing the whole property.
//
// Before, one file of twelve (`FC_SEED=42 npx vitest run test/sql/equivalence.property.test.ts`, load
// 2 rising to 9): interrupted after 11 cases at its 450 s limit, 506 s wall; its afterAll then hit the
// 10 s hook limit waiting for chdb to finish planning (now closing kills it: clickhouseClose.test.ts).
// After, six files of two (`/usr/bin/time -v npx vitest run test/sql/equivalence`, load 12 to 17): all
// pass, 124–314 s a file against a limit of 900 s, 736 s wall for the six in vitest's two workers,
// 239.6 s user + 17.8 s system CPU (chdb included): the twelve cases' CPU as before, plus five more
// PGlite start-ups. `/usr/bin/time -v npx vitest run test/sql` (load 8 to 12): 16 files pass, the six
// 135–189 s each, 756 s wall, 324.7 s user + 20.1 s system CPU. FC_SEED pins all six files to the same
// seed, so they then repeat the same two cases: replay a failure in the file that printed it.
describeEquivalenceShard(1);
