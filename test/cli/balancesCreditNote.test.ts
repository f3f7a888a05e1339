import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SEATS_METER } from "../_support/contract.js";
import { apartFromOutsidePeriod } from "../_support/outsidePeriodWarning.js";
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
  meters: [SEATS_METER, { id: "m", eventType: "e", aggregation: "sum", valueProperty: "v" }],
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
    expect(result.stdout).toContain("Prepaid wallet (after tax): -$10.00 of a $10.00 balance; nothing left.");
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

// Late usage corrected by credit note and re-issue (docs/late-usage.md's example with a 200.00 wallet
// after tax): March billed 10.00 + 900 GB × 0.10 = 100.00, all from the wallet (100.00 left). 200 GB
// arrive late: the note credits 100.00, all back to the wallet (200.00), and the re-issue bills
// 10.00 + 1,100 × 0.08 = 98.00, drawn again: 200.00 − 98.00 = 102.00 left. April's 10.00 platform fee
// opens the wallet at 102.00 and leaves 92.00. Before, --balances refused the correction and said to
// give the invoice it corrects, whose 100.00 left the customer 2.00 short.
const WALLET = { id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "200.00" };
describe("ratecard invoice --balances of a late-usage correction", () => {
  const late = (correction: string, credits: ReadonlyArray<object>) => ({
    schemaVersion: 1,
    id: "ctr_lu",
    customer: { id: "cus_a" },
    currency: "USD",
    timeZone: "UTC",
    billing: { cadence: "monthly" },
    term: { start: "2026-03-01" },
    lateUsage: { correction, lookBackPeriods: 1 },
    meters: [{ id: "gb", eventType: "bw", aggregation: "sum", valueProperty: "gb" }],
    charges: [
      { id: "platform", name: "Platform", price: { model: "flat", amount: "10.00" } },
      {
        id: "gb",
        name: "Bandwidth",
        meter: "gb",
        price: {
          model: "volume",
          tiers: [{ upTo: "1000", unitPrice: "0.10" }, { unitPrice: "0.08" }],
        },
      },
    ],
    credits,
  });
  const event = (id: string, day: string, gb: string) =>
    JSON.stringify({
      id,
      type: "bw",
      customer: "cus_a",
      timestamp: `2026-03-${day}T00:00:00Z`,
      properties: { gb },
    });
  const corrected = (mode: string, credits: ReadonlyArray<object> = [WALLET]) => {
    writeFileSync(at(`${mode}.json`), JSON.stringify(late(mode, credits)));
    writeFileSync(at("march.ndjson"), `${event("a", "03", "500")}\n${event("b", "10", "400")}\n`);
    writeFileSync(at("late.ndjson"), `${event("c", "20", "200")}\n`);
    const args = ["--contract", at(`${mode}.json`), "--usage", at("march.ndjson")];
    writeFileSync(
      at(`${mode}-march.json`),
      runCli("invoice", ...args, "--period", "2026-03", "--format", "json").stdout,
    );
    const correction = runCli(
      "late-usage",
      ...args,
      ...["--invoice", at(`${mode}-march.json`), "--late", at("late.ndjson"), "--bill-on", "2026-04"],
      ...["--format", "json"],
    );
    writeFileSync(at(`${mode}-correction.json`), correction.stdout);
    return runCli("invoice", ...args, "--period", "2026-04", "--balances", at(`${mode}-correction.json`));
  };

  it("credit_note: opens the wallet as the re-issued invoice left it, 102.00", () => {
    const april = corrected("credit_note");
    expect(apartFromOutsidePeriod(april.stderr)).toBe("");
    expect(april.stdout).toContain("Wallet (after tax): -$10.00 of a $102.00 balance; $92.00 left.");
  });

  // next_invoice: the re-rating drew the wallet again from its 200.00, as the re-issue does: 102.00 left,
  // and the correction asks amountDue 0.00 − 0.00 = 0.00 in money. April opens at 102.00, 92.00 left.
  it("next_invoice: opens the wallet as the re-rated invoice left it, 102.00, as credit_note does", () => {
    const april = corrected("next_invoice");
    expect(apartFromOutsidePeriod(april.stderr)).toBe("");
    expect(april.stdout).toContain("Wallet (after tax): -$10.00 of a $102.00 balance; $92.00 left.");
    const correction = JSON.parse(readFileSync(at("next_invoice-correction.json"), "utf8"));
    expect([correction.total, correction.amountDue]).toEqual(["-2.00", "0.00"]);
  });

  // A promotional grant of 150.00 before tax paid all of March, 100.00 (50.00 left, total 0.00); re-rated
  // it pays 98.00 (52.00 left, total 0.00), so the correction bills 0.00: the grant took the 2.00 back
  // itself and opens April at 52.00 (the issued invoice's 50.00 would lose it). 52.00 − 10.00 = 42.00.
  it("next_invoice: opens a grant before tax as the re-rated invoice left it, 52.00", () => {
    const promo = { id: "promo", name: "Promo", kind: "promotional", amount: "150.00" };
    const april = corrected("next_invoice", [promo]);
    expect(apartFromOutsidePeriod(april.stderr)).toBe("");
    expect(april.stdout).toContain("Promo (before tax): -$10.00 of a $52.00 balance; $42.00 left.");
  });

  // A goodwill note of 20.00 on March's bandwidth, issued against the invoice as issued: the wallet paid
  // all 100.00, so the note gives the 20.00 back to it (100.00 + 20.00 = 120.00). The correction re-rates
  // March to 98.00, drawn from 200.00 (102.00 left); April opens at 102.00 + 20.00 = 122.00 = 200.00 −
  // (98.00 − 20.00), and its 10.00 fee leaves 112.00. Before, the note was refused as "issued against
  // another version of invoice ctr_lu:2026-03-01" (the re-rated invoice's digest), exit 2.
  const goodwill = (mode: string) => {
    writeFileSync(
      at("goodwill.json"),
      JSON.stringify([{ kind: "amount", line: "gb", amount: "20.00", reason: "goodwill" }]),
    );
    const note = runCli(
      "credit-note",
      ...["--contract", at(`${mode}.json`), "--invoice", at(`${mode}-march.json`)],
      ...["--corrections", at("goodwill.json"), "--format", "json"],
    );
    writeFileSync(at(`${mode}-goodwill-note.json`), note.stdout);
    const args = ["--contract", at(`${mode}.json`), "--usage", at("march.ndjson"), "--period", "2026-04"];
    return runCli(
      "invoice",
      ...args,
      ...["--balances", at(`${mode}-correction.json`)],
      ...["--balances-credit-note", at(`${mode}-goodwill-note.json`)],
    );
  };

  it("next_invoice with a note of the issued invoice: opens the wallet at 102.00 + 20.00 = 122.00", () => {
    corrected("next_invoice");
    const april = goodwill("next_invoice");
    expect(apartFromOutsidePeriod(april.stderr)).toBe("");
    expect(april.stdout).toContain("Wallet (after tax): -$10.00 of a $122.00 balance; $112.00 left.");
  });

  // credit_note: the correction's note gave the wallet back March's 100.00 and the re-issue drew 98.00
  // again (102.00): that already holds whatever notes of the issued invoice gave back, so this one is
  // refused, saying which notes it takes.
  it("credit_note with a note of the issued invoice: refused, naming the re-issued invoice", () => {
    corrected("credit_note");
    const april = goodwill("credit_note");
    expect(april.code).toBe(2);
    expect(april.stderr).toContain(
      "which the late-usage correction credited in full and re-issued as ctr_lu:2026-03-01:reissued",
    );
    expect(april.stderr).toContain("give only the credit notes of ctr_lu:2026-03-01:reissued.");
    expect(april.stderr).not.toContain("    at ");
  });

  // ratecard check with that correction as previous.json opens the grants as --balances does. A wallet of
  // 105.00: March issued 100.00, all paid by the wallet (5.00 left); re-rated 98.00 (7.00 left); the
  // correction asks 0.00 − 0.00 = 0.00. April's 10.00 fee: the wallet pays its 7.00, 3.00 due: March and
  // April cost 98.00 + 10.00 = 108.00 = 105.00 from the wallet + 3.00.
  it("ratecard check: previous.json a next_invoice correction opens the wallet as re-rated, 3.00 due", () => {
    const april = corrected("next_invoice", [{ ...WALLET, amount: "105.00" }]);
    expect(apartFromOutsidePeriod(april.stderr)).toBe("");
    const fixture = at("fixture-late-wallet");
    mkdirSync(fixture, { recursive: true });
    copyFileSync(at("next_invoice.json"), join(fixture, "contract.json"));
    copyFileSync(at("march.ndjson"), join(fixture, "usage.ndjson"));
    copyFileSync(at("next_invoice-correction.json"), join(fixture, "previous.json"));
    const figures = {
      period: "2026-04",
      lines: { platform: "10.00", gb: "0.00" },
      credits: { wallet: "-7.00" },
      total: "10.00",
      amountDue: "3.00",
    };
    writeFileSync(join(fixture, "expected-figures.json"), JSON.stringify(figures));
    const check = runCli("check", fixture);
    expect(check.stdout).toContain("1 passed");
    expect(check.code).toBe(0);
  });
});
