import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildContractJson, flatCharge, sumMeter, unitCharge } from "../_support/contract.js";
import { apartFromOutsidePeriod } from "../_support/outsidePeriodWarning.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { asNdjson } from "../_support/usageFiles.js";

// docs/progressive-billing.md, "A note that gave money back to a credit grant", through the CLI: GB at
// 0.10, a 20.00 platform fee, a 100.00 wallet after tax (no tax). Progressive invoice 1 as of 10 March
// bills 800 GB = 80.00, all from the wallet (20.00 left); a goodwill note of 10.00 against it goes back
// to the wallet (30.00). The close at 850 GB (85.00 + 20.00 = 105.00 for March) rates the month on
// 100.00 + 10.00 = 110.00: all 105.00 drawn, 5.00 left, 0.00 asked; less invoice 1 it bills 25.00 and
// draws 25.00 of the 30.00. April (the fee only, 20.00) opens the wallet at 5.00 and asks 15.00.
let dir = "";
const at = (name: string) => join(dir, name);
const gb = (id: string, day: string, v: string) => ({
  id,
  type: "gb",
  customer: "cus",
  timestamp: `2026-03-${day}T10:00:00Z`,
  properties: { v },
});
const write = (name: string, result: { code: number | null; stdout: string; stderr: string }) => {
  // April is rated from March's usage on purpose: its outside-period warning is beside the point
  expect([result.code, apartFromOutsidePeriod(result.stderr)]).toEqual([0, ""]);
  writeFileSync(at(name), result.stdout);
  return JSON.parse(result.stdout);
};
const base = (command: string, period: string) => [
  command,
  "--contract",
  at("contract.json"),
  "--usage",
  at("usage.ndjson"),
  "--period",
  period,
  "--format",
  "json",
];
const close = (...extra: string[]) =>
  runCli(
    ...base("progressive", "2026-03"),
    "--close",
    "--credits-start-full",
    "--earlier",
    at("p1.json"),
    ...extra,
  );
const april = (...extra: string[]) => runCli(...base("invoice", "2026-04"), ...extra);
const wallet = (invoice: {
  credits: Array<{ balanceBefore: string; applied: string; balanceAfter: string }>;
  amountDue: string;
}) => [invoice.credits[0]?.balanceBefore, invoice.credits[0]?.balanceAfter, invoice.amountDue];

beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), "ratecard-progressive-wallet-"));
  const contract = buildContractJson({
    meters: [sumMeter("gb")],
    charges: [unitCharge("bw", "Bandwidth", "gb", "0.10"), flatCharge("platform", "Platform", "20")],
    credits: [{ id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "100" }],
  });
  writeFileSync(at("contract.json"), JSON.stringify(contract));
  writeFileSync(at("usage.ndjson"), asNdjson([gb("a", "05", "800"), gb("b", "25", "50")]));
  writeFileSync(
    at("goodwill.json"),
    JSON.stringify([{ kind: "amount", line: "bw", amount: "10.00", reason: "goodwill" }]),
  );
  const p1 = runCli(
    ...base("progressive", "2026-03"),
    "--at",
    "2026-03-10T00:00:00Z",
    "--credits-start-full",
  );
  expect(wallet(write("p1.json", p1))).toEqual(["100.00", "20.00", "0.00"]);
  const note = runCli(
    "credit-note",
    "--contract",
    at("contract.json"),
    "--invoice",
    at("p1.json"),
    "--corrections",
    at("goodwill.json"),
    "--format",
    "json",
  );
  expect(write("note.json", note).settlement.credits[0].restored).toBe("10.00");
});

describe("ratecard progressive --credit-note: a note that gave money back to the wallet", () => {
  it("the close draws it and --balances carries what is left: April opens at 5.00 and asks 15.00", () => {
    // before: the close opened at 20.00, asked 5.00 and left 0.00; April asked 20.00
    expect(wallet(write("close.json", close("--credit-note", at("note.json"))))).toEqual([
      "30.00",
      "5.00",
      "0.00",
    ]);
    expect(wallet(write("april.json", april("--balances", at("close.json"))))).toEqual([
      "5.00",
      "0.00",
      "15.00",
    ]);
  });

  // The close rated without the note: 105.00 on 100.00, 5.00 asked, 0.00 left. The note, issued after,
  // gave 10.00 back that no invoice of March drew: April opens at 0.00 + 10.00 and asks 20.00 − 10.00.
  it("--balances-credit-note takes a note of invoice 1 the close was not given: April opens at 10.00", () => {
    expect(wallet(write("bare-close.json", close()))).toEqual(["20.00", "0.00", "5.00"]);
    const result = april("--balances", at("bare-close.json"), "--balances-credit-note", at("note.json"));
    expect(wallet(write("april-noted.json", result))).toEqual(["10.00", "0.00", "10.00"]);
  });

  it("refuses, by its file, a note the close drew already (it would be given back twice)", () => {
    write("drawn-close.json", close("--credit-note", at("note.json")));
    const result = april("--balances", at("drawn-close.json"), "--balances-credit-note", at("note.json"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--balances-credit-note ${at("note.json")}`);
    expect(result.stderr).toContain("was given to the closing invoice ctr:2026-03-01");
  });
});
