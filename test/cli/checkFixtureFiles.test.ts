import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// The files of a fixture folder as finance keeps them: a second export dropped beside the first, a file
// under another name, figures saved by a Windows editor or pasted twice. Each is read as written or
// refused naming the file, never passed over.

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
let scratch = "";

// currency-jpy (its README): ¥10,000 base fee + 7,777 requests × ¥0.5 = 3,888.5 → ¥3,888 half-even;
// tax 10 %: 1,000 + 388.8 → 389 = 1,389; total 13,888 + 1,389 = 15,277.
function copyOfJpy(name: string): string {
  const dir = join(scratch, name);
  cpSync(join(FIXTURES, "currency-jpy"), dir, { recursive: true });
  return dir;
}

beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-check-files-"));
});

describe("ratecard check: the usage file of a fixture", () => {
  it("refuses two usage files (exit 2), where it rated the first and passed over the other's events", () => {
    // A CSV export of one more request dropped beside usage.ndjson: 7,778 requests × ¥0.5 = 3,889 would
    // be billed if it were read, and the fixture, pinned at 7,777, passed without a word
    const dir = copyOfJpy("two-usage-files");
    writeFileSync(
      join(dir, "usage.csv"),
      "id,type,customer,timestamp\nx1,api.request,cus_sakura,2026-04-02T00:00:00Z\n",
    );
    const result = runCli("check", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `ERROR ${dir} — the folder has usage.ndjson and usage.csv, but a fixture is rated from one usage file: the events of usage.csv would not be rated. Join them into one file, or move the one not meant out of the folder\n`,
    );
  });

  it("names a usage file that is there under another name, rather than saying there is none", () => {
    const dir = copyOfJpy("usage-misnamed");
    renameSync(join(dir, "usage.ndjson"), join(dir, "usage-april.ndjson"));
    const result = runCli("check", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `ERROR ${dir} — there is no usage file (usage.ndjson, usage.jsonl, usage.csv or usage.json); the folder has usage-april.ndjson: rename it to usage.ndjson\n`,
    );
  });

  it("names a usage file whose name differs in case: a Mac finds it, a Linux CI server does not", () => {
    const dir = copyOfJpy("usage-case");
    renameSync(join(dir, "usage.ndjson"), join(dir, "Usage.NDJSON"));
    const result = runCli("check", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `ERROR ${dir} — there is no usage file (usage.ndjson, usage.jsonl, usage.csv or usage.json); the folder has Usage.NDJSON: rename it to usage.ndjson\n`,
    );
  });

  it("still rates usage.ndjson beside other usage files whose names say what they are", () => {
    // fixtures/disputes/late-usage keeps usage-with-late.ndjson beside its usage.ndjson for the cookbook
    const dir = copyOfJpy("usage-beside-others");
    writeFileSync(join(dir, "usage-with-late.ndjson"), "");
    const result = runCli("check", dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`PASS  ${dir} — 2026-04-01/2026-05-01`);
  });
});

describe("ratecard check: expected-figures.json as a person writes it", () => {
  it("reads expected-figures.json saved with a byte order mark, as it reads contract.json", () => {
    const dir = copyOfJpy("figures-bom");
    const file = join(dir, "expected-figures.json");
    writeFileSync(file, `\uFEFF${readFileSync(file, "utf8")}`);
    const result = runCli("check", dir);
    expect(result.stdout).toContain(`PASS  ${dir} — 2026-04-01/2026-05-01`);
    expect(result.code).toBe(0);
  });

  it("refuses a figure written twice (exit 2): JSON.parse kept the last, and the first went unchecked", () => {
    // ¥3,889 (half-up) written first and ¥3,888 (half-even) below it: only the second was compared,
    // and the fixture passed with a figure written down that the invoice does not bill
    const dir = copyOfJpy("figures-twice");
    rmSync(join(dir, "expected.json"));
    writeFileSync(
      join(dir, "expected-figures.json"),
      `{
  "period": "2026-04",
  "lines": {
    "base_fee": "10000",
    "api_requests": { "quantity": "7777", "amount": "3889" },
    "api_requests": { "quantity": "7777", "amount": "3888" }
  },
  "total": "15277"
}
`,
    );
    const result = runCli("check", dir);
    expect(result.code).toBe(2);
    // the second copy sits on line 6 of the file (line 1 is "{")
    expect(result.stdout).toContain(
      `ERROR ${dir} — ${join(dir, "expected-figures.json")} line 6: the key "api_requests" is written twice in one object (at lines.api_requests)`,
    );
  });
});
