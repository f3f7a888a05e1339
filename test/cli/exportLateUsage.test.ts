import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { correctLateUsage, issueCreditNote, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract } from "../_support/contract.js";
import { GRADUATED_BANDWIDTH, marchGb, VOLUME_BANDWIDTH } from "../_support/lateUsageExample.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

let scratch = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-export-late-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("ratecard export of a late-usage correction", () => {
  it("writes its reversal and rebook rows as Corrections, adding up to the correction's total", () => {
    // docs/late-usage.md: 900 GB at 0.10 issued (90.00 + 10.00 fee); 200 late GB: 1,100 × 0.08 = 88.00
    const contract = buildContract(VOLUME_BANDWIDTH);
    const gb = marchGb;
    const usage = [gb("a", 3, "500"), gb("b", 9, "400")];
    const issued = rateInvoice(contract, usage, "2026-03");
    const result = correctLateUsage(contract, issued, usage, [gb("late", 5, "200")], { billOn: "2026-04" });
    const invoiceFile = join(scratch, "march.json");
    const lateFile = join(scratch, "late.json");
    writeFileSync(invoiceFile, JSON.stringify(issued));
    writeFileSync(lateFile, JSON.stringify(result));
    const run = runCli(
      "export",
      "--format",
      "json",
      "--provider",
      "Acme Cloud",
      invoiceFile,
      lateFile,
      "--correction-period",
      "2026-04-01T00:00:00Z/2026-05-01T00:00:00Z",
    );
    expect(run.stderr).toBe("");
    const rows = JSON.parse(run.stdout) as Array<Record<string, string | null>>;
    const corrections = rows.filter((row) => row.ChargeClass === "Correction");
    // the invoice's own 2 rows (90.00, 10.00), then −90.00 and +88.00: −2.00 in corrections
    expect(rows).toHaveLength(4);
    expect(corrections.map((row) => [row.x_LineId, row.BilledCost])).toEqual([
      ["ctr:2026-03-01/gb:reversal", "-90.00"],
      ["ctr:2026-03-01/gb:rebook", "88.00"],
    ]);
    const alone = runCli(
      "export",
      "--provider",
      "A",
      lateFile,
      "--correction-period",
      "2026-04-01T00:00:00Z/2026-05-01T00:00:00Z",
    );
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("give that invoice as issued too");
  });
});

describe("ratecard export of a late-usage correction that counted a credit note of units", () => {
  it("reverses the note's rows with the invoice's, given the note among the files: 115.00 − 25.00 + 20.00", () => {
    // docs/late-usage.md: graduated, issued 1,100 GB = 105.00 + 10.00; the note takes 300 GB off (25.00);
    // 200 GB late: 1,000 GB = 100.00, the correction +20.00. Before: its rows came to −5.00.
    const contract = buildContract(GRADUATED_BANDWIDTH);
    const issued = rateInvoice(contract, [marchGb("a", 3, "600"), marchGb("b", 9, "500")], "2026-03");
    const note = issueCreditNote(contract, issued, [
      { kind: "quantity", line: "gb", quantity: "300", reason: "double-counted" },
    ]);
    const result = correctLateUsage(
      contract,
      issued,
      [marchGb("a", 3, "600"), marchGb("b", 9, "200")],
      [marchGb("late", 20, "200")],
      { billOn: "2026-04", creditNotes: [note] },
    );
    const files = ["march.json", "cn.json", "late.json"].map((name) => join(scratch, name));
    for (const [index, document] of [issued, note, result].entries())
      writeFileSync(files[index]!, JSON.stringify(document));
    const period = ["--correction-period", "2026-04-01T00:00:00Z/2026-05-01T00:00:00Z"];
    const run = runCli("export", "--format", "json", "--provider", "Acme Cloud", ...files, ...period);
    expect(run.stderr).toBe("");
    const rows = JSON.parse(run.stdout) as Array<Record<string, string | null>>;
    const total = rows.reduce((sum, row) => sum.plus(row.BilledCost ?? 0), new Decimal(0));
    expect(total.toFixed(2)).toBe("110.00");
    const withoutNote = runCli("export", "--provider", "A", files[0]!, files[2]!, ...period);
    expect(withoutNote.code).toBe(2);
    expect(withoutNote.stderr).toContain(`counted credit note ${note.id}`);
  });
});
