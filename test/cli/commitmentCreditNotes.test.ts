import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildContractJson } from "../_support/contract.js";
import { Q1_COMMITMENT } from "../_support/cumulativeCommitment.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// docs/commitment-periods.md, "Credit notes": 1,200.00 over Q1 at 1.00 a unit; January 300 units, a
// note takes 100 of them off (100.00), February 500, March 250. The invoice after the note takes it
// (--commitment-credit-note), and the quarter bills 1,200.00 on its true usage of 950.00.
const { path: inScratch, file } = scratchFolder("ratecard-commitment-notes-", assertCliBuilt);
const event = (id: string, date: string, v: string) =>
  JSON.stringify({ id, type: "e", customer: "cus", timestamp: `${date}T00:00:00Z`, properties: { v } });
const QUARTER = buildContractJson({ id: "ctr_quarter", commitments: [Q1_COMMITMENT] });
const json = (result: { code: number | null; stdout: string; stderr: string }) => {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
};

function quarter() {
  const contract = file("contract.json", JSON.stringify(QUARTER));
  const usage = file(
    "usage.ndjson",
    [
      event("u1", "2026-01-02", "300"),
      event("u2", "2026-02-02", "500"),
      event("u3", "2026-03-02", "250"),
    ].join("\n"),
  );
  const invoice = (period: string, ...extra: string[]) =>
    runCli(
      "invoice",
      "--contract",
      contract,
      "--usage",
      usage,
      "--period",
      period,
      "--format",
      "json",
      ...extra,
    );
  const jan = file("jan.json", invoice("2026-01").stdout);
  const corrections = file(
    "corrections.json",
    JSON.stringify([{ kind: "quantity", line: "use", quantity: "100", reason: "double-counted" }]),
  );
  const noted = runCli(
    "credit-note",
    "--contract",
    contract,
    "--invoice",
    jan,
    "--corrections",
    corrections,
    "--format",
    "json",
  );
  const note = file("note.json", noted.stdout);
  return { contract, usage, invoice, jan, note };
}

describe("--commitment-credit-note", () => {
  it("takes the note's units off the spend once, though March is given it again", () => {
    const { invoice, jan, note } = quarter();
    const febResult = invoice("2026-02", "--commitment-spend", jan, "--commitment-credit-note", note);
    const feb = json(febResult);
    // 300.00 carried less 100.00 credited: 200.00 before, 700.00 to date
    expect(feb.commitments[0].cumulative).toMatchObject({ spendBefore: "200.00", spendAfter: "700.00" });
    const febFile = file("feb.json", febResult.stdout);
    const mar = json(invoice("2026-03", "--commitment-spend", febFile, "--commitment-credit-note", note));
    // February's record carries the note: 700 + 250 = 950.00, true-up 250.00, March 500.00
    expect(mar.commitments[0].trueUp).toBe("250.00");
    expect(mar.total).toBe("500.00");
    // 300.00 − 100.00 + 500.00 + 500.00 = 1,200.00
  });

  it("carries the notes taken through batch --commitment-spend", () => {
    const { invoice, jan, note, usage } = quarter();
    const febFile = file(
      "feb-b.json",
      invoice("2026-02", "--commitment-spend", jan, "--commitment-credit-note", note).stdout,
    );
    const folder = inScratch("batch");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "quarter.json"), JSON.stringify(QUARTER));
    const result = runCli(
      "batch",
      "--contracts",
      folder,
      "--usage",
      usage,
      "--period",
      "2026-03",
      "--workers",
      "1",
      "--commitment-spend",
      febFile,
    );
    expect(result.code).toBe(0);
    const [mar] = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    // the record carried: creditNotesTaken goes on with the spend to date
    expect(mar.commitments[0].cumulative).toMatchObject({
      spendBefore: "700.00",
      creditNotesTaken: [JSON.parse(readFileSync(note, "utf8")).id],
    });
    expect(mar.commitments[0].trueUp).toBe("250.00");
  });

  it("names the note's file and the path inside it when the note is refused (exit 2)", () => {
    const { invoice, jan, note } = quarter();
    const edited = file(
      "edited.json",
      JSON.stringify({ ...JSON.parse(readFileSync(note, "utf8")), total: "1000.00" }),
    );
    const result = invoice("2026-02", "--commitment-spend", jan, "--commitment-credit-note", edited);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--commitment-credit-note");
    expect(result.stderr).toContain("edited.json");
  });
});
