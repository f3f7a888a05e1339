import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContractJson } from "../_support/contract.js";
import { VOLUME_BANDWIDTH } from "../_support/lateUsageExample.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { asNdjson } from "../_support/usageFiles.js";

const use = (id: string, timestamp: string, v: string) => ({
  id,
  type: "use",
  customer: "cus",
  timestamp,
  properties: { v },
});
const files: Record<string, string> = {};
beforeAll(() => {
  assertCliBuilt();
  const dir = mkdtempSync(join(tmpdir(), "ratecard-late-"));
  const write = (name: string, text: string) => {
    files[name] = join(dir, name);
    writeFileSync(files[name]!, text);
  };
  // every GB at 0.10 up to 1,000 GB, every GB at 0.08 above; a 10.00 fee
  write("contract.json", JSON.stringify(buildContractJson(VOLUME_BANDWIDTH)));
  write(
    "usage.ndjson",
    asNdjson([use("a", "2026-03-03T12:00:00Z", "500"), use("b", "2026-03-09T12:00:00Z", "400")]),
  );
  write("late.ndjson", asNdjson([use("late", "2026-03-20T12:00:00Z", "200")]));
  // "a" again as issued (a repeat), an April event (after the period), another customer's event
  write(
    "not-late.ndjson",
    asNdjson([
      use("a", "2026-03-03T12:00:00Z", "500"),
      use("april", "2026-04-02T12:00:00Z", "7"),
      { ...use("other", "2026-03-21T12:00:00Z", "9"), customer: "someone_else" },
    ]),
  );
  // "a" with 600 GB instead of the 500 GB billed
  write("changed.ndjson", asNdjson([use("a", "2026-03-03T12:00:00Z", "600")]));
  const invoice = runCli(
    "invoice",
    "--contract",
    files["contract.json"]!,
    "--usage",
    files["usage.ndjson"]!,
    "--period",
    "2026-03",
    "--format",
    "json",
  );
  write("invoice.json", invoice.stdout);
});
const lateFrom = (lateFile: string, ...extra: string[]) =>
  runCli(
    "late-usage",
    "--contract",
    files["contract.json"]!,
    "--invoice",
    files["invoice.json"]!,
    "--late",
    files[lateFile]!,
    ...extra,
  );
const late = (...extra: string[]) => lateFrom("late.ndjson", ...extra);

describe("ratecard late-usage", () => {
  it("prints the reversal and the rebook of the line whose volume tier moved", () => {
    const result = late("--usage", files["usage.ndjson"]!, "--bill-on", "2026-04");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // 900 GB × 0.10 = 90.00 reversed; 1,100 GB × 0.08 = 88.00 booked; −2.00 on the next invoice
    expect(result.stdout).toContain("- Bandwidth (gb) reversal: -900 → -$90.00.");
    expect(result.stdout).toContain("- Bandwidth (gb) rebook: 1,100 → $88.00.");
    expect(result.stdout).toContain("for the next invoice -$2.00");
    const json = JSON.parse(
      late("--usage", files["usage.ndjson"]!, "--bill-on", "2026-04", "--format", "json").stdout,
    );
    expect(json.total).toBe("-2.00");
  });

  it("exits 2 with a sentence for usage that is not the invoice's, and outside the window", () => {
    const wrong = late("--usage", files["late.ndjson"]!, "--bill-on", "2026-04");
    expect(wrong.code).toBe(2);
    // the late file alone: 200 GB × 0.10 = 20.00 + 10.00 = 30.00, not the 100.00 issued
    expect(wrong.stderr).toContain("rates to a total of 30.00, not the 100.00 issued");
    const old = late("--usage", files["usage.ndjson"]!, "--bill-on", "2026-09");
    expect(old.code).toBe(2);
    expect(old.stderr).toContain("6 billing periods before");
    expect(old.stderr).not.toContain("    at ");
  });

  it("says why late events were not counted (a repeat, after the period, another customer's)", () => {
    const result = lateFrom("not-late.ndjson", "--usage", files["usage.ndjson"]!, "--bill-on", "2026-04");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Late events: 3 given, 0 counted.");
    expect(result.stdout).toContain(
      "Not counted: 1 event: repeats of an event id with the same payload (one copy is kept); 1 event: another customer's usage; 1 event: outside the invoice period.",
    );
    const json = lateFrom(
      "not-late.ndjson",
      ...["--usage", files["usage.ndjson"]!, "--bill-on", "2026-04", "--format", "json"],
    );
    expect(JSON.parse(json.stdout).lateEvents.notCounted).toEqual([
      { reason: "duplicate_id", events: 1 },
      { reason: "other_customer", events: 1 },
      { reason: "outside_period", events: 1 },
    ]);
  });

  it("refuses (exit 2) a late event that changes a billed event, rather than refunding the billed one", () => {
    // before: both copies of "a" were left out, the re-rating billed 400 GB × 0.10 + 10.00 = 50.00 and
    // the correction refunded 50.00 of usage the customer did have ("1 given, -1 counted")
    const result = lateFrom("changed.ndjson", "--usage", files["usage.ndjson"]!, "--bill-on", "2026-04");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      "Late event a has the id of an event invoice ctr:2026-03-01 was rated from",
    );
    expect(result.stderr).not.toContain("    at ");
  });

  it("--previous: in credit_note mode the note credits only what an earlier note left", () => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-late-cn-"));
    const at = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const contract = at(
      "contract.json",
      JSON.stringify(buildContractJson(VOLUME_BANDWIDTH, { lateUsage: { correction: "credit_note" } })),
    );
    const json = (...args: string[]) => {
      const result = runCli(...args, "--format", "json");
      expect(result.stderr).toBe("");
      return result.stdout;
    };
    const invoice = at(
      "invoice.json",
      json("invoice", "--contract", contract, "--usage", files["usage.ndjson"]!, "--period", "2026-03"),
    );
    const corrections = at(
      "goodwill.json",
      JSON.stringify([{ kind: "amount", line: "gb", amount: "10", reason: "goodwill" }]),
    );
    const note = at(
      "note.json",
      json("credit-note", "--contract", contract, "--invoice", invoice, "--corrections", corrections),
    );
    const correction = (...extra: string[]) =>
      JSON.parse(
        json(
          "late-usage",
          ...["--contract", contract, "--invoice", invoice, "--usage", files["usage.ndjson"]!],
          ...["--late", files["late.ndjson"]!, "--bill-on", "2026-04", ...extra],
        ),
      );
    // issued 90.00 + 10.00 = 100.00; 10.00 credited before, so 90.00 is left to credit: 100.00 in all
    expect(correction("--previous", note).creditNote.total).toBe("90.00");
    // without the earlier note the invoice is credited in full again: 100.00, 110.00 with the goodwill
    expect(correction().creditNote.total).toBe("100.00");
  });
});
