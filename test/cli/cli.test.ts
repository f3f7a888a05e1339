import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContractJson, flatCharge } from "../_support/contract.js";
import { Q1_COMMITMENT } from "../_support/cumulativeCommitment.js";

// These tests run the built CLI exactly as a user would (test/_setup/buildDist.ts builds it when stale).
const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");
const FIXTURE = join(ROOT, "fixtures", "cdn-basic");

function ratecard(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let scratch = "";
function scratchFile(name: string, content: string): string {
  const file = join(scratch, name);
  writeFileSync(file, content);
  return file;
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npm run build` before the CLI tests");
  scratch = mkdtempSync(join(tmpdir(), "ratecard-cli-"));
});

describe("ratecard invoice", () => {
  it("prints the cdn-basic invoice as JSON identical to expected.json", () => {
    const result = ratecard(
      "invoice",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--usage",
      join(FIXTURE, "usage.ndjson"),
      "--period",
      "2026-02",
      "--format",
      "json",
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(FIXTURE, "expected.json"), "utf8"));
  });

  it("explains the invoice in words by default", () => {
    const result = ratecard(
      "invoice",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--usage",
      join(FIXTURE, "usage.ndjson"),
      "--period",
      "2026-02",
    );
    expect(result.code).toBe(0);
    // NA bandwidth: 10,000 × 0.08 + 40,000 × 0.06 + 11,400 × 0.04 = 3,656.00
    expect(result.stdout).toContain(
      "First 10,000 GB at $0.0800 = $800.00; next 40,000 GB at $0.0600 = $2,400.00; remaining 11,400 GB at $0.0400 = $456.00. Line total $3,656.00.",
    );
    expect(result.stdout).toContain("Total $7,663.78.");
  });

  it("reads CSV and JSON usage files to the same invoice", () => {
    const header = "id,type,customer,timestamp,region,gb\n";
    const rows = [
      "a,cdn.bandwidth,cus_northwind,2026-02-10T00:00:00Z,na,100.5",
      'b,cdn.bandwidth,cus_northwind,2026-02-11T00:00:00Z,"na",0.5',
    ];
    const csv = scratchFile("usage.csv", `${header}${rows.join("\n")}\n`);
    const json = scratchFile(
      "usage.json",
      JSON.stringify([
        {
          id: "a",
          type: "cdn.bandwidth",
          customer: "cus_northwind",
          timestamp: "2026-02-10T00:00:00Z",
          properties: { region: "na", gb: "100.5" },
        },
        {
          id: "b",
          type: "cdn.bandwidth",
          customer: "cus_northwind",
          timestamp: "2026-02-11T00:00:00Z",
          properties: { region: "na", gb: "0.5" },
        },
      ]),
    );
    const fromCsv = ratecard(
      "invoice",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--usage",
      csv,
      "--period",
      "2026-02",
      "--format",
      "json",
    );
    const fromJson = ratecard(
      "invoice",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--usage",
      json,
      "--period",
      "2026-02",
      "--format",
      "json",
    );
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.stdout).toBe(fromJson.stdout);
    // 101 GB × 0.08 = 8.08, plus the 500 platform fee = 508.08
    expect(JSON.parse(fromCsv.stdout).total).toBe("508.08");
  });

  it("deduplicates across the two streamed passes, ids with escapes and other key orders included", () => {
    const line = (id: string, gb: string, order: "id-first" | "id-last") => {
      const body = {
        type: "cdn.bandwidth",
        customer: "cus_northwind",
        timestamp: "2026-02-10T00:00:00Z",
        properties: { region: "na", gb },
      };
      return JSON.stringify(order === "id-first" ? { id, ...body } : { ...body, id });
    };
    const usage = scratchFile(
      "dups.ndjson",
      [
        line('q"1', "10", "id-first"),
        line('q"1', "10", "id-last"), // same event again, keys in another order: a duplicate
        line("plain", "5", "id-first"),
        line("plain", "5", "id-first"), // exact duplicate
        line("late", "1", "id-last"),
      ].join("\n"),
    );
    const result = ratecard(
      "invoice",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--usage",
      usage,
      "--period",
      "2026-02",
      "--format",
      "json",
    );
    expect(result.code).toBe(0);
    const invoice = JSON.parse(result.stdout);
    // counted once each: 10 + 5 + 1 = 16 GB; 2 duplicates reported
    expect(invoice.usage.eventsRead).toBe(5);
    expect(invoice.usage.eventsCounted).toBe(3);
    expect(invoice.usage.meters[0].quantity).toBe("16");
    expect(invoice.usage.excluded).toEqual([
      { reason: "duplicate_id", events: 2, sampleIds: ["plain", 'q"1'] },
    ]);
  });

  it("adds daily quantities with --daily: one per local day of February, summing to the meter", () => {
    const result = ratecard(
      "invoice",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--usage",
      join(FIXTURE, "usage.ndjson"),
      "--period",
      "2026-02",
      "--daily",
      "--format",
      "json",
    );
    expect(result.code).toBe(0);
    const meter = JSON.parse(result.stdout).usage.meters[0];
    // February 2026 has 28 local days; the days add up to the meter's 61,400 GB
    expect(meter.daily).toHaveLength(28);
    expect(meter.daily[0].date).toBe("2026-02-01");
    const total = meter.daily.reduce(
      (sum: number, day: { quantity: string }) => sum + Number(day.quantity) * 1000,
      0,
    );
    expect(Math.round(total)).toBe(61_400_000);
  });

  // The February invoice of cdn-basic with a carried state written to a file and given as --carry.
  const februaryCarrying = (file: string, carried: object) =>
    ratecard(
      "invoice",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--usage",
      join(FIXTURE, "usage.ndjson"),
      "--period",
      "2026-02",
      "--carry",
      scratchFile(file, JSON.stringify(carried)),
    );

  it("refuses a malformed --carry file with exit 2 and its path", () => {
    const result = februaryCarrying("carry.json", { requests: { total: "n/a" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("requests.total");
  });

  it("refuses a --carry state for a meter that carries nothing with exit 2, naming the --carry file", () => {
    // cdn-basic's requests meter is a plain sum: it carries nothing between periods. The sentence names
    // the meter, which is also its path in a file of carried states alone (test/cli/carryFiles.test.ts
    // has the invoice's usage.carryOut path).
    const result = februaryCarrying("carry-plain-sum.json", { requests: { total: "5" } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `ratecard: --carry ${join(scratch, "carry-plain-sum.json")}: The carried state names meter "requests", which carries nothing between periods (only persistent and weighted_sum meters do).\n`,
    );
  });

  it("accepts a range of local dates as the period", () => {
    const result = ratecard(
      "invoice",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--usage",
      join(FIXTURE, "usage.ndjson"),
      "--period",
      "2026-02-01/2026-03-01",
      "--format",
      "json",
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).period.label).toBe("2026-02-01/2026-03-01");
  });

  it("exits 2 with one clear line and no stack for a malformed event", () => {
    const usage = scratchFile(
      "bad.ndjson",
      '{"id":"a","type":"cdn.bandwidth","customer":"cus_northwind","timestamp":"yesterday"}\n',
    );
    const result = ratecard(
      "invoice",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--usage",
      usage,
      "--period",
      "2026-02",
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^ratecard: .*bad\.ndjson line 1: timestamp "yesterday" is not an ISO 8601 timestamp/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 for a period it does not understand", () => {
    const result = ratecard(
      "invoice",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--usage",
      join(FIXTURE, "usage.ndjson"),
      "--period",
      "Feb",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Period "Feb" is not understood');
  });

  it("exits 2 when a flag is missing or unknown", () => {
    expect(ratecard("invoice", "--contract", join(FIXTURE, "contract.json")).code).toBe(2);
    expect(ratecard("invoice", "--bogus").code).toBe(2);
    expect(ratecard("frobnicate").code).toBe(2);
  });

  it("exits 2 for a usage file that does not exist", () => {
    const result = ratecard(
      "invoice",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--usage",
      join(scratch, "nope.csv"),
      "--period",
      "2026-02",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope\.csv: no such file/);
  });

  it("exits 2 for a file that does not exist", () => {
    const result = ratecard(
      "invoice",
      "--contract",
      join(scratch, "nope.json"),
      "--usage",
      join(FIXTURE, "usage.ndjson"),
      "--period",
      "2026-02",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no such file");
  });
});

describe("ratecard validate", () => {
  it("accepts the cdn-basic contract", () => {
    const result = ratecard("validate", join(FIXTURE, "contract.json"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("contract ctr_northwind_cdn is valid (5 charges, 4 meters");
  });

  it("lists every problem with its JSON path and exits 2", () => {
    const contract = JSON.parse(readFileSync(join(FIXTURE, "contract.json"), "utf8"));
    contract.charges[1].price.tiers[1].upTo = "5000";
    contract.charges[0].pirce = {};
    const file = scratchFile("broken.json", JSON.stringify(contract));
    const result = ratecard("validate", file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("charges[0].pirce");
    expect(result.stderr).toContain("charges[1].price.tiers[1].upTo must be greater than 10000");
  });

  it("exits 2 for a file that is not JSON", () => {
    const result = ratecard("validate", scratchFile("notjson.json", "{ nope"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not valid JSON/);
  });
});

describe("ratecard quote", () => {
  const tiers = JSON.stringify({
    model: "graduated",
    tiers: [
      { upTo: "10000", unitPrice: "0.08" },
      { upTo: "50000", unitPrice: "0.06" },
      { unitPrice: "0.04" },
    ],
  });

  it("rates one price for a quantity and explains it", () => {
    const result = ratecard("quote", "--price", tiers, "--quantity", "61400");
    expect(result.code).toBe(0);
    // 10,000 × 0.08 + 40,000 × 0.06 + 11,400 × 0.04 = 800 + 2,400 + 456 = 3,656
    expect(result.stdout).toContain("Line total $3,656.00.");
  });

  it("writes amounts with the currency's symbol, as invoices do", () => {
    const price = JSON.stringify({ model: "unit", unitPrice: "0.5" });
    const result = ratecard("quote", "--price", price, "--quantity", "3", "--currency", "EUR");
    // 3 × 0.50 = 1.50
    expect(result.stdout).toContain("Line total €1.50.");
  });

  it("refuses a --currency that is not an ISO 4217 code by the flag, once, without pointing at a contract field", () => {
    const price = JSON.stringify({ model: "unit", unitPrice: "0.5" });
    for (const currency of ["usd", "XYZ", ""]) {
      const result = ratecard("quote", "--price", price, "--quantity", "3", "--currency", currency);
      expect([currency, result.code, result.stdout]).toEqual([currency, 2, ""]);
      expect(result.stderr).toBe(
        `ratecard: --currency is ${JSON.stringify(currency)}, which is not an ISO 4217 currency code: write one in capitals, such as USD, EUR or JPY (a contract's own unit, such as credits, is quoted by rating the contract with ratecard invoice).\n`,
      );
    }
  });

  it("rates a per-transaction percentage from a list of values, as JSON", () => {
    const price = JSON.stringify({ model: "percentage", percent: "2.9", fixedFee: "0.30" });
    const result = ratecard("quote", "--price", price, "--values", "100,20,5", "--format", "json");
    expect(result.code).toBe(0);
    // 2.9% × 125 = 3.625; 3 × 0.30 = 0.90; 4.525 → half-even 4.52
    expect(JSON.parse(result.stdout).amount).toBe("4.52");
  });

  it("reads the price from a file and rounds in the given currency", () => {
    const file = scratchFile("price.json", JSON.stringify({ model: "unit", unitPrice: "0.35" }));
    const result = ratecard(
      "quote",
      "--price",
      file,
      "--quantity",
      "5",
      "--currency",
      "JPY",
      "--format",
      "json",
    );
    // 5 × ¥0.35 = ¥1.75 → ¥2 (JPY has no minor unit)
    expect(JSON.parse(result.stdout).amount).toBe("2");
  });

  it("names the path of a bad price inside it and exits 2", () => {
    const bad = JSON.stringify({
      model: "graduated",
      tiers: [{ upTo: "10", unitPrice: "1" }, { upTo: "5", unitPrice: "1" }, { unitPrice: "1" }],
    });
    const result = ratecard("quote", "--price", bad, "--quantity", "1");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("price.tiers[1].upTo must be greater than 10");
  });
});

describe("ratecard invoice --balances", () => {
  it("continues a credit grant from the previous invoice", () => {
    const contract = JSON.parse(readFileSync(join(FIXTURE, "contract.json"), "utf8"));
    contract.credits = [{ id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "8000" }];
    const file = scratchFile("wallet-contract.json", JSON.stringify(contract));
    const run = (...extra: string[]) =>
      ratecard(
        "invoice",
        "--contract",
        file,
        "--usage",
        join(FIXTURE, "usage.ndjson"),
        "--period",
        "2026-02",
        "--format",
        "json",
        ...extra,
      );
    // The wallet started with the term, before February: without a balance it is refused, not refilled
    const forgotten = run();
    expect(forgotten.code).toBe(2);
    expect(forgotten.stderr).toContain('"wallet"');
    const first = run("--credits-start-full");
    // February totals 7,663.78; the 8,000 wallet pays it all, 336.22 left
    expect(JSON.parse(first.stdout).credits[0]).toMatchObject({
      applied: "-7663.78",
      balanceAfter: "336.22",
    });
    // February's own invoice is not the one before February: refused, not read as its opening balance
    const previous = scratchFile("previous-invoice.json", first.stdout);
    const same = run("--balances", previous);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain(
      "is the invoice for 2026-02-01T05:00:00.000Z to 2026-03-01T05:00:00.000Z, but this invoice starts 2026-02-01T05:00:00.000Z",
    );
    // the balance it left, given as such: rated again from 336.22: 7,663.78 − 336.22 = 7,327.56 due
    const second = run("--balances", scratchFile("balances.json", JSON.stringify({ wallet: "336.22" })));
    expect(JSON.parse(second.stdout).amountDue).toBe("7327.56");
    // the contract given by mistake is refused, not read as "every grant starts full"
    const wrong = run("--balances", file);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("is a contract (");
    expect(wrong.stderr).toContain("), not a ratecard invoice: give the invoice rated from it");
  });
});

describe("ratecard invoice --commitment-spend", () => {
  it("carries a cumulative commitment's spend from the previous invoice, and refuses to guess it", () => {
    // 1,200.00 owed over January–March 2026 at 1.00 a unit (docs/commitment-periods.md)
    const contract = scratchFile(
      "quarter-contract.json",
      JSON.stringify(buildContractJson({ id: "ctr_quarter", commitments: [Q1_COMMITMENT] })),
    );
    const usage = scratchFile(
      "quarter-usage.ndjson",
      ["01", "02", "03"]
        .map((month, at) =>
          JSON.stringify({
            id: `u${month}`,
            type: "e",
            customer: "cus",
            timestamp: `2026-${month}-02T00:00:00Z`,
            properties: { v: ["300", "500", "250"][at] },
          }),
        )
        .join("\n"),
    );
    const run = (period: string, ...extra: string[]) =>
      ratecard("invoice", "--contract", contract, "--usage", usage, "--period", period, ...extra);
    const january = run("2026-01", "--format", "json");
    expect(january.stderr).toBe("");
    const januaryFile = scratchFile("january.json", january.stdout);
    // February without January's spend: refused (exit 2), naming the commitment and the flag
    const forgotten = run("2026-02", "--format", "json");
    expect(forgotten.code).toBe(2);
    expect(forgotten.stderr).toContain('Commitment "q1" counts spend from 2026-01-01');
    expect(forgotten.stderr).toContain("--commitment-spend");
    const february = run("2026-02", "--format", "json", "--commitment-spend", januaryFile);
    expect(JSON.parse(february.stdout).commitments[0].cumulative).toMatchObject({
      spendBefore: "300.00",
      spendAfter: "800.00",
    });
    // March from the spend written by hand: 800.00 before, 250.00 now; true-up 1,200 − 1,050 = 150.00
    const spend = scratchFile("spend.json", JSON.stringify({ q1: "800.00" }));
    const march = run("2026-03", "--commitment-spend", spend);
    expect(march.code).toBe(0);
    expect(march.stdout).toContain("so the shortfall of $150.00 is billed");
    // an invoice edited after it was issued is refused, not read
    const edited = scratchFile("edited.json", january.stdout.replace('"300.00"', '"1200.00"'));
    const refused = run("2026-02", "--commitment-spend", edited);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("was changed after ratecard issued it");
  });
});

describe("ratecard invoice --opening", () => {
  const contract = () =>
    scratchFile(
      "opening.json",
      JSON.stringify(
        buildContractJson({
          id: "ctr_open",
          term: { start: "2026-03-10" },
          meters: [],
          charges: [flatCharge("platform", "Platform", "310", { billed: "in_advance" })],
        }),
      ),
    );

  it("bills the first period's fees in advance without usage", () => {
    const result = ratecard("invoice", "--contract", contract(), "--opening", "--format", "json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const invoice = JSON.parse(result.stdout);
    // 10 March → 1 April: 22 of 31 days; 310 × 22 ÷ 31 = 220.00
    expect(invoice.kind).toBe("opening");
    expect(invoice.total).toBe("220.00");
  });

  it("refuses usage with --opening (exit 2)", () => {
    const result = ratecard("invoice", "--contract", contract(), "--opening", "--usage", "x.ndjson");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "--opening bills the first period's fees in advance only; leave out --usage",
    );
  });
});

describe("ratecard credit-note --format", () => {
  it("refuses a format it does not print (exit 2)", () => {
    const result = ratecard(
      "credit-note",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--invoice",
      join(FIXTURE, "expected.json"),
      "--corrections",
      "unused.json",
      "--format",
      "html",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format must be text or json, not "html"');
  });
});

describe("ratecard credit-note", () => {
  it("re-rates a line without the units taken off and credits the difference", () => {
    const corrections = scratchFile(
      "corrections.json",
      JSON.stringify([
        { kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "double-counted logs" },
      ]),
    );
    const result = ratecard(
      "credit-note",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--invoice",
      join(FIXTURE, "expected.json"),
      "--corrections",
      corrections,
      "--format",
      "json",
    );
    expect(result.code).toBe(0);
    // 61,400 → 50,000 GB: 800 + 2,400 = 3,200.00 kept; 3,656.00 − 3,200.00 = 456.00 credited
    expect(JSON.parse(result.stdout).total).toBe("456.00");
  });

  it("exits 2 when the invoice file is not an invoice", () => {
    const corrections = scratchFile("c2.json", JSON.stringify([{ kind: "invoice", reason: "x" }]));
    const result = ratecard(
      "credit-note",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--invoice",
      join(FIXTURE, "contract.json"),
      "--corrections",
      corrections,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("), not a ratecard invoice: give the invoice rated from it");
  });
});

describe("ratecard schema", () => {
  it("prints the contract's JSON Schema", () => {
    const result = ratecard("schema");
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["schemaVersion", "currency", "charges", "meters"]),
    );
  });
});
