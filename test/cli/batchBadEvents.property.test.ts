import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseContract, rateInvoice } from "../../src/index.js";
import { egressContractJson } from "../_support/egressContract.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// The law of `batch --bad-events hold`: bad lines that name a customer never change another customer's
// invoice. Whatever bad lines are inserted wherever, every customer none of them names gets the bytes a
// batch over the good lines alone gives it; every billed customer one of them names gets no invoice.
// A batch's line for a customer is `rateInvoice` of its own events as one line of JSON (test/cli/
// batch.test.ts holds that for 70 customers, ids shared between them), so the bytes of the good lines
// alone are the library's, rated here in-process: one CLI process per run, the batch under test. A
// second process per run batched the clean file: 16 processes for the 8 runs, ~0.25 s of CPU each.

// Two minutes, where the fuzzing properties have one (fast-check stops at three quarters: 90 s): on a
// 2-core host at load 12 the property took 43.2 s of its 45 with 16 processes, and the 8 left are the
// batches under test, one a run.
const TIMEOUT_MS = 120_000;
let scratch = "";
let contracts = "";
const BILLED = ["cus_a", "cus_b", "cus_c", "cus_d"] as const;
const parsed = new Map(BILLED.map((customer) => [customer, parseContract(egressContractJson(customer))]));
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-bad-events-law-"));
  contracts = join(scratch, "contracts");
  mkdirSync(contracts);
  for (const customer of BILLED)
    writeFileSync(join(contracts, `${customer}.json`), JSON.stringify(egressContractJson(customer)));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Customers of the usage: the four billed and one no contract bills.
const customerArb = fc.constantFrom(...BILLED, "cus_zz");

const goodArb = fc.record({
  customer: customerArb,
  gb: fc.integer({ min: 0, max: 10_000 }).map((n) => (n / 100).toFixed(2)),
  day: fc.integer({ min: 1, max: 28 }),
  // ids repeat now and then, so the duplicate rule is part of what must not move
  id: fc.integer({ min: 0, max: 40 }),
});

// The ways a line with a readable customer can be refused: a date day first, no type, a nested
// property, a timestamp without its zone, a key written twice (not the customer).
const BAD_KINDS = [
  (customer: string) =>
    `{"id":"x","type":"egress","customer":"${customer}","timestamp":"10/02/2026","properties":{"gb":"1"}}`,
  (customer: string) =>
    `{"id":"x","customer":"${customer}","timestamp":"2026-02-10T00:00:00Z","properties":{}}`,
  (customer: string) =>
    `{"id":"x","type":"egress","customer":"${customer}","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":{"v":1}}}`,
  (customer: string) =>
    `{"id":"x","type":"egress","customer":"${customer}","timestamp":"2026-02-10T00:00:00","properties":{"gb":"1"}}`,
  (customer: string) =>
    `{"id":"x","id":"y","type":"egress","customer":"${customer}","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"1"}}`,
] as const;
const badArb = fc.record({
  customer: customerArb,
  kind: fc.integer({ min: 0, max: BAD_KINDS.length - 1 }),
  // where it goes: before the good line of this index (taken modulo their number)
  at: fc.nat(),
});

const goodEvent = ({ customer, gb, day, id }: { customer: string; gb: string; day: number; id: number }) => ({
  id: `e${id}`,
  type: "egress",
  customer,
  timestamp: `2026-02-${String(day).padStart(2, "0")}T00:00:00Z`,
  properties: { gb },
});

/** The line a batch over these good events alone prints for the customer (test/cli/batch.test.ts). */
const cleanLine = (customer: (typeof BILLED)[number], events: ReadonlyArray<ReturnType<typeof goodEvent>>) =>
  JSON.stringify(
    rateInvoice(
      parsed.get(customer)!,
      events.filter((event) => event.customer === customer),
      "2026-02",
    ),
  );

const invoiceLines = (stdout: string) =>
  new Map(
    stdout
      .split("\n")
      .filter((text) => text !== "")
      .map((text) => [(JSON.parse(text) as { customer: { id: string } }).customer.id, text] as const),
  );

describe("ratecard batch --bad-events hold (law)", () => {
  it("bad lines for some customers never change another customer's invoice bytes", {
    timeout: fuzzTimeout(TIMEOUT_MS),
  }, () => {
    let run = 0;
    fc.assert(
      fc.property(
        fc.array(goodArb, { maxLength: 12 }),
        fc.array(badArb, { minLength: 1, maxLength: 4 }),
        // either engine holds the same invoices: DuckDB aggregates the customers not held
        fc.constantFrom("memory", "duckdb"),
        (good, bad, engine) => {
          run += 1;
          const goodEvents = good.map(goodEvent);
          const goodLines = goodEvents.map((event) => JSON.stringify(event));
          const mixed = goodLines.map((text) => ({ text, customer: undefined as string | undefined }));
          // inserted from the last position back, so each `at` counts good lines only
          for (const { customer, kind, at } of [...bad].sort((x, y) => y.at - x.at))
            mixed.splice(at % (goodLines.length + 1), 0, { text: BAD_KINDS[kind]!(customer), customer });
          const dirty = join(scratch, `dirty-${run}.ndjson`);
          writeFileSync(dirty, mixed.map(({ text }) => `${text}\n`).join(""));
          const args = ["--contracts", contracts, "--period", "2026-02", "--workers", "1"];
          const quarantine = join(scratch, `bad-${run}.ndjson`);
          const held = runCli(
            "batch",
            ...args,
            "--usage",
            dirty,
            "--bad-events",
            "hold",
            "--quarantine",
            quarantine,
            "--summary",
            join(scratch, `summary-${run}.json`),
            "--engine",
            engine,
          );
          expect(held.code, held.stderr).toBe(4);
          const named = new Set(bad.map((b) => b.customer));
          const after = invoiceLines(held.stdout);
          for (const customer of BILLED) {
            if (named.has(customer)) expect(after.has(customer), customer).toBe(false);
            else expect(after.get(customer), customer).toBe(cleanLine(customer, goodEvents));
          }
          // every bad line is in the quarantine file, in file order, with its line number and customer
          const setAside = readFileSync(quarantine, "utf8")
            .split("\n")
            .filter((text) => text !== "")
            .map((text) => JSON.parse(text) as { line: number; customer: string; input: string });
          const badLines = mixed.flatMap(({ text, customer }, index) =>
            customer === undefined ? [] : [{ line: index + 1, customer, input: text }],
          );
          expect(setAside.map(({ line, customer, input }) => ({ line, customer, input }))).toEqual(badLines);
          // every line is accounted for once: a good event of a billed customer (issued or held), of a
          // customer without a contract, or a bad event; the held customers' good events are theirs
          const summary = JSON.parse(readFileSync(join(scratch, `summary-${run}.json`), "utf8")) as {
            eventsRead: number;
            unknownCustomers: { events: number };
            badEvents: { events: number; allEventsRead: number; eventsOfHeldCustomers: number };
          };
          const billed = new Set<string>(BILLED);
          const heldOnes = new Set<string>(named);
          const goodOf = (keep: (customer: string) => boolean) =>
            good.filter(({ customer }) => keep(customer)).length;
          expect(summary.badEvents.allEventsRead).toBe(goodOf((customer) => billed.has(customer)));
          expect(summary.badEvents.eventsOfHeldCustomers).toBe(
            goodOf((customer) => billed.has(customer) && heldOnes.has(customer)),
          );
          expect(summary.badEvents.allEventsRead).toBe(
            summary.eventsRead + summary.badEvents.eventsOfHeldCustomers,
          );
          expect(
            summary.badEvents.allEventsRead + summary.unknownCustomers.events + summary.badEvents.events,
          ).toBe(mixed.length);
        },
      ),
      fuzzParameters(8, TIMEOUT_MS),
    );
  });
});
