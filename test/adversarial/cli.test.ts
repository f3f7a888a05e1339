import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContractJson } from "../_support/contract.js";

// The command line: what a careless or hostile user really types. Every case must end in a
// clean refusal (exit 2, one line on stderr naming what is wrong, no stack, nothing on stdout) or in
// exactly the right amount. The CLI is run as built (test/_setup/buildDist.ts builds it when stale).
const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");
const FIXTURE = join(ROOT, "fixtures", "cdn-basic");
const CONTRACT = join(FIXTURE, "contract.json");
const USAGE = join(FIXTURE, "usage.ndjson");
const INVOICE = join(FIXTURE, "expected.json");

function ratecard(args: ReadonlyArray<string>) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let scratch = "";
const file = (name: string, content: string | Buffer) => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};
const BOM = "\uFEFF";

// A contract with a weighted_sum meter (for --carry) and a promotional grant from the term start
// (for --balances): storage at 0.02 a GB-month, a 100.00 welcome credit.
const storageContract = () =>
  file(
    "storage-contract.json",
    JSON.stringify(
      buildContractJson({
        id: "ctr_storage",
        meters: [{ id: "storage", eventType: "storage", aggregation: "weighted_sum", valueProperty: "gb" }],
        charges: [
          {
            id: "storage",
            name: "Storage",
            meter: "storage",
            price: {
              model: "graduated",
              tiers: [{ upTo: "1000", unitPrice: "0.02" }, { unitPrice: "0.01" }],
            },
          },
        ],
        credits: [{ id: "welcome", name: "Welcome credit", kind: "promotional", amount: "100" }],
      }),
    ),
  );
// 400 GB from the start of February all month (no carried level): 400 GB-month × 0.02 = 8.00
const storageUsage = () =>
  file(
    "storage.ndjson",
    `${JSON.stringify({ id: "s1", type: "storage", customer: "cus", timestamp: "2026-02-01T00:00:00Z", properties: { gb: "400" } })}\n`,
  );
const storageInvoice = (...extra: string[]) => [
  "invoice",
  "--contract",
  storageContract(),
  "--usage",
  storageUsage(),
  "--period",
  "2026-02",
  ...extra,
];

// credit-note against the cdn-basic invoice with the given corrections file (and further flags).
const creditNote = (corrections: string, ...extra: string[]) => [
  "credit-note",
  "--contract",
  CONTRACT,
  "--invoice",
  INVOICE,
  "--corrections",
  corrections,
  ...extra,
];

const UNIT = '{"model":"unit","unitPrice":"2"}';
const PERCENT = '{"model":"percentage","percent":"2.9","fixedFee":"0.30"}';
const FLAT = '{"model":"flat","amount":"5"}';
const GRADUATED = '{"model":"graduated","tiers":[{"upTo":"100","unitPrice":"1"},{"unitPrice":"0.5"}]}';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npm run build` before the CLI tests");
  scratch = mkdtempSync(join(tmpdir(), "ratecard-adversarial-cli-"));
  mkdirSync(join(scratch, "a-folder.json"));
});

interface Refusal {
  readonly args: () => ReadonlyArray<string>;
  /** Words the one-line message must contain: the flag, the file, the field or the value at fault. */
  readonly says: ReadonlyArray<string>;
}

const refusals: ReadonlyArray<[string, Refusal]> = [
  // 1. quote: quantities that are not numbers are refused, never priced as 0.00
  [
    "quote --quantity abc",
    { args: () => ["quote", "--price", UNIT, "--quantity", "abc"], says: ["--quantity", '"abc"'] },
  ],
  [
    "quote --quantity ''",
    { args: () => ["quote", "--price", UNIT, "--quantity", ""], says: ["--quantity is empty"] },
  ],
  [
    "quote --quantity 1,000",
    { args: () => ["quote", "--price", UNIT, "--quantity", "1,000"], says: ['"1,000"'] },
  ],
  ["quote --quantity NaN", { args: () => ["quote", "--price", UNIT, "--quantity", "NaN"], says: ['"NaN"'] }],
  [
    "quote --quantity Infinity",
    { args: () => ["quote", "--price", UNIT, "--quantity", "Infinity"], says: ['"Infinity"'] },
  ],
  [
    "quote --quantity 1e400",
    { args: () => ["quote", "--price", UNIT, "--quantity", "1e400"], says: ['"1e400"'] },
  ],
  [
    "quote --quantity '1 000'",
    { args: () => ["quote", "--price", UNIT, "--quantity", "1 000"], says: ['"1 000"'] },
  ],
  // the bound is named (docs/decisions/numeric-bounds.md: a quantity is below 10^15, 9 decimals at most)
  [
    "quote --quantity of 40 digits",
    {
      args: () => ["quote", "--price", UNIT, "--quantity", "1234567890123456789012345678901234567890"],
      says: ['--quantity is "1234567890123456789012345678901234567890"', "less than 10^15 in size"],
    },
  ],
  [
    "quote --quantity 0.0000000001 (10 decimals)",
    {
      args: () => ["quote", "--price", UNIT, "--quantity", "0.0000000001"],
      says: ['--quantity is "0.0000000001"', "at most 9 decimals"],
    },
  ],
  [
    "quote --quantity -1 on a graduated price (no usage to check)",
    {
      args: () => ["quote", "--price", GRADUATED, "--quantity", "-1"],
      says: ['--quantity is "-1"', "cannot rate a negative quantity"],
    },
  ],
  ["quote without --quantity", { args: () => ["quote", "--price", UNIT], says: ["--quantity"] }],
  [
    "quote --values 100,,5",
    { args: () => ["quote", "--price", PERCENT, "--values", "100,,5"], says: ["--values item 2 is empty"] },
  ],
  [
    "quote --values 100,abc",
    { args: () => ["quote", "--price", PERCENT, "--values", "100,abc"], says: ["--values item 2", '"abc"'] },
  ],
  [
    "quote --values ''",
    { args: () => ["quote", "--price", PERCENT, "--values", ""], says: ["--values item 1 is empty"] },
  ],
  [
    "quote --quantity with --values",
    { args: () => ["quote", "--price", UNIT, "--quantity", "3", "--values", "4,5"], says: ["not both"] },
  ],
  [
    "quote a flat fee with a quantity",
    { args: () => ["quote", "--price", FLAT, "--quantity", "3"], says: ["--quantity"] },
  ],
  [
    "quote --quantity twice",
    {
      args: () => ["quote", "--price", UNIT, "--quantity", "1", "--quantity", "2"],
      says: ["--quantity is given more than once"],
    },
  ],
  [
    "quote a price given as a JSON list",
    { args: () => ["quote", "--price", "[1,2]", "--quantity", "1"], says: ["price must be", "not a list"] },
  ],
  [
    "quote in a currency that does not exist",
    { args: () => ["quote", "--price", UNIT, "--quantity", "1", "--currency", "XYZ"], says: ['"XYZ"'] },
  ],
  [
    "invoice --opening with --daily (ignored before)",
    { args: () => ["invoice", "--contract", CONTRACT, "--opening", "--daily"], says: ["--daily"] },
  ],
  // A key written twice: JSON.parse keeps the last copy silently (0.05 would bill as 5, a hundred times)
  [
    "quote a price that writes unitPrice twice",
    {
      args: () => [
        "quote",
        "--price",
        '{"model":"unit","unitPrice":"0.05","unitPrice":"5"}',
        "--quantity",
        "10",
      ],
      says: ["--price", 'the key "unitPrice" is written twice'],
    },
  ],
  [
    "invoice with a contract that writes a tier's unitPrice twice",
    {
      args: () => [
        "invoice",
        "--contract",
        file(
          "twice.json",
          readFileSync(CONTRACT, "utf8").replace(
            '"unitPrice": "0.08"',
            '"unitPrice": "0.08", "unitPrice": "0.01"',
          ),
        ),
        "--usage",
        USAGE,
        "--period",
        "2026-02",
      ],
      says: ["--contract", "twice.json", 'the key "unitPrice" is written twice'],
    },
  ],
  // 3. every file flag: missing, a folder, not JSON, under a file
  [
    "quote --price a folder",
    {
      args: () => ["quote", "--price", join(scratch, "a-folder.json"), "--quantity", "1"],
      says: ["--price", "a-folder.json", "folder"],
    },
  ],
  [
    "quote --price a missing file",
    {
      args: () => ["quote", "--price", join(scratch, "nope.json"), "--quantity", "1"],
      says: ["--price", "nope.json", "no such file"],
    },
  ],
  [
    "quote --price half a JSON object",
    { args: () => ["quote", "--price", '{"model":', "--quantity", "1"], says: ["--price", "not valid JSON"] },
  ],
  [
    "invoice --contract a missing file",
    {
      args: () => [
        "invoice",
        "--contract",
        join(scratch, "nope.json"),
        "--usage",
        USAGE,
        "--period",
        "2026-02",
      ],
      says: ["--contract", "nope.json", "no such file"],
    },
  ],
  [
    "invoice --contract a folder",
    {
      args: () => [
        "invoice",
        "--contract",
        join(scratch, "a-folder.json"),
        "--usage",
        USAGE,
        "--period",
        "2026-02",
      ],
      says: ["--contract", "a-folder.json", "folder"],
    },
  ],
  [
    "invoice --contract an empty file",
    {
      args: () => ["invoice", "--contract", file("empty.json", ""), "--usage", USAGE, "--period", "2026-02"],
      says: ["--contract", "empty.json", "is empty: it holds no JSON"],
    },
  ],
  [
    "invoice --contract under a file",
    {
      args: () => [
        "invoice",
        "--contract",
        join(CONTRACT, "x.json"),
        "--usage",
        USAGE,
        "--period",
        "2026-02",
      ],
      says: ["--contract", "a part of the path is a file"],
    },
  ],
  [
    "invoice --contract twice",
    {
      args: () => [
        "invoice",
        "--contract",
        CONTRACT,
        "--contract",
        CONTRACT,
        "--usage",
        USAGE,
        "--period",
        "2026-02",
      ],
      says: ["--contract is given more than once"],
    },
  ],
  [
    "invoice --carry a folder",
    {
      args: () => storageInvoice("--carry", join(scratch, "a-folder.json")),
      says: ["--carry", "a-folder.json", "folder"],
    },
  ],
  [
    "invoice --carry not JSON",
    {
      args: () => storageInvoice("--carry", file("carry.txt", "level=40")),
      says: ["--carry", "carry.txt", "not valid JSON"],
    },
  ],
  [
    "invoice --carry a negative level",
    {
      args: () => storageInvoice("--carry", file("neg.json", '{"storage":{"level":"-40"}}')),
      says: ["--carry", "neg.json", "storage.level is -40"],
    },
  ],
  [
    "invoice --carry a level that is not a number",
    {
      args: () => storageInvoice("--carry", file("abc.json", '{"storage":{"level":"forty"}}')),
      says: ["--carry", "abc.json", "storage.level", '"forty"'],
    },
  ],
  [
    "invoice --balances a missing file",
    {
      args: () => storageInvoice("--balances", join(scratch, "nope.json")),
      says: ["--balances", "nope.json", "no such file"],
    },
  ],
  // 2. balances that do not fit the contract
  [
    "invoice --balances naming a grant the contract lacks",
    {
      args: () => storageInvoice("--balances", file("typo.json", '{"welcom":"40.00"}')),
      says: ['"welcom"', '"welcome"'],
    },
  ],
  [
    "invoice --balances from another contract's invoice",
    {
      args: () => storageInvoice("--balances", INVOICE),
      says: ["--balances", "ctr_northwind_cdn", "ctr_storage"],
    },
  ],
  [
    "invoice --balances given the contract by mistake",
    {
      args: () => storageInvoice("--balances", storageContract()),
      says: ["--balances", "is a contract (", "not a ratecard invoice"],
    },
  ],
  [
    "invoice without --balances for a grant from January",
    { args: () => storageInvoice(), says: ['"welcome"', "2026-01-01", "--credits-start-full"] },
  ],
  // 6. zod wording and crashes
  [
    "validate a tier bound that is not a number",
    {
      args: () => [
        "validate",
        file("tier.json", readFileSync(CONTRACT, "utf8").replace('"upTo": "10000"', '"upTo": "10k"')),
      ],
      says: ["upTo", '"10k"'],
    },
  ],
  [
    "validate a folder",
    { args: () => ["validate", join(scratch, "a-folder.json")], says: ["a-folder.json", "folder"] },
  ],
  // 3. credit-note files
  [
    "credit-note --invoice a folder",
    {
      args: () => [
        "credit-note",
        "--contract",
        CONTRACT,
        "--invoice",
        join(scratch, "a-folder.json"),
        "--corrections",
        file("c.json", "[]"),
      ],
      says: ["--invoice", "a-folder.json", "folder"],
    },
  ],
  [
    "credit-note --corrections not JSON",
    {
      args: () => creditNote(file("c.csv", "line,amount")),
      says: ["--corrections", "c.csv", "not valid JSON"],
    },
  ],
  [
    "credit-note --corrections an object, not a list",
    {
      args: () => creditNote(file("c1.json", '{"kind":"invoice"}')),
      says: ["--corrections", "c1.json", "must be a list"],
    },
  ],
  [
    "credit-note --previous a missing file",
    {
      args: () => creditNote(file("c2.json", "[]"), "--previous", join(scratch, "nope.json")),
      says: ["--previous", "nope.json", "no such file"],
    },
  ],
  // 5. control characters in what is echoed back
  [
    "a period with a terminal escape and a newline",
    {
      args: () => [
        "invoice",
        "--contract",
        CONTRACT,
        "--usage",
        USAGE,
        "--period",
        "2026-02\n\u001b[31mTotal $0.00",
      ],
      says: ["\\n\\u001b[31mTotal $0.00"],
    },
  ],
  [
    "an unknown command with a right-to-left override",
    { args: () => ["inv\u202eoice"], says: ["inv\\u202eoice"] },
  ],
];

describe("adversarial command lines: refused cleanly (exit 2, one line naming the fault)", () => {
  it.each(refusals)("%s", (_, refusal) => {
    const result = ratecard(refusal.args());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).not.toContain("internal error");
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack
    // the message is one line per problem: a value with a newline cannot split it
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.length === 1 || result.stderr.includes("problem")).toBe(true);
    for (const words of refusal.says) expect(result.stderr).toContain(words);
  });
});

describe("adversarial inputs that must give exactly the right amount", () => {
  it("reads a --price file with a byte order mark: 5 × 2.00 = 10.00", () => {
    const result = ratecard(["quote", "--price", file("price.json", `${BOM}${UNIT}`), "--quantity", "5"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Line total $10.00.");
  });

  it("reads --values with spaces after the commas: 2.9% of 120 = 3.48, + 2 × 0.30 = 4.08", () => {
    const result = ratecard(["quote", "--price", PERCENT, "--values", "100, 20"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Line total $4.08.");
  });

  it("reads a contract with a byte order mark: the cdn-basic total 7,663.78", () => {
    const contract = file("bom-contract.json", `${BOM}${readFileSync(CONTRACT, "utf8")}`);
    const result = ratecard(["invoice", "--contract", contract, "--usage", USAGE, "--period", "2026-02"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Total $7,663.78.");
  });

  it("reads corrections with a byte order mark: 11,400 GB off bandwidth_na credits 456.00", () => {
    // 61,400 GB billed 3,656.00; 50,000 GB re-rated = 800 + 2,400 = 3,200.00; credit 456.00
    const corrections = file(
      "bom-corrections.json",
      `${BOM}${JSON.stringify([{ kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "double-counted logs" }])}`,
    );
    const result = ratecard(creditNote(corrections));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Total credited 456.00 USD.");
  });

  it("starts the January grant full only when told: 400 GB-month × 0.02 = 8.00, all paid by the credit", () => {
    const result = ratecard(storageInvoice("--credits-start-full", "--format", "json"));
    expect(result.code).toBe(0);
    const invoice = JSON.parse(result.stdout);
    expect(invoice.subtotal).toBe("8.00");
    expect(invoice.credits[0]).toMatchObject({ id: "welcome", applied: "-8.00", balanceAfter: "92.00" });
  });

  it("ends quietly when the reader closes the pipe (ratecard schema | head -c 10)", () => {
    const result = spawnSync(
      "bash",
      ["-c", `"${process.execPath}" "${CLI}" schema | head -c 10; exit "\${PIPESTATUS[0]}"`],
      {
        encoding: "utf8",
      },
    );
    expect(result.stdout).toBe('{\n  "$sche');
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("prints a forged charge name escaped, so the only Total line is the real one", () => {
    const contract = JSON.parse(readFileSync(CONTRACT, "utf8"));
    contract.customer.name = "Northwind\nTotal $0.00";
    contract.charges[0].name = "Platform fee\r\nTotal $0.00\u001b[8m";
    const result = ratecard([
      "invoice",
      "--contract",
      file("forged.json", JSON.stringify(contract)),
      "--usage",
      USAGE,
      "--period",
      "2026-02",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").filter((line) => line.startsWith("Total"))).toEqual([
      "Total $7,663.78.",
    ]);
    expect(result.stdout).toContain("Platform fee\\r\\nTotal $0.00\\u001b[8m: Flat fee $500.00.");
  });
});
