import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { assertCliBuilt } from "../_support/runCli.js";

// The conventions of issue 11, run on the built CLI as a user would: --help, unknown options, exit
// codes per command, --format json per command, `-` for stdin, --usage-format, a broken pipe.
// (Colour and progress on a terminal: terminalOutput.test.ts.)
const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");
const FIXTURE = join(ROOT, "fixtures", "cdn-basic");
const CONTRACT = join(FIXTURE, "contract.json");
const USAGE = join(FIXTURE, "usage.ndjson");
const INVOICE = join(FIXTURE, "expected.json");
// cdn-basic's total, worked out in fixtures/cdn-basic/README.md: 7,663.78
const TOTAL = "7663.78";

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI with `input` on stdin (none: an empty stdin), without CI or NO_COLOR from the caller. */
function ratecard(args: ReadonlyArray<string>, input = ""): Promise<Run> {
  const env = { ...process.env };
  delete env.CI;
  delete env.NO_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.on("error", () => {}); // a command that does not read stdin may exit before it is written
    child.stdin.end(input);
  });
}

let scratch = "";
const file = (name: string, content: string) => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};
const invoiceArgs = (usage: string, ...extra: string[]) => [
  "invoice",
  "--contract",
  CONTRACT,
  "--usage",
  usage,
  "--period",
  "2026-02",
  "--format",
  "json",
  ...extra,
];
const expectedInvoice = () => readFileSync(INVOICE, "utf8");

// A corrections file for credit-note: 11,400 GB off bandwidth_na (61,400 → 50,000 GB re-rated at
// 800 + 2,400 = 3,200.00 of the 3,656.00 billed: 456.00 credited).
const corrections = () =>
  file(
    "corrections.json",
    JSON.stringify([
      { kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "double-counted logs" },
    ]),
  );
// A graduated price: 10,000 × 0.08 + 40,000 × 0.06 + 11,400 × 0.04 = 800 + 2,400 + 456 = 3,656.00
const PRICE = JSON.stringify({
  model: "graduated",
  tiers: [{ upTo: "10000", unitPrice: "0.08" }, { upTo: "50000", unitPrice: "0.06" }, { unitPrice: "0.04" }],
});
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-conventions-"));
});

describe.concurrent("--help", () => {
  it.each(COMMANDS.map((command) => command.name))(
    "ratecard %s --help: usage, options, an example, exit 0",
    async (name) => {
      const result = await ratecard([name, "--help"]);
      expect(result).toMatchObject({ code: 0, stderr: "" });
      expect(result.stdout).toMatch(new RegExp(`^Usage: ratecard ${name} `));
      expect(result.stdout).toContain("--format <");
      expect(result.stdout).toContain(`Examples:\n  $ ratecard ${name} `);
      // `ratecard help NAME` says the same
      expect((await ratecard(["help", name])).stdout).toBe(result.stdout);
    },
  );

  it("ratecard --help lists every command, exit 0", async () => {
    const result = await ratecard(["--help"]);
    expect(result.code).toBe(0);
    for (const { name } of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
  });
});

describe.concurrent("a wrong command line: one line on stderr, nothing on stdout, exit 2", () => {
  it.each(COMMANDS.map((command) => command.name))("ratecard %s --bogus", async (name) => {
    const result = await ratecard([name, "--bogus"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `ratecard: unknown option '--bogus'; run ratecard ${name} --help\n`,
    });
  });

  it("an unknown command, with the nearest one suggested", async () => {
    expect(await ratecard(["invoce"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "ratecard: unknown command 'invoce' (Did you mean invoice?); run ratecard --help\n",
    });
  });

  it("a flag without its value", async () => {
    const result = await ratecard(["invoice", "--contract"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "ratecard: option '--contract <FILE>' argument missing; run ratecard invoice --help\n",
    );
  });
});

// Exit codes, command by command: 0 done, 2 wrong input, 3 differences found (docs/cli.md, "Exit codes").
const exitCases: ReadonlyArray<readonly [string, number, () => string[]]> = [
  ["invoice rates cdn-basic", 0, () => invoiceArgs(USAGE)],
  [
    "invoice with a 13th month",
    2,
    () => ["invoice", "--contract", CONTRACT, "--usage", USAGE, "--period", "2026-13"],
  ],
  ["validate a valid contract", 0, () => ["validate", CONTRACT]],
  ["validate a contract without charges", 2, () => ["validate", file("bad.json", '{"id":"x"}')]],
  ["schema", 0, () => ["schema"]],
  ["schema --format text", 2, () => ["schema", "--format", "text"]],
  ["quote a price", 0, () => ["quote", "--price", PRICE, "--quantity", "61400"]],
  ["quote a quantity that is not a number", 2, () => ["quote", "--price", PRICE, "--quantity", "lots"]],
  [
    "credit-note",
    0,
    () => ["credit-note", "--contract", CONTRACT, "--invoice", INVOICE, "--corrections", corrections()],
  ],
  ["credit-note without corrections", 2, () => ["credit-note", "--contract", CONTRACT, "--invoice", INVOICE]],
  ["check a passing fixture", 0, () => ["check", FIXTURE]],
  ["check a folder without fixtures", 2, () => ["check", scratch]],
  ["diff an invoice with itself", 0, () => ["diff", INVOICE, INVOICE]],
  [
    "diff two different invoices",
    3,
    () => ["diff", join(ROOT, "fixtures", "cdn-commitment", "expected.json"), INVOICE],
  ],
  ["diff a contract", 2, () => ["diff", INVOICE, CONTRACT]],
  ["reconcile an invoice with itself", 0, () => ["reconcile", "--issued", INVOICE, "--recomputed", INVOICE]],
  [
    "reconcile a Stripe invoice that differs",
    3,
    () => [
      "reconcile",
      "--issued",
      join(ROOT, "test/compare/data/cdn-basic.stripe.json"),
      "--recomputed",
      INVOICE,
    ],
  ],
  ["reconcile without --issued", 2, () => ["reconcile", "--recomputed", INVOICE]],
];

describe.concurrent("exit codes, per command", () => {
  it.each(exitCases)("%s → exit %i", async (_, code, args) => {
    const result = await ratecard(args());
    expect(result.code, result.stderr).toBe(code);
    // exit 2 says why on stderr (validate lists the contract's problems there), without a stack
    if (code === 2) expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    else expect(result.stderr).toBe("");
    if (code === 2) expect(result.stderr).not.toBe("");
  });
});

describe.concurrent("--format json, per command, parsed", () => {
  it("invoice: the invoice document", async () => {
    const result = await ratecard(invoiceArgs(USAGE));
    expect(JSON.parse(result.stdout)).toMatchObject({ contractId: "ctr_northwind_cdn", total: TOTAL });
  });

  it("validate: valid, with the contract's counts (5 charges and 4 meters in cdn-basic's contract.json)", async () => {
    const result = await ratecard(["validate", CONTRACT, "--format", "json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      file: CONTRACT,
      valid: true,
      contract: {
        id: "ctr_northwind_cdn",
        charges: 5,
        meters: 4,
        currency: "USD",
        timeZone: "America/New_York",
      },
    });
  });

  it("validate: not valid, every problem with its code and JSON path, exit 2, stderr empty", async () => {
    const contract = JSON.parse(readFileSync(CONTRACT, "utf8"));
    const bad = file("bad-currency.json", JSON.stringify({ ...contract, id: 7, currency: 840 }));
    const result = await ratecard(["validate", bad, "--format", "json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("");
    const document = JSON.parse(result.stdout);
    expect(document.valid).toBe(false);
    expect(document.problems.map((problem: { path: string }) => problem.path).sort()).toEqual([
      "currency",
      "id",
    ]);
  });

  it("schema: a JSON Schema", async () => {
    const result = await ratecard(["schema", "--format", "json"]);
    expect(JSON.parse(result.stdout)).toHaveProperty("$schema");
  });

  it("quote: the line, 3,656.00", async () => {
    const result = await ratecard(["quote", "--price", PRICE, "--quantity", "61400", "--format", "json"]);
    expect(JSON.parse(result.stdout).amount).toBe("3656.00");
  });

  it("credit-note: the credit note, 456.00", async () => {
    const args = [
      "credit-note",
      "--contract",
      CONTRACT,
      "--invoice",
      INVOICE,
      "--corrections",
      corrections(),
    ];
    const result = await ratecard([...args, "--format", "json"]);
    expect(JSON.parse(result.stdout).total).toBe("456.00");
  });

  it("check: the counts and each fixture, without the recomputed invoice text", async () => {
    const result = await ratecard(["check", FIXTURE, "--format", "json"]);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ passed: 1, failed: 0, errors: 0 });
    // what the pass compared: expected.json, and expected-figures.json's five lines (platform_fee,
    // bandwidth_na, _eu, _apac, requests), subtotal, tax and total
    const compared =
      "2026-02-01/2026-03-01: expected.json byte for byte; expected-figures.json: 5 lines, subtotal, tax and total";
    expect(document.fixtures).toEqual([
      { name: FIXTURE, status: "pass", differences: [], lines: [], compared },
    ]);
  });

  it("diff: no change between an invoice and itself", async () => {
    const result = await ratecard(["diff", INVOICE, INVOICE, "--format", "json"]);
    expect(JSON.parse(result.stdout)).toMatchObject({ change: "0.00", attributions: [] });
  });

  it("reconcile: no discrepancy between an invoice and itself", async () => {
    const result = await ratecard([
      "reconcile",
      "--issued",
      INVOICE,
      "--recomputed",
      INVOICE,
      "--format",
      "json",
    ]);
    expect(JSON.parse(result.stdout).discrepancies).toEqual([]);
  });
});

describe.concurrent("- reads standard input", () => {
  it("--contract -: the same invoice, byte for byte", async () => {
    const args = ["invoice", "--contract", "-", "--usage", USAGE, "--period", "2026-02", "--format", "json"];
    const result = await ratecard(args, readFileSync(CONTRACT, "utf8"));
    expect(result).toEqual({ code: 0, stdout: expectedInvoice(), stderr: "" });
  });

  it("--usage - --usage-format ndjson: the same invoice, byte for byte", async () => {
    const result = await ratecard(invoiceArgs("-", "--usage-format", "ndjson"), readFileSync(USAGE, "utf8"));
    expect(result).toEqual({ code: 0, stdout: expectedInvoice(), stderr: "" });
  });

  it("--usage - --usage-format csv and json: 101 GB × 0.08 = 8.08 plus the 500.00 platform fee = 508.08", async () => {
    const csv =
      "id,type,customer,timestamp,region,gb\na,cdn.bandwidth,cus_northwind,2026-02-10T00:00:00Z,na,100.5\nb,cdn.bandwidth,cus_northwind,2026-02-11T00:00:00Z,na,0.5\n";
    const fromCsv = await ratecard(invoiceArgs("-", "--usage-format", "csv"), csv);
    expect(JSON.parse(fromCsv.stdout).total).toBe("508.08");
    const events = csv
      .trim()
      .split("\n")
      .slice(1)
      .map((row) => row.split(","))
      .map(([id, type, customer, timestamp, region, gb]) => ({
        id,
        type,
        customer,
        timestamp,
        properties: { region, gb },
      }));
    const fromJson = await ratecard(invoiceArgs("-", "--usage-format", "json"), JSON.stringify(events));
    expect(fromJson.stdout).toBe(fromCsv.stdout);
  });

  it("--usage - without --usage-format is refused, saying what to add", async () => {
    const result = await ratecard(invoiceArgs("-"), readFileSync(USAGE, "utf8"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("add --usage-format ndjson, csv or json");
  });

  it("two flags cannot both read it", async () => {
    const args = [
      "invoice",
      "--contract",
      "-",
      "--usage",
      "-",
      "--usage-format",
      "ndjson",
      "--period",
      "2026-02",
    ];
    const result = await ratecard(args, readFileSync(CONTRACT, "utf8"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--usage - and --contract - both read standard input");
  });

  it("validate - and diff - AFTER", async () => {
    const valid = await ratecard(["validate", "-"], readFileSync(CONTRACT, "utf8"));
    expect(valid.stdout).toBe(
      "-: contract ctr_northwind_cdn is valid (5 charges, 4 meters, USD, America/New_York).\n",
    );
    const same = await ratecard(["diff", "-", INVOICE, "--format", "json"], expectedInvoice());
    expect(JSON.parse(same.stdout).change).toBe("0.00");
  });
});

describe.concurrent("--usage-format overrides the extension", () => {
  it("reads NDJSON from a .txt file, and CSV from a file named .ndjson", async () => {
    const txt = file("usage.txt", readFileSync(USAGE, "utf8"));
    expect((await ratecard(invoiceArgs(txt, "--usage-format", "ndjson"))).stdout).toBe(expectedInvoice());
    const csv = file(
      "really-csv.ndjson",
      "id,type,customer,timestamp,region,gb\na,cdn.bandwidth,cus_northwind,2026-02-10T00:00:00Z,na,101\n",
    );
    // 101 GB × 0.08 = 8.08, plus the 500.00 platform fee
    expect(JSON.parse((await ratecard(invoiceArgs(csv, "--usage-format", "csv"))).stdout).total).toBe(
      "508.08",
    );
  });

  it("refuses a format it does not read", async () => {
    const result = await ratecard(invoiceArgs(USAGE, "--usage-format", "xml"));
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toBe(
      'ratecard: --usage-format is "xml"; ratecard reads usage as ndjson, csv, json.\n',
    );
  });
});

describe("a broken pipe", () => {
  it("ends quietly with exit 0 when the reader stops after one line (ratecard schema | head -1)", () => {
    // The schema is some 400 KB, far more than a pipe holds: ratecard is still writing when head exits.
    const script = `set -o pipefail; ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} schema | head -1`;
    const result = spawnSync("bash", ["-c", `${script}; echo "exit \${PIPESTATUS[0]}"`], {
      encoding: "utf8",
    });
    expect(result.stdout).toBe("{\nexit 0\n");
    expect(result.stderr).toBe("");
  });
});
