import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainLateUsage } from "../../src/explain/index.js";
import {
  correctLateUsage,
  type Invoice,
  invoiceSchema,
  issueCreditNote,
  rateInvoice,
} from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import {
  buildContract,
  COMPUTE_AND_STORAGE,
  computeAndStorageUsage,
  creditUnitWallet,
  usageEvent,
  walletAndTopUp,
} from "../_support/contract.js";
import { marchGb, VOLUME_BANDWIDTH } from "../_support/lateUsageExample.js";
import { thrown } from "../_support/thrown.js";

const fixtureInvoice = (name: string): Invoice =>
  invoiceSchema.parse(
    JSON.parse(
      readFileSync(join(import.meta.dirname, "..", "..", "fixtures", name, "expected.json"), "utf8"),
    ),
  );

// Golden-rich's March invoice (fixtures/golden-rich/README.md): lines' nets 654.00 after the SLA
// credit's 25.00 before tax (9.27 off platform, 15.73 off connections), VAT 19 % per line 124.27, total
// 778.27, the prepaid wallet 200.00 after tax, amount due 578.27.
describe("a credit note of an invoice that drew credit grants says how it gives back (golden-rich)", () => {
  const contract = fixtureContract("golden-rich");
  const invoice = fixtureInvoice("golden-rich");

  it("undoes the whole invoice: 578.27 as money, 200.00 back to the wallet, 25.00 back to the SLA credit", () => {
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "re-issued" }]);
    // 654.00 + 124.27 = 778.27 credited; 778.27 − 200.00 = 578.27 of it is money
    expect(note.total).toBe("778.27");
    expect(note.settlement).toEqual({
      money: "578.27",
      credits: [
        { id: "wallet", name: "Prepaid wallet", stage: "after_tax", restored: "200.00" },
        { id: "sla_march", name: "SLA credit (February outage)", stage: "before_tax", restored: "25.00" },
      ],
    });
  });

  it("gives money back first, then the wallet, and the SLA credit's share of each line credited in full", () => {
    // Note 1: platform 89.73 + its VAT 17.05 = 106.78, all money (≤ 578.27); platform is credited in
    // full, so the SLA credit's 9.27 on it goes back.
    const first = issueCreditNote(contract, invoice, [{ kind: "line", line: "platform", reason: "outage" }]);
    expect(first.total).toBe("106.78");
    expect(first.settlement).toEqual({
      money: "106.78",
      credits: [
        { id: "sla_march", name: "SLA credit (February outage)", stage: "before_tax", restored: "9.27" },
      ],
    });
    // Note 2: connections 152.27 + 28.93, seats 180.00 + 34.20, usage_floor 104.04 + 19.77 = 519.21.
    // Credited in all 106.78 + 519.21 = 625.99, of which 578.27 can be money: 578.27 − 106.78 = 471.49
    // money, 625.99 − 578.27 = 47.72 back to the wallet; connections in full gives back 15.73 of SLA.
    const second = issueCreditNote(
      contract,
      invoice,
      ["connections", "seats", "usage_floor"].map((line) => ({
        kind: "line" as const,
        line,
        reason: "outage",
      })),
      { previous: [first] },
    );
    expect(second.total).toBe("519.21");
    expect(second.settlement).toEqual({
      money: "471.49",
      credits: [
        { id: "wallet", name: "Prepaid wallet", stage: "after_tax", restored: "47.72" },
        { id: "sla_march", name: "SLA credit (February outage)", stage: "before_tax", restored: "15.73" },
      ],
    });
    // Note 3, the rest: requests 49.60 + 9.42, egress eu 58.50 + 11.12, egress us 15.78 + 3.00, storage
    // 4.08 + 0.78 = 152.28; 625.99 + 152.28 = 778.27, the invoice's total. No money is left to give
    // (578.27 given), so all of it goes to the wallet: 47.72 + 152.28 = 200.00, what the wallet paid.
    const third = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "outage" }], {
      previous: [first, second],
    });
    expect(third.total).toBe("152.28");
    expect(third.settlement).toEqual({
      money: "0.00",
      credits: [{ id: "wallet", name: "Prepaid wallet", stage: "after_tax", restored: "152.28" }],
    });
  });

  it("writes no settlement for an invoice that drew no credit grant (cdn-basic)", () => {
    const note = issueCreditNote(fixtureContract("cdn-basic"), fixtureInvoice("cdn-basic"), [
      { kind: "invoice", reason: "void" },
    ]);
    expect(note.settlement).toBeUndefined();
  });
});

describe("a grant kept in a custom unit gets its units back", () => {
  // 1,000 CREDIT at 0.07 USD pay a 35.00 + 25.00 = 60.00 invoice: 60.00 ÷ 0.07 = 857.14…, so 858 CREDIT
  // are used (858 × 0.07 = 60.06, capped at the 60.00 due).
  const contract = creditUnitWallet();

  it("in proportion to the money, rounded down, and all it used once all its money is back", () => {
    const invoice = rateInvoice(contract, computeAndStorageUsage("35", "25"), "2026-03", {
      creditsStartFull: true,
    });
    expect(invoice.credits?.[0]).toMatchObject({ applied: "-60.00", unitsUsed: "858" });
    // all 60.00 was paid by the wallet: nothing goes back as money. 25.00 of 60.00: 858 × 25 ÷ 60 =
    // 357.5, rounded down to 357 CREDIT.
    const first = issueCreditNote(contract, invoice, [{ kind: "line", line: "storage", reason: "x" }]);
    expect(first.settlement).toEqual({
      money: "0.00",
      credits: [
        {
          id: "wallet",
          name: "Prepaid credits",
          stage: "after_tax",
          restored: "25.00",
          unit: "CREDIT",
          unitsRestored: "357",
        },
      ],
    });
    // the rest, 35.00, brings the wallet's money back in full: all 858 CREDIT, 858 − 357 = 501 more
    const second = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "x" }], {
      previous: [first],
    });
    expect(second.settlement?.credits).toEqual([
      {
        id: "wallet",
        name: "Prepaid credits",
        stage: "after_tax",
        restored: "35.00",
        unit: "CREDIT",
        unitsRestored: "501",
      },
    ]);
  });
});

describe("lines finer than the currency: grants paid fractions of a cent", () => {
  // Lines kept to 4 decimals, the total rounded half-even to cents. Compute 60 × 1.00 = 60.0000 and
  // storage 40 × 1.00 = 40.0000: total 100.00. After tax, "topup" (a carried balance of 0.0030, drawn
  // first: ids break the tie) pays 0.0030 and "wallet" 50.0000; due 100.00 − 50.0030 = 49.9970, rounded
  // half-even to 50.00 (an adjustment of +0.0030).
  const contract = walletAndTopUp();

  it("gives back money in cents and the rest to the grants: each note's parts add up to it exactly", () => {
    const invoice = rateInvoice(contract, computeAndStorageUsage("60", "40"), "2026-03", {
      creditBalances: { topup: "0.0030" },
      creditsStartFull: true,
    });
    expect([invoice.total, invoice.amountDue]).toEqual(["100.00", "50.00"]);
    expect(invoice.credits?.map((credit) => credit.applied)).toEqual(["-0.0030", "-50.0000"]);
    // Note 1, storage: 40.00, all money (40.00 ≤ 50.00 asked in money).
    const first = issueCreditNote(contract, invoice, [{ kind: "line", line: "storage", reason: "x" }]);
    expect(first.settlement).toEqual({ money: "40.00", credits: [] });
    // Note 2, compute: 60.00, running 100.00: the invoice credited in full. Money in all is what was
    // asked in money, the amount due 50.00, so 50.00 − 40.00 = 10.00 money; each grant gets back
    // exactly what it paid, the wallet 50.0000 and the top-up 0.0030. Before rounding the money was
    // 60.00 − (50.0000 + 0.0030) = 9.9970; 10.00 − 9.9970 = +0.0030 is the amount due's rounding,
    // the invoice's own adjustment (49.9970 → 50.00), in the note's `rounding`:
    // 10.00 + 0.0030 + 50.0000 − 0.0030 = 60.00.
    // Before: 10.00 money and 50.0000 back to the wallet, the top-up short of its 0.0030.
    const second = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "x" }], {
      previous: [first],
    });
    expect(second.total).toBe("60.00");
    expect(invoice.rounding?.amountDue?.adjustment).toBe("0.0030");
    expect(second.settlement).toEqual({
      money: "10.00",
      rounding: { before: "9.9970", adjustment: "0.0030" },
      credits: [
        { id: "topup", name: "Top-up", stage: "after_tax", restored: "0.0030" },
        { id: "wallet", name: "Wallet", stage: "after_tax", restored: "50.0000" },
      ],
    });
  });

  it("gives no money back when the amount due was rounded down to 0.00: the grant gets back what it paid, the note says the rounding", () => {
    // Compute 25.01 × 1.00 = 25.0100, storage 0: total 25.01. The wallet (balance 25.0060) pays 25.0060;
    // due 25.01 − 25.0060 = 0.0040, rounded half-even to 0.00 (an adjustment of −0.0040).
    const invoice = rateInvoice(contract, computeAndStorageUsage("25.01", "0"), "2026-03", {
      creditBalances: { wallet: "25.0060", topup: "0" },
      creditsStartFull: true,
    });
    expect([invoice.total, invoice.amountDue]).toEqual(["25.01", "0.00"]);
    // The customer paid no money, so none goes back: 0.00 money, and the wallet gets back exactly
    // what it paid, 25.0060. Before rounding the money was 25.01 − 25.0060 = 0.0040; 0.00 − 0.0040 =
    // −0.0040 is the amount due's rounding, the invoice's own adjustment, which the customer was let
    // off: 0.00 + 0.0040 + 25.0060 = 25.01. Rounding money up instead would refund 0.01 the customer
    // never paid. Before: 25.0100 back to the wallet, 0.0040 more than it paid.
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "x" }]);
    expect(invoice.rounding?.amountDue?.adjustment).toBe("-0.0040");
    expect(note.settlement).toEqual({
      money: "0.00",
      rounding: { before: "0.0040", adjustment: "-0.0040" },
      credits: [{ id: "wallet", name: "Wallet", stage: "after_tax", restored: "25.0060" }],
    });
  });

  it("gives a full grant back no more than it paid, so its balance carries into the next invoice", () => {
    // The top-up (drawn first) is full, 1.00; the wallet has 25.0060 carried. Compute 26.01 × 1.00:
    // total 26.01, the top-up pays 1.0000, the wallet 25.0060, due 26.01 − 26.0060 = 0.0040 → 0.00.
    const march = rateInvoice(contract, computeAndStorageUsage("26.01", "0"), "2026-03", {
      creditBalances: { topup: "1", wallet: "25.0060" },
    });
    expect([march.total, march.amountDue]).toEqual(["26.01", "0.00"]);
    const note = issueCreditNote(contract, march, [{ kind: "invoice", reason: "x" }]);
    // Each grant back exactly what it paid: 1.0000 and 25.0060; 0.00 + 0.0040 + 26.0060 = 26.01.
    // Before: the top-up got 26.01 − 25.0060 = 1.0040, more than its whole amount of 1.00.
    expect(note.settlement).toEqual({
      money: "0.00",
      rounding: { before: "0.0040", adjustment: "-0.0040" },
      credits: [
        { id: "topup", name: "Top-up", stage: "after_tax", restored: "1.0000" },
        { id: "wallet", name: "Wallet", stage: "after_tax", restored: "25.0060" },
      ],
    });
    // April carries each grant's balance after March plus what the note gave back (docs/cli.md, "Credit
    // balances across invoices"): top-up 0.0000 + 1.0000 = 1.0000, wallet 0.0000 + 25.0060 = 25.0060.
    // Before, the top-up's 1.0040 was refused: more than the grant's 1.
    const carried = Object.fromEntries(
      (march.credits ?? []).map((credit) => {
        const back = note.settlement?.credits.find((restored) => restored.id === credit.id)?.restored;
        return [credit.id, new Decimal(credit.balanceAfter).plus(back ?? 0).toFixed()];
      }),
    );
    expect(carried).toEqual({ topup: "1", wallet: "25.006" });
    const aprilUsage = [usageEvent("1", "a", "2026-04-02T00:00:00Z", { v: "2" })];
    const april = rateInvoice(contract, aprilUsage, "2026-04", { creditBalances: carried });
    // 2.00 billed: the top-up's 1.0000, then 1.0000 of the wallet's 25.0060, 0.00 due.
    expect(april.credits?.map((credit) => [credit.id, credit.balanceBefore, credit.applied])).toEqual([
      ["topup", "1.0000", "-1.0000"],
      ["wallet", "25.0060", "-1.0000"],
    ]);
    expect(april.amountDue).toBe("0.00");
  });

  it("in two notes, says the amount due's rounding on the one that credits the invoice in full", () => {
    // Invoice B as above: total 26.01, the top-up 1.0000 and the wallet 25.0060, due 0.0040 → 0.00.
    const march = rateInvoice(contract, computeAndStorageUsage("26.01", "0"), "2026-03", {
      creditBalances: { topup: "1", wallet: "25.0060" },
    });
    // Note 1, 10.00 of compute: running 10.00, money min(10.00, 0.00) = 0.00, 10.00 to the wallet
    // (drawn last), 10.00 ≤ its 25.0060: no rounding yet.
    const first = issueCreditNote(contract, march, [
      { kind: "amount", line: "compute", amount: "10", reason: "x" },
    ]);
    expect(first.settlement).toEqual({
      money: "0.00",
      credits: [{ id: "wallet", name: "Wallet", stage: "after_tax", restored: "10.0000" }],
    });
    // Note 2, the rest 16.01: running 26.01, credited in full. Money 0.00; the wallet 25.0060 − 10.0000 =
    // 15.0060, the top-up 1.0000; before 16.01 − 16.0060 = 0.0040, adjustment 0.00 − 0.0040 = −0.0040.
    const second = issueCreditNote(contract, march, [{ kind: "invoice", reason: "x" }], {
      previous: [first],
    });
    expect(second.total).toBe("16.01");
    expect(second.settlement).toEqual({
      money: "0.00",
      rounding: { before: "0.0040", adjustment: "-0.0040" },
      credits: [
        { id: "topup", name: "Top-up", stage: "after_tax", restored: "1.0000" },
        { id: "wallet", name: "Wallet", stage: "after_tax", restored: "15.0060" },
      ],
    });
  });
});
describe("a credit taken before tax", () => {
  // A 30.00 promotional grant on storage only, before tax: storage 20 × 1.00 = 20.00 is paid entirely
  // (its net is 0.00, 10.00 of the grant left), compute 35 × 1.00 = 35.00 is not touched; total 35.00.
  const contract = buildContract(COMPUTE_AND_STORAGE, {
    credits: [{ id: "promo", name: "Promo", kind: "promotional", amount: "30", charges: ["storage"] }],
  });

  it("goes back on a line it paid entirely once every line billing more than 0 is credited in full", () => {
    const invoice = rateInvoice(contract, computeAndStorageUsage("35", "20"), "2026-03", {
      creditsStartFull: true,
    });
    expect(invoice.credits?.[0]).toMatchObject({ stage: "before_tax", applied: "-20.00" });
    expect(invoice.total).toBe("35.00");
    // compute is the only line billing more than 0: credited in full, the invoice is undone, and the
    // 20.00 the grant paid for storage goes back to it
    const note = issueCreditNote(contract, invoice, [{ kind: "line", line: "compute", reason: "x" }]);
    expect(note.settlement).toEqual({
      money: "35.00",
      credits: [{ id: "promo", name: "Promo", stage: "before_tax", restored: "20.00" }],
    });
  });

  it("stays drawn on that line while another line is not credited in full", () => {
    const invoice = rateInvoice(contract, computeAndStorageUsage("35", "20"), "2026-03", {
      creditsStartFull: true,
    });
    // 10.00 of compute's 35.00: compute is not credited in full, so nothing goes back to the grant
    const note = issueCreditNote(contract, invoice, [
      { kind: "amount", line: "compute", amount: "10", reason: "x" },
    ]);
    expect(note.settlement).toEqual({ money: "10.00", credits: [] });
  });

  it("goes back in full with a note of the whole invoice when it paid every line (total 0)", () => {
    // A 100.00 grant on both charges pays compute 35.00 and storage 20.00 entirely: 55.00 drawn, every
    // net 0.00, total 0.00. A note of the whole invoice credits 0.00 of money and undoes the invoice, so
    // the 55.00 goes back to the grant. Before: the note had no line, and gave back nothing (credits []):
    // the customer lost 55.00 of promotional credit on a cancelled invoice.
    const covered = buildContract(COMPUTE_AND_STORAGE, {
      credits: [
        { id: "promo", name: "Promo", kind: "promotional", amount: "100", charges: ["compute", "storage"] },
      ],
    });
    const invoice = rateInvoice(covered, computeAndStorageUsage("35", "20"), "2026-03", {
      creditsStartFull: true,
    });
    expect([invoice.total, invoice.credits?.[0]?.applied]).toEqual(["0.00", "-55.00"]);
    const note = issueCreditNote(covered, invoice, [{ kind: "invoice", reason: "cancelled" }]);
    expect(note.settlement).toEqual({
      money: "0.00",
      credits: [{ id: "promo", name: "Promo", stage: "before_tax", restored: "55.00" }],
    });
    // A second note of the whole invoice gives nothing back twice.
    const again = issueCreditNote(covered, invoice, [{ kind: "invoice", reason: "again" }], {
      previous: [note],
    });
    expect(again.settlement).toEqual({ money: "0.00", credits: [] });
  });

  it("writes no settlement when the grant gave nothing (a balance of 0)", () => {
    const invoice = rateInvoice(contract, computeAndStorageUsage("35", "20"), "2026-03", {
      creditBalances: { promo: "0" },
    });
    expect(invoice.credits?.[0]).toMatchObject({ applied: "0.00" });
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "x" }]);
    expect(note.settlement).toBeUndefined();
  });
});

// Saas-seats' April invoice (fixtures/saas-seats/README.md): support 50.00, api_requests 904.63, the
// unused time of 10 seats dropped to 5 credited −40.00, seats@2026-04-21 60.00, seats 180.00, platform
// 300.00: 1,494.63 of charges − 40.00 = 1,454.63 billed, no tax.
describe("an invoice with a credit line (negative)", () => {
  const contract = fixtureContract("saas-seats");
  const invoice = fixtureInvoice("saas-seats");

  it("is credited in whole for what it billed, 1,454.63, its credit line taken back", () => {
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "void" }]);
    // before, the credit line was left out and the note credited 1,494.63: 40.00 never billed
    expect(note.total).toBe("1454.63");
    expect(note.lines.find((line) => line.corrects === "seats:unused@2026-04-21")).toMatchObject({
      invoiced: "-40.00",
      amount: "-40.00",
    });
  });

  it("is never credited beyond what it billed, charge by charge", () => {
    const charges = ["support", "api_requests", "seats@2026-04-21", "seats"].map((line) => ({
      kind: "line" as const,
      line,
      reason: "dispute",
    }));
    // 50.00 + 904.63 + 60.00 + 180.00 = 1,194.63 credited; platform's 300.00 more would make 1,494.63
    const first = issueCreditNote(contract, invoice, charges);
    expect(first.total).toBe("1194.63");
    const error = thrown(() =>
      issueCreditNote(contract, invoice, [{ kind: "line", line: "platform", reason: "dispute" }], {
        previous: [first],
      }),
    );
    expect(error).toMatchObject({
      code: "credit_exceeds_invoiced",
      path: "corrections",
      message: expect.stringContaining("billed 1454.63 in all"),
    });
    // the whole invoice credits what is left: 300.00 − 40.00 = 260.00, and 1,194.63 + 260.00 = 1,454.63
    const rest = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "void" }], {
      previous: [first],
    });
    expect(rest.total).toBe("260.00");
  });

  it("refuses a correction of the credit line alone: a note gives back charges", () => {
    const error = thrown(() =>
      issueCreditNote(contract, invoice, [{ kind: "line", line: "seats:unused@2026-04-21", reason: "x" }]),
    );
    expect(error).toMatchObject({
      code: "credit_exceeds_invoiced",
      path: "corrections[0].line",
      message: expect.stringContaining("is a credit of -40.00 to the customer, not a charge"),
    });
  });
});

describe("a late-usage correction in credit_note mode, with a prepaid wallet", () => {
  // docs/late-usage.md's example with a 30.00 wallet after tax: issued 900 GB × 0.10 + 10.00 = 100.00,
  // 30.00 from the wallet, 70.00 due; with 200 late GB, 1,100 GB × 0.08 + 10.00 = 98.00, the wallet
  // drawn again from the balance it opened with, 68.00 due.
  const contract = buildContract(VOLUME_BANDWIDTH, {
    lateUsage: { correction: "credit_note" },
    credits: [{ id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "30" }],
  });
  const usage = [marchGb("a", 3, "500"), marchGb("b", 9, "400")];

  it("gives the wallet's 30.00 back to it, so the customer pays 68.00 in all, not 38.00", () => {
    const issued = rateInvoice(contract, usage, "2026-03", { creditsStartFull: true });
    expect([issued.total, issued.amountDue]).toEqual(["100.00", "70.00"]);
    const result = correctLateUsage(contract, issued, usage, [marchGb("late", 20, "200")], {
      billOn: "2026-04",
      creditsStartFull: true,
    });
    if (result.mode !== "credit_note" || result.creditNote === undefined) throw new Error("no credit note");
    expect(result.reissued?.amountDue).toBe("68.00");
    // 100.00 credited: 70.00 money, 30.00 back to the wallet, which the re-issue draws again. Money:
    // 70.00 paid − 70.00 given back + 68.00 = 68.00; booked as 100.00 of money it would be 38.00.
    expect(result.creditNote.settlement).toEqual({
      money: "70.00",
      credits: [{ id: "wallet", name: "Wallet", stage: "after_tax", restored: "30.00" }],
    });
    expect(explainLateUsage(result)).toContain(
      "Of the $100.00 credited: $70.00 as money (refunded, or taken off what is due), $30.00 back to Wallet (wallet).",
    );
  });
});
