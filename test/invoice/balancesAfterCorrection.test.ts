import { describe, expect, it } from "vitest";
import {
  balancesAfterCorrection,
  correctLateUsage,
  issueCreditNote,
  rateInvoice,
} from "../../src/invoice/index.js";
import { buildContract, type ContractOverrides } from "../_support/contract.js";
import { marchGb, VOLUME_BANDWIDTH } from "../_support/lateUsageExample.js";
import { thrown } from "../_support/thrown.js";

// docs/late-usage.md's example with a wallet after tax: March issued 10.00 + 900 GB × 0.10 = 100.00, the
// wallet pays it; 200 GB late re-rate it to 10.00 + 1,100 GB × 0.08 = 98.00. Between the two, a goodwill
// note of 20.00 on the bandwidth line credits the issued invoice; what it gives back to the wallet must
// reach April's opening balance, beside the re-rating's draw.
const USAGE = [marchGb("a", 3, "500"), marchGb("b", 9, "400")];
const LATE = [marchGb("late", 20, "200")];
const wallet = (amount: string) => ({
  id: "wallet",
  name: "Wallet",
  kind: "prepaid" as const,
  taxed: "at_use" as const,
  amount,
});
const GOODWILL = [{ kind: "amount" as const, line: "gb", amount: "20.00", reason: "goodwill" }];

const documents = (amount: string, mode: "next_invoice" | "credit_note") => {
  const overrides: ContractOverrides = { ...VOLUME_BANDWIDTH, lateUsage: { correction: mode } };
  const contract = buildContract(overrides, { credits: [wallet(amount)] });
  const issued = rateInvoice(contract, USAGE, "2026-03", { creditsStartFull: true });
  const note = issueCreditNote(contract, issued, GOODWILL);
  const correction = correctLateUsage(contract, issued, USAGE, LATE, {
    billOn: "2026-04",
    creditsStartFull: true,
  });
  return { contract, note, correction };
};

describe("balancesAfterCorrection: a next_invoice correction and notes of the issued invoice", () => {
  // 200.00 wallet: issued draws 100.00 (100.00 left, 0.00 due); the note's 20.00 cannot go back as money
  // (0.00 was asked), so all of it goes to the wallet; re-rated draws 98.00 from 200.00 (102.00 left).
  // April opens at 102.00 + 20.00 = 122.00 = 200.00 − (98.00 − 20.00), March as it now stands less the
  // note. Before, the note was refused as "another version of invoice" (the re-rated one's digest).
  it("opens the wallet at the re-rated 102.00 + the note's 20.00 = 122.00", () => {
    const { note, correction } = documents("200.00", "next_invoice");
    if (correction.mode !== "next_invoice") throw new Error("next_invoice expected");
    expect(note.settlement?.credits[0]?.restored).toBe("20.00");
    expect(balancesAfterCorrection(correction, [note])).toEqual({ wallet: "122.00" });
    expect(balancesAfterCorrection(correction, [])).toEqual({ wallet: "102.00" });
  });

  // 90.00 wallet: issued draws 90.00, 10.00 due; the note gives 10.00 back as money (what was asked) and
  // 10.00 to the wallet; re-rated draws 90.00 again, 8.00 due (amountDue 8.00 − 10.00 = −2.00). April
  // opens at 0.00 + 10.00 = 10.00. March costs 98.00 − 20.00 = 78.00: the wallet 90.00 − 10.00 = 80.00,
  // money 10.00 − 10.00 − 2.00 = −2.00; 80.00 − 2.00 = 78.00.
  it("opens a 90.00 wallet at 0.00 + 10.00 when the note gave half back as money", () => {
    const { note, correction } = documents("90.00", "next_invoice");
    if (correction.mode !== "next_invoice") throw new Error("next_invoice expected");
    expect([note.settlement?.money, correction.amountDue]).toEqual(["10.00", "-2.00"]);
    expect(balancesAfterCorrection(correction, [note])).toEqual({ wallet: "10.00" });
  });

  it("checks the notes against the issued invoice's digest the correction records", () => {
    const { note, correction } = documents("200.00", "next_invoice");
    if (correction.mode !== "next_invoice") throw new Error("next_invoice expected");
    const other = { ...correction, invoiceDigest: "sha256:0000" };
    expect(thrown(() => balancesAfterCorrection(other, [note]))).toMatchObject({
      code: "credit_note_mismatch",
      path: "notes[0].invoiceDigest",
    });
  });
});

describe("balancesAfterCorrection: a credit_note correction", () => {
  // The correction's note gave the wallet back what March drew (100.00: 200.00) and the re-issue drew
  // 98.00 again: 102.00, which already holds whatever the issued invoice's notes gave back; adding the
  // goodwill's 20.00 again would open April at 122.00 where the documents leave 102.00.
  it("refuses a note of the issued invoice, naming the re-issued one", () => {
    const { note, correction } = documents("200.00", "credit_note");
    if (correction.mode !== "credit_note" || correction.reissued === undefined)
      throw new Error("a re-issued invoice expected");
    const { invoiceId, reissued } = correction;
    const error = thrown(() => balancesAfterCorrection({ mode: "credit_note", invoiceId, reissued }, [note]));
    expect(error).toMatchObject({ code: "credit_note_mismatch", path: "notes[0].invoiceId" });
    expect(String((error as Error).message)).toContain(`give only the credit notes of ${reissued.id}`);
  });

  // A note of the re-issued invoice (98.00, all from the wallet): 20.00 back, 102.00 + 20.00 = 122.00.
  it("adds a note of the re-issued invoice to its balances: 102.00 + 20.00", () => {
    const { contract, correction } = documents("200.00", "credit_note");
    if (correction.mode !== "credit_note" || correction.reissued === undefined)
      throw new Error("a re-issued invoice expected");
    const { invoiceId, reissued } = correction;
    const note = issueCreditNote(contract, reissued, GOODWILL);
    expect(balancesAfterCorrection({ mode: "credit_note", invoiceId, reissued }, [note])).toEqual({
      wallet: "122.00",
    });
  });
});
