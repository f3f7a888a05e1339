import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// A billing team's month-end: seats (a persistent meter) at 10.00, use at 1.00, a prepaid wallet of
// 100.00 after tax. January: 2 seats + 40 use = 60.00, all paid by the wallet (40.00 left). February
// (--balances january): 3 seats + 50 use = 80.00, the wallet pays its 40.00, 40.00 due. A note of
// February credits 20 units of use (20.00) and the seats line (30.00): 50.00, of which 40.00 is money
// (what February asked in money) and 10.00 back to the wallet. March: 2 seats + 30 use = 50.00; the
// wallet opens at February's 0.00 + the note's 10.00 = 10.00 and pays 10.00: 40.00 due. Read from
// February alone it opened at 0.00 and March asked 50.00: the 10.00 the note said went back was lost.
const CONTRACT = {
  schemaVersion: 1,
  id: "ctr_month_end",
  customer: { id: "cus_a", name: "Acme" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly" },
  term: { start: "2026-01-01" },
  meters: [
    {
      id: "seats",
      eventType: "seat",
      aggregation: "unique_count",
      valueProperty: "user",
      persistent: true,
      operationProperty: "op",
    },
    { id: "m", eventType: "e", aggregation: "sum", valueProperty: "v" },
  ],
  charges: [
    { id: "seats", name: "Seats", meter: "seats", price: { model: "unit", unitPrice: "10" } },
    { id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "1" } },
  ],
  credits: [{ id: "wallet", name: "Prepaid wallet", kind: "prepaid", amount: "100.00", taxed: "at_use" }],
};

const EVENTS = [
  ["s1", "seat", "2026-01-02", { user: "u1", op: "add" }],
  ["s2", "seat", "2026-01-03", { user: "u2", op: "add" }],
  ["j1", "e", "2026-01-10", { v: "40" }],
  ["s3", "seat", "2026-02-05", { user: "u3", op: "add" }],
  ["s4", "seat", "2026-02-20", { user: "u1", op: "remove" }],
  ["f1", "e", "2026-02-10", { v: "50" }],
  ["m1", "e", "2026-03-10", { v: "30" }],
] as const;

let dir = "";
const at = (name: string) => join(dir, name);
const rate = (period: string, ...more: string[]) =>
  runCli(
    "invoice",
    "--contract",
    at("contract.json"),
    "--usage",
    at("usage.ndjson"),
    "--period",
    period,
    ...more,
  );

beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), "ratecard-balances-notes-"));
  writeFileSync(at("contract.json"), JSON.stringify(CONTRACT));
  const lines = EVENTS.map(([id, type, day, properties]) =>
    JSON.stringify({ id, type, customer: "cus_a", timestamp: `${day}T00:00:00Z`, properties }),
  );
  writeFileSync(at("usage.ndjson"), `${lines.join("\n")}\n`);
  writeFileSync(at("january.json"), rate("2026-01", "--format", "json").stdout);
  const february = rate(
    "2026-02",
    "--carry",
    at("january.json"),
    "--balances",
    at("january.json"),
    "--format",
    "json",
  );
  writeFileSync(at("february.json"), february.stdout);
  writeFileSync(
    at("fixes.json"),
    JSON.stringify([
      { kind: "quantity", line: "use", quantity: "20", reason: "double-counted" },
      { kind: "line", line: "seats", reason: "goodwill" },
    ]),
  );
  const note = runCli(
    "credit-note",
    "--contract",
    at("contract.json"),
    "--invoice",
    at("february.json"),
    "--corrections",
    at("fixes.json"),
    "--format",
    "json",
  );
  writeFileSync(at("february-note.json"), note.stdout);
  writeFileSync(
    at("january-note.json"),
    runCli(
      "credit-note",
      "--contract",
      at("contract.json"),
      "--invoice",
      at("january.json"),
      "--corrections",
      at("fixes.json"),
      "--format",
      "json",
    ).stdout,
  );
});

describe("ratecard invoice --balances-credit-note: what a note gave back to a grant is carried", () => {
  const march = (...more: string[]) => rate("2026-03", "--carry", at("february.json"), ...more);

  it("opens March's wallet at 0.00 + 10.00 and asks 40.00, not 50.00", () => {
    const result = march(
      "--balances",
      at("february.json"),
      "--balances-credit-note",
      at("february-note.json"),
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Prepaid wallet (after tax): -$10.00 of a $10.00 balance; $0.00 left.");
    expect(result.stdout).toContain("Amount due $40.00.");
  });

  it("needs --balances to be the invoice the notes credit", () => {
    writeFileSync(at("balances.json"), JSON.stringify({ wallet: "0.00" }));
    const noInvoice = march(
      "--balances",
      at("balances.json"),
      "--balances-credit-note",
      at("february-note.json"),
    );
    expect(noInvoice.code).toBe(2);
    expect(noInvoice.stderr).toContain(
      "--balances-credit-note needs --balances to be the invoice the notes credit",
    );
    const none = march("--balances-credit-note", at("february-note.json"));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--balances-credit-note needs --balances");
  });

  it("refuses a note of another invoice and a note given twice, naming the file", () => {
    const other = march("--balances", at("february.json"), "--balances-credit-note", at("january-note.json"));
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(
      `--balances-credit-note ${at("january-note.json")} at invoiceId: Credit note`,
    );
    const twice = march(
      "--balances",
      at("february.json"),
      ...["--balances-credit-note", at("february-note.json")],
      ...["--balances-credit-note", at("february-note.json")],
    );
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("is given twice");
    expect(twice.stderr).not.toContain("    at ");
  });
});
