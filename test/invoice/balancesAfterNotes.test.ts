import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  balancesAfterNotes,
  type Invoice,
  invoiceSchema,
  issueCreditNote,
  rateInvoice,
} from "../../src/invoice/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import { computeAndStorageUsage, creditUnitWallet, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

const goldenRich = (): Invoice =>
  invoiceSchema.parse(
    JSON.parse(
      readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "golden-rich", "expected.json"), "utf8"),
    ),
  );

// Golden-rich's March invoice drew the whole 200.00 wallet after tax and the whole 25.00 SLA credit
// before tax: both leave March at 0.00 (credits[].balanceAfter). A note of the whole invoice gives back
// 200.00 to the wallet and 25.00 to the SLA credit (docs/credit-notes.md). April opens with what March
// left plus what the note gave back: 0.00 + 200.00 and 0.00 + 25.00. Read from the invoice alone, April
// opened both at 0.00 and the customer lost 225.00 the note said went back.
describe("the balances the next invoice opens with, after the credit notes of the previous one", () => {
  const contract = fixtureContract("golden-rich");
  const invoice = goldenRich();

  it("adds what each note gave back to each grant's balance after the invoice", () => {
    expect(balancesAfterNotes(invoice, [])).toEqual({ sla_march: "0.00", wallet: "0.00" });
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "re-issued" }]);
    expect(balancesAfterNotes(invoice, [note])).toEqual({ sla_march: "25.00", wallet: "200.00" });
  });

  it("adds the notes up: 106.78 of money first, then 47.72 and 152.28 back to the wallet", () => {
    // docs/credit-notes.md's three notes: note 1 (platform) is money and 9.27 back to the SLA credit;
    // note 2 is 471.49 of money and 625.99 − 578.27 = 47.72 to the wallet, 15.73 to the SLA credit;
    // note 3 is 152.28 to the wallet. After 1 and 2: wallet 47.72, SLA 9.27 + 15.73 = 25.00; after all
    // three: wallet 47.72 + 152.28 = 200.00.
    const first = issueCreditNote(contract, invoice, [{ kind: "line", line: "platform", reason: "x" }]);
    const second = issueCreditNote(
      contract,
      invoice,
      ["connections", "seats", "usage_floor"].map((line) => ({ kind: "line", line, reason: "x" })),
      { previous: [first] },
    );
    expect(balancesAfterNotes(invoice, [first, second])).toEqual({ sla_march: "25.00", wallet: "47.72" });
    const third = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "x" }], {
      previous: [first, second],
    });
    expect(balancesAfterNotes(invoice, [first, second, third])).toEqual({
      sla_march: "25.00",
      wallet: "200.00",
    });
  });

  it("refuses a note of another invoice, an edited note and a note given twice, at the note's path", () => {
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "x" }]);
    const other = { ...invoice, id: "ctr_helios_media:2026-04-01" };
    expect(thrown(() => balancesAfterNotes(other, [note]))).toMatchObject({
      code: "credit_note_mismatch",
      path: "notes[0].invoiceId",
    });
    expect(thrown(() => balancesAfterNotes(invoice, [{ ...note, total: "1.00" }]))).toMatchObject({
      code: "digest_mismatch",
      path: "notes[0].digest",
    });
    expect(thrown(() => balancesAfterNotes(invoice, [note, note]))).toMatchObject({
      code: "duplicate_id",
      path: "notes[1].id",
    });
  });
});

describe("a grant kept in a custom unit opens with its units back", () => {
  // 1,000 CREDIT at 0.07 USD pay a 35.00 + 25.00 = 60.00 invoice: 858 CREDIT used, 142 left. A note of
  // storage (25.00) gives back 858 × 25 ÷ 60 = 357.5 → 357 CREDIT: the next invoice opens with
  // 142 + 357 = 499 CREDIT (in units, not 142 + 25.00 of money).
  const contract = creditUnitWallet();

  it("142 + 357 = 499 CREDIT, then April draws from 499", () => {
    const invoice = rateInvoice(contract, computeAndStorageUsage("35", "25"), "2026-03", {
      creditsStartFull: true,
    });
    expect(invoice.credits?.[0]).toMatchObject({ unitsUsed: "858", balanceAfter: "142" });
    const note = issueCreditNote(contract, invoice, [{ kind: "line", line: "storage", reason: "x" }]);
    const balances = balancesAfterNotes(invoice, [note]);
    expect(balances).toEqual({ wallet: "499" });
    // April: 10.00 + 10.00 = 20.00 ÷ 0.07 = 285.7… → 286 CREDIT of the 499: 213 left.
    const aprilUsage = [
      usageEvent("3", "a", "2026-04-02T00:00:00Z", { v: "10" }),
      usageEvent("4", "b", "2026-04-02T00:00:00Z", { v: "10" }),
    ];
    const april = rateInvoice(contract, aprilUsage, "2026-04", {
      creditBalances: balances,
    });
    expect(april.credits?.[0]).toMatchObject({ balanceBefore: "499", unitsUsed: "286", balanceAfter: "213" });
  });
});
