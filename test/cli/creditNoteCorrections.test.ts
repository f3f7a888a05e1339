import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// The cdn-basic February invoice: bandwidth_na billed 3,656.00 for 61,400 GB (docs/credit-notes.md).
const FIXTURE = join("fixtures", "cdn-basic");
let scratch = "";
let written = 0;
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-credit-"));
});

function creditNote(corrections: unknown) {
  const file = join(scratch, `corrections-${++written}.json`);
  writeFileSync(file, JSON.stringify(corrections));
  return runCli(
    "credit-note",
    "--contract",
    join(FIXTURE, "contract.json"),
    "--invoice",
    join(FIXTURE, "expected.json"),
    "--corrections",
    file,
  );
}

describe("ratecard credit-note: which correction is wrong", () => {
  it("names the correction that credits a line twice (the second of two)", () => {
    const result = creditNote([
      { kind: "line", line: "bandwidth_na", reason: "wrong region" },
      { kind: "line", line: "bandwidth_na", reason: "again" },
    ]);
    expect(result.code).toBe(2);
    // the first correction credits all 3,656.00; the second, corrections[1], finds 3,656.00 − 3,656.00 = 0.00 left
    expect(result.stderr).toMatch(
      /^ratecard: --corrections \S+ at corrections\[1\]: Line bandwidth_na billed 3656\.00/,
    );
  });

  it("names the correction that credits more than was billed, and the one whose line does not exist", () => {
    const over = creditNote([
      { kind: "amount", line: "platform_fee", amount: "10.00", reason: "goodwill" },
      { kind: "amount", line: "bandwidth_na", amount: "5000.00", reason: "too much" },
    ]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain(" at corrections[1]: Line bandwidth_na billed 3656.00");
    const unknown = creditNote([{ kind: "line", line: "bandwidth_mars", reason: "typo" }]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      ' at corrections[0].line: Invoice ctr_northwind_cdn:2026-02-01 has no line "bandwidth_mars".',
    );
  });

  it("does not repeat a path the sentence already starts with", () => {
    const negative = creditNote([{ kind: "amount", line: "bandwidth_na", amount: "-10.00", reason: "x" }]);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(
      /--corrections \S+: corrections\[0\]\.amount is -10; it must be more than zero\./,
    );
    // a file that is not a list of corrections is refused at the argument itself, `corrections`
    const notList = creditNote({ kind: "invoice", reason: "x" });
    expect(notList.code).toBe(2);
    expect(notList.stderr).toMatch(
      /--corrections \S+: corrections must be a list \(\[ … \]\), not an object\./,
    );
    const empty = creditNote([]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--corrections \S+: corrections must list at least one correction\./);
  });
});
