import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { usageSource } from "../../src/cli/readUsage.js";
import { parseContract } from "../../src/contracts/index.js";
import { isRatecardError } from "../../src/errors/index.js";
import { rateInvoiceAsync } from "../../src/invoice/index.js";
import { buildContractJson, sumMeter, unitCharge } from "../_support/contract.js";

// Hostile usage files, each read as the CLI reads it (in process, to assert the
// error's code and path) and through the built CLI (exit 2 and a sentence without a stack, or exit 0
// and the exact total). One contract: cus_a pays $0.10 per GB of "bw" events, in UTC.
const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");

const CONTRACT = buildContractJson({
  id: "ctr_adv",
  customer: { id: "cus_a" },
  meters: [sumMeter("gb", { eventType: "bw", valueProperty: "gb", unit: "GB" })],
  charges: [unitCharge("bandwidth", "Bandwidth", "gb", "0.10")],
});

const BOM = "\uFEFF";
const json = (id: string, gb: string, extra = "") =>
  `{"id":"${id}","type":"bw","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"${gb}"${extra}}}`;
const other = (id: string, gb: string) =>
  `{"id":"${id}","type":"bw","customer":"cus_b","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"${gb}"}}`;
const HEADER = "id,type,customer,timestamp,gb\n";
const csvRow = (id: string, gb: string) => `${id},bw,cus_a,2026-02-10T00:00:00Z,${gb}\n`;

type Expected =
  | { readonly code: string; readonly path?: string }
  | { readonly total: string; readonly warnings?: number };

interface Case {
  readonly name: string;
  readonly file: string;
  /** The file's content; a function makes the path itself (a directory, a pipe, nothing). */
  readonly content: string | ((path: string) => void);
  readonly expected: Expected;
}

const CASES: ReadonlyArray<Case> = [
  // ── NDJSON: keys written twice ────────────────────────────────────────────────────────────────
  {
    name: "a second id key hiding the real id from the fast id pass",
    file: "two-ids.ndjson",
    content: `${json("d1", "5")}\n{"id":"x","id":"d1","type":"bw","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"5"}}\n`,
    expected: { code: "duplicate_key", path: "id" },
  },
  {
    name: "the same key with blanks before the colon",
    file: "spaced.ndjson",
    content: `{"id" : "a", "id" :"b","type":"bw","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z"}\n`,
    expected: { code: "duplicate_key", path: "id" },
  },
  {
    name: "a key spelled with a unicode escape (\\u0069d is id)",
    file: "escaped.ndjson",
    content: `{"id":"a","\\u0069d":"b","type":"bw","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z"}\n`,
    expected: { code: "duplicate_key", path: "id" },
  },
  {
    name: "a property value given twice (1 GB, then 1000)",
    file: "two-gb.ndjson",
    content: `${json("a", "1", ',"gb":"1000"')}\n`,
    expected: { code: "duplicate_key", path: "properties.gb" },
  },
  {
    name: "a customer given twice (ours, then another's)",
    file: "two-customers.ndjson",
    content: `{"id":"a","type":"bw","customer":"cus_a","customer":"cus_b","timestamp":"2026-02-10T00:00:00Z"}\n`,
    expected: { code: "duplicate_key", path: "customer" },
  },
  // ── NDJSON: prototype names ────────────────────────────────────────────────────────────────────
  {
    name: "a __proto__ object in the properties",
    file: "proto-object.ndjson",
    content: `${json("a", "1", ',"__proto__":{"gb":"1000"}')}\n`,
    expected: { code: "invalid_field", path: "properties.__proto__" },
  },
  {
    name: "a constructor object in the properties",
    file: "constructor.ndjson",
    content: `${json("a", "1", ',"constructor":{"name":"x"}')}\n`,
    expected: { code: "invalid_field", path: "properties.constructor" },
  },
  {
    name: "a prototype list in the properties",
    file: "prototype.ndjson",
    content: `${json("a", "1", ',"prototype":["x"]')}\n`,
    expected: { code: "invalid_field", path: "properties.prototype" },
  },
  {
    // 2 GB × $0.10 = $0.20: the flat __proto__ text is an ordinary property
    name: "a flat __proto__ text next to the value",
    file: "proto-text.ndjson",
    content: `${json("a", "2", ',"__proto__":"x"')}\n`,
    expected: { total: "0.20" },
  },
  {
    name: "a __proto__ key at the top of the event",
    file: "proto-top.ndjson",
    content: `{"__proto__":{"id":"x"},"id":"a","type":"bw","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z"}\n`,
    expected: { code: "unknown_field", path: "__proto__" },
  },
  // ── NDJSON: shape ──────────────────────────────────────────────────────────────────────────────
  {
    // (3 + 4) GB × $0.10 = $0.70
    name: "a byte order mark and CRLF line ends",
    file: "bom-crlf.ndjson",
    content: `${BOM}${json("a", "3")}\r\n${json("b", "4")}\r\n`,
    expected: { total: "0.70" },
  },
  {
    name: "a last line cut off mid-event",
    file: "truncated.ndjson",
    content: `${json("a", "3")}\n{"id":"b","type":"bw","custo`,
    expected: { code: "invalid_json", path: "" },
  },
  {
    name: "an array of events on one NDJSON line",
    file: "array-line.ndjson",
    content: `[${json("a", "3")}]\n`,
    expected: { code: "invalid_field", path: "" },
  },
  {
    name: "a nested object as a property value",
    file: "nested.ndjson",
    content: `${json("a", "1", ',"meta":{"gb":"9"}')}\n`,
    expected: { code: "invalid_field", path: "properties.meta" },
  },
  {
    name: "an empty id",
    file: "empty-id.ndjson",
    content: `${json("", "1")}\n`,
    expected: { code: "invalid_field", path: "id" },
  },
  {
    name: "a numeric id",
    file: "numeric-id.ndjson",
    content: `{"id":7,"type":"bw","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z"}\n`,
    expected: { code: "invalid_field", path: "id" },
  },
  // ── NDJSON: ids across customers ───────────────────────────────────────────────────────────────
  {
    // cus_a's a (10 GB) counts; cus_b's a is another customer's: 10 × $0.10 = $1.00, one warning
    name: "another customer's event reusing our id",
    file: "reused.ndjson",
    content: `${json("a", "10")}\n${other("a", "500")}\n`,
    expected: { total: "1.00", warnings: 1 },
  },
  {
    // a twice, identical: 10 GB once = $1.00; cus_b's copies change nothing
    name: "our event sent twice and another customer's twice with the same id",
    file: "reused-twice.ndjson",
    content: `${json("a", "10")}\n${other("a", "500")}\n${json("a", "10")}\n${other("a", "500")}\n`,
    expected: { total: "1.00", warnings: 1 },
  },
  // ── JSON arrays ────────────────────────────────────────────────────────────────────────────────
  {
    // (3 + 4) GB × $0.10 = $0.70
    name: "a JSON array with a byte order mark",
    file: "bom.json",
    content: `${BOM}[${json("a", "3")},${json("b", "4")}]`,
    expected: { total: "0.70" },
  },
  {
    name: "a JSON array whose event has two ids",
    file: "two-ids.json",
    content: `[${json("a", "3")},{"id":"x","id":"a","type":"bw","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z"}]`,
    expected: { code: "duplicate_key", path: "[1].id" },
  },
  {
    name: "a JSON object instead of an array",
    file: "object.json",
    content: json("a", "3"),
    expected: { code: "unreadable_usage" },
  },
  {
    name: "a JSON file cut off",
    file: "cut.json",
    content: `[${json("a", "3")},`,
    expected: { code: "invalid_json" },
  },
  // ── CSV ────────────────────────────────────────────────────────────────────────────────────────
  {
    name: "a CSV without its header row",
    file: "no-header.csv",
    content: csvRow("a", "3") + csvRow("b", "4"),
    expected: { code: "invalid_csv", path: "" },
  },
  {
    name: "a CSV header naming gb twice",
    file: "two-gb.csv",
    content: `id,type,customer,timestamp,gb,gb\na,bw,cus_a,2026-02-10T00:00:00Z,1,1000\n`,
    expected: { code: "duplicate_key", path: "gb" },
  },
  {
    name: "a CSV header naming id twice",
    file: "two-ids.csv",
    content: `id,id,type,customer,timestamp,gb\nx,a,bw,cus_a,2026-02-10T00:00:00Z,1\n`,
    expected: { code: "duplicate_key", path: "id" },
  },
  {
    name: "a CSV header without customer",
    file: "no-customer.csv",
    content: `id,type,timestamp,gb\na,bw,2026-02-10T00:00:00Z,1\n`,
    expected: { code: "invalid_csv", path: "customer" },
  },
  {
    name: "a CSV header in capitals (ID is not id)",
    file: "capitals.csv",
    content: `ID,TYPE,CUSTOMER,TIMESTAMP,gb\na,bw,cus_a,2026-02-10T00:00:00Z,1\n`,
    expected: { code: "invalid_csv", path: "" },
  },
  {
    name: "a CSV header ending in a comma",
    file: "trailing-comma.csv",
    content: `id,type,customer,timestamp,gb,\na,bw,cus_a,2026-02-10T00:00:00Z,1,\n`,
    expected: { code: "invalid_csv" },
  },
  {
    name: "a CSV row with a cell missing",
    file: "short.csv",
    content: `${HEADER}${csvRow("a", "3")}b,bw,cus_a,2026-02-10T00:00:00Z\n`,
    expected: { code: "invalid_csv" },
  },
  {
    name: "a CSV row with an unquoted decimal comma (1,5)",
    file: "long.csv",
    content: `${HEADER}${csvRow("a", "1,5")}`,
    expected: { code: "invalid_csv" },
  },
  {
    name: "a CSV cell whose quote is never closed",
    file: "unclosed.csv",
    content: `${HEADER}a,bw,cus_a,"2026-02-10T00:00:00Z,3\n${csvRow("b", "4")}`,
    expected: { code: "invalid_csv" },
  },
  {
    name: "a CSV cell with text after its closing quote",
    file: "after-quote.csv",
    content: `${HEADER}"a"x,bw,cus_a,2026-02-10T00:00:00Z,3\n`,
    expected: { code: "invalid_csv" },
  },
  {
    // (3 + 4) GB × $0.10 = $0.70
    name: "a CSV with a byte order mark, CRLF line ends and blank lines",
    file: "bom-crlf.csv",
    content: `${BOM}${HEADER.replace("\n", "\r\n")}\r\n${csvRow("a", "3").replace("\n", "\r\n")}\r\n${csvRow("b", "4").replace("\n", "\r\n")}`,
    expected: { total: "0.70" },
  },
  {
    // a's note spans two lines; a (3) + b (4) = 7 GB × $0.10 = $0.70
    name: "a CSV with a __proto__ column and a cell spanning two lines",
    file: "proto.csv",
    content: `id,type,customer,timestamp,gb,__proto__\na,bw,cus_a,2026-02-10T00:00:00Z,3,"two\nlines"\nb,bw,cus_a,2026-02-10T00:00:00Z,4,x\n`,
    expected: { total: "0.70" },
  },
  {
    name: "a CSV row with a date that does not exist, after a two-line cell",
    file: "feb30.csv",
    content: `id,type,customer,timestamp,gb,note\na,bw,cus_a,2026-02-10T00:00:00Z,3,"x\ny"\nb,bw,cus_a,2026-02-30T00:00:00Z,4,z\n`,
    expected: { code: "invalid_instant", path: "timestamp" },
  },
  // ── paths that are not usage files ─────────────────────────────────────────────────────────────
  {
    name: "a directory named like a usage file",
    file: "folder.ndjson",
    content: (path) => mkdirSync(path, { recursive: true }),
    expected: { code: "unreadable_usage" },
  },
  {
    name: "a file that does not exist",
    file: "missing.ndjson",
    content: () => undefined,
    expected: { code: "unreadable_usage" },
  },
  {
    name: "an extension ratecard does not read",
    file: "usage.txt",
    content: `${json("a", "3")}\n`,
    expected: { code: "unreadable_usage" },
  },
];

let scratch = "";
const cli = new Map<string, { code: number | null; stdout: string; stderr: string }>();

function runCli(file: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const args = [CLI, "invoice", "--contract", join(scratch, "contract.json"), "--usage", file];
    const child = spawn(process.execPath, [...args, "--period", "2026-02", "--format", "json"]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npm run build` before the CLI tests");
  scratch = mkdtempSync(join(tmpdir(), "ratecard-adversarial-usage-"));
  writeFileSync(join(scratch, "contract.json"), JSON.stringify(CONTRACT));
  for (const { file, content } of CASES) {
    const path = join(scratch, file);
    if (typeof content === "string") writeFileSync(path, content);
    else content(path);
  }
  // Two at a time: the machine is shared.
  for (let at = 0; at < CASES.length; at += 2) {
    const batch = CASES.slice(at, at + 2);
    const results = await Promise.all(batch.map(({ file }) => runCli(join(scratch, file))));
    for (const [k, { file }] of batch.entries()) cli.set(file, results[k]!);
  }
}, 180_000);

async function inProcess(file: string) {
  try {
    return {
      invoice: await rateInvoiceAsync(
        parseContract(CONTRACT),
        await usageSource(join(scratch, file)),
        "2026-02",
      ),
    };
  } catch (error) {
    return { error };
  }
}

describe("hostile usage files end in a typed error at their line, or in the exact total", () => {
  it("has at least 30 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  for (const { name, file, expected } of CASES) {
    it(`${"code" in expected ? "refuses" : "bills exactly"} ${name}`, async () => {
      const outcome = await inProcess(file);
      const run = cli.get(file)!;
      if ("code" in expected) {
        expect(isRatecardError(outcome.error), String(outcome.error)).toBe(true);
        expect(outcome.error).toMatchObject(expected);
        expect(run.code).toBe(2);
        expect(run.stderr.startsWith("ratecard: ")).toBe(true);
        expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
        return;
      }
      expect(outcome.error).toBeUndefined();
      expect(outcome.invoice!.total).toBe(expected.total);
      expect(outcome.invoice!.warnings).toHaveLength(expected.warnings ?? 0);
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as { total: string }).total).toBe(expected.total);
    });
  }

  it("bills a named pipe, which can be read only once, exactly (2 × 3 GB, one a duplicate: $0.30)", async () => {
    const pipe = join(scratch, "pipe.ndjson");
    expect(spawnSync("mkfifo", [pipe]).status).toBe(0);
    const writer = spawn("sh", [
      "-c",
      `printf '%s\\n%s\\n' '${json("a", "3")}' '${json("a", "3")}' > '${pipe}'`,
    ]);
    const run = await runCli(pipe);
    writer.kill();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { total: string }).total).toBe("0.30");
  });
});
