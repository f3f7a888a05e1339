import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Invoice, UsageEvidence } from "../../src/index.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

const { file } = scratchFolder("ratecard-usage-carry-", assertCliBuilt);

const FIXTURE = [
  "--contract",
  "fixtures/cdn-basic/contract.json",
  "--usage",
  "fixtures/cdn-basic/usage.ndjson",
];
const expected = JSON.parse(readFileSync("fixtures/cdn-basic/expected.json", "utf8")) as Invoice;

beforeAll(assertCliBuilt);

describe("ratecard usage", () => {
  it("lists the events of each meter with totals equal to the issued invoice's quantities", () => {
    const result = runCli("usage", ...FIXTURE, "--period", "2026-02", "--format", "json", "--limit", "2");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const evidence = JSON.parse(result.stdout) as UsageEvidence;
    for (const meter of evidence.meters) {
      // In cdn-basic each meter is the charge of the same id: its line's quantity is the meter's total.
      const line = expected.lines.find((entry) => entry.chargeId === meter.meter);
      expect([meter.meter, meter.groups[0]?.quantity]).toEqual([meter.meter, line?.quantity]);
      expect(meter.groups[0]?.firstEvents).toHaveLength(2);
    }
    // The same exclusions as the invoice's usage report (counts), with the first ids.
    expect(evidence.excluded.map(({ reason, events }) => ({ reason, events }))).toEqual(
      expected.usage.excluded.map(({ reason, events }) => ({ reason, events })),
    );
  });

  it("prints days, first events, exclusions and repeated ids in words", () => {
    const result = runCli(
      "usage",
      ...FIXTURE,
      "--period",
      "2026-02",
      "--meter",
      "bandwidth_eu",
      "--limit",
      "1",
    );
    expect(result.code).toBe(0);
    // 31,415.926 GB is the fixture's Europe line (fixtures/cdn-basic/README.md).
    expect(result.stdout).toContain("all events: 700 events, 31,415.926 GB (the quantity rated)");
    expect(result.stdout).toMatch(/^ {4}2026-02-01 +\d+ events/m);
    expect(result.stdout).toContain("Repeated ids: 10 (6 counted once, 4 not counted");
  });

  it("says usage the contract has no price for was measured, not billed, not that it was rated", () => {
    // golden-rich's egress matrix prices eu and us only (onUnpriced "warn"): event g4, 10 GB in apac on
    // 11 March, is counted by the meter but billed on no line; the invoice warns "has no price and was not
    // billed". eu (800 + 700 = 1,500 GB) is its line's quantity, as before.
    const result = runCli(
      ...[
        "usage",
        "--contract",
        "fixtures/golden-rich/contract.json",
        "--usage",
        "fixtures/golden-rich/usage.ndjson",
      ],
      ...["--period", "2026-03", "--meter", "egress"],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'region="apac": 1 event, 10 GB measured, not billed: the contract has no price for it (the invoice warns unpriced_usage)',
    );
    expect(result.stdout).not.toContain("10 GB (the quantity rated)");
    expect(result.stdout).toContain('region="eu": 2 events, 1,500 GB (the quantity rated)');
  });

  it("exits 2 with a sentence on options it cannot follow", () => {
    const cases: [string[], string][] = [
      [["--meter", "nope"], '--meter: The contract has no meter "nope"'],
      [["--by", "week"], "--by must be day or hour"],
      [["--limit", "many"], "--limit must be a whole number"],
      [["--limit=-3"], "--limit must be a whole number"],
      [["--from", "last tuesday"], "--from must be a local date"],
      [["--group", "pop=iad"], "--group: No charge splits a line by pop"],
      [["--from", "2026-02-10", "--to", "2026-02-01"], "--to: from 2026-02-10 is not before to 2026-02-01"],
      [["--where", "region"], "--where takes name=value"],
    ];
    for (const [flags, message] of cases) {
      const result = runCli("usage", ...FIXTURE, "--period", "2026-02", ...flags);
      expect([flags, result.code]).toEqual([flags, 2]);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toContain("    at ");
    }
  });

  it("continues from the previous invoice with --carry, as ratecard invoice does", () => {
    // Storage, a time-weighted level billed monthly from January: 40 GB from 1 January, 100 GB from
    // 15 February. February with January's invoice as --carry: (40 × 14 + 100 × 14) / 28 = 70 GB-month,
    // what the invoice rates; without it the level opens at 0: 100 × 14 / 28 = 50, with a sentence.
    const contract = file(
      "storage.json",
      JSON.stringify({
        schemaVersion: 1,
        id: "ctr_store",
        customer: { id: "cus_a" },
        currency: "USD",
        timeZone: "UTC",
        billing: { cadence: "monthly" },
        term: { start: "2026-01-01" },
        meters: [
          {
            id: "storage",
            eventType: "level",
            aggregation: "weighted_sum",
            valueProperty: "gb",
            unit: "GB-month",
          },
        ],
        charges: [
          { id: "storage", name: "Storage", meter: "storage", price: { model: "unit", unitPrice: "0.10" } },
        ],
      }),
    );
    const level = (id: string, timestamp: string, gb: string) =>
      JSON.stringify({ id, type: "level", customer: "cus_a", timestamp, properties: { gb } });
    const january = file("january.ndjson", `${level("l1", "2026-01-01T00:00:00Z", "40")}\n`);
    const february = file("february.ndjson", `${level("l2", "2026-02-15T00:00:00Z", "100")}\n`);
    const issued = runCli(
      "invoice",
      "--contract",
      contract,
      "--usage",
      january,
      "--period",
      "2026-01",
      "--format",
      "json",
    );
    const previous = file("january.json", issued.stdout);
    const evidence = (...flags: string[]) =>
      runCli("usage", "--contract", contract, "--usage", february, "--period", "2026-02", ...flags);
    const carried = evidence("--carry", previous);
    expect([carried.code, carried.stderr]).toEqual([0, ""]);
    expect(carried.stdout).toContain("  opened the period at level 40, carried from the previous period\n");
    expect(carried.stdout).toContain("the rated quantity is 70 GB-month");
    const invoice = runCli(
      "invoice",
      "--contract",
      contract,
      "--usage",
      february,
      "--period",
      "2026-02",
      "--carry",
      previous,
      "--format",
      "json",
    );
    expect((JSON.parse(invoice.stdout) as Invoice).lines[0]?.quantity).toBe("70");
    const without = evidence();
    expect(without.stdout).toContain("the rated quantity is 50 GB-month");
    expect(without.stdout).toContain("opened the period from zero");
    // A carried state of another contract is refused as ratecard invoice refuses it.
    const other = file("other.json", issued.stdout.replace('"ctr_store"', '"ctr_other"'));
    const refused = evidence("--carry", other);
    expect([refused.code, refused.stderr.includes("    at ")]).toEqual([2, false]);
    expect(refused.stderr).toContain("--carry");
  });
});
