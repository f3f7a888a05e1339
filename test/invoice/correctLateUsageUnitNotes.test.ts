import { describe, expect, it } from "vitest";
import { explainLateUsage } from "../../src/explain/index.js";
import { correctLateUsage, issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  type ChargeInput,
  type ContractOverrides,
  flatCharge,
  sumMeter,
} from "../_support/contract.js";
import { marchGb } from "../_support/lateUsageExample.js";
import { thrown } from "../_support/thrown.js";

// A next_invoice correction of an invoice a credit note took units off (docs/late-usage.md, "After a
// credit note that took units off"). Until 6 December 2026 the notes were ignored in this mode: the
// re-rating counted the units the note had credited, and on a non-linear price the next invoice billed
// the wrong money (graduated: 10.00 where 20.00 was owed).
const bandwidth = (price: ChargeInput["price"]): ContractOverrides => ({
  meters: [sumMeter("use", { unit: "GB" })],
  charges: [{ id: "gb", name: "Bandwidth", meter: "use", price }, flatCharge("platform", "Platform", "10")],
});
const GRADUATED = bandwidth({
  model: "graduated",
  tiers: [
    { upTo: "1000", unitPrice: "0.10" },
    { upTo: null, unitPrice: "0.05" },
  ],
});
const VOLUME = bandwidth({
  model: "volume",
  tiers: [
    { upTo: "1000", unitPrice: "0.10" },
    { upTo: null, unitPrice: "0.08" },
  ],
});
// 5.00 a started package of 100 GB (round_up, the default)
const PACKAGE = bandwidth({ model: "package", packageSize: "100", packagePrice: "5" });

// Issued from a = 600 and b = gbB GB; a note takes `off` GB of b off (double-counted); 200 GB arrive late.
function scenario(terms: ContractOverrides, gbB: number, off: number, late = "200") {
  const contract = buildContract(terms);
  const usage = [marchGb("a", 3, "600"), marchGb("b", 9, String(gbB))];
  const issued = rateInvoice(contract, usage, "2026-03");
  const corrections = [{ kind: "quantity", line: "gb", quantity: String(off), reason: "double-counted" }];
  const note = issueCreditNote(contract, issued, corrections);
  // the usage as it was, without the units found wrong
  const trueUsage = [marchGb("a", 3, "600"), marchGb("b", 9, String(gbB - off))];
  const lateEvents = [marchGb("late", 20, late)];
  const result = correctLateUsage(contract, issued, trueUsage, lateEvents, {
    billOn: "2026-04",
    creditNotes: [note],
  });
  if (result.mode !== "next_invoice") throw new Error("expected next_invoice");
  return { contract, usage, issued, note, trueUsage, lateEvents, result };
}

describe("correctLateUsage next_invoice after a credit note that took units off", () => {
  it("graduated: bills what the true usage costs less what the customer was billed after the note", () => {
    const { issued, note, result } = scenario(GRADUATED, 500, 300);
    // issued 1,100 GB: 1,000 × 0.10 + 100 × 0.05 = 105.00, + 10.00 = 115.00
    expect(issued.total).toBe("115.00");
    // 300 GB off: 800 × 0.10 = 80.00 kept, 25.00 credited
    expect(note.total).toBe("25.00");
    // true usage 800 + 200 late = 1,000 GB: 100.00; billed 80.00 for it → +20.00
    expect(result.lines.map((line) => [line.kind, line.quantity, line.amount])).toEqual([
      ["reversal", "-800", "-80.00"],
      ["rebook", "1000", "100.00"],
    ]);
    expect(result.subtotal).toBe("20.00");
    expect(result.total).toBe("20.00");
    // 115.00 − 25.00 + 20.00 = 110.00 = 1,000 GB (100.00) + 10.00. Before: 1,300 GB re-rated
    // (115.00) − 105.00 = 10.00, and the customer paid 100.00.
    expect(result.unitsCredited).toEqual([{ id: note.id, digest: note.digest, total: "25.00" }]);
    expect(result.rerated.lines.find((line) => line.id === "gb")?.quantity).toBe("1000");
  });

  it("volume: every unit moves back to the first tier", () => {
    const { issued, note, result } = scenario(VOLUME, 500, 300);
    // issued 1,100 GB × 0.08 = 88.00 (+ 10.00); 300 off: 800 × 0.10 = 80.00 kept, 8.00 credited
    expect([issued.total, note.total]).toEqual(["98.00", "8.00"]);
    // true 1,000 GB × 0.10 = 100.00; 100.00 − 80.00 = +20.00 (before: 1,300 × 0.08 = 104.00 − 88.00 = 16.00)
    expect(result.total).toBe("20.00");
    // 98.00 − 8.00 + 20.00 = 110.00 = 100.00 + 10.00
  });

  it("package rounded up: the started package the late units fill is billed once", () => {
    const { issued, note, result } = scenario(PACKAGE, 450, 60, "20");
    // issued 1,050 GB: 11 packages = 55.00; 60 off: 990 GB, 10 packages = 50.00, 5.00 credited
    expect([issued.total, note.total]).toEqual(["65.00", "5.00"]);
    // true 990 + 20 = 1,010 GB: 11 packages = 55.00; 55.00 − 50.00 = +5.00 (before: 1,070 GB, 11
    // packages, 0.00, and the customer paid 60.00 for 1,010 GB)
    expect(result.total).toBe("5.00");
  });

  it("refuses the usage as issued with the note: its re-rating would bill the credited units again", () => {
    const { contract, usage, issued, note, lateEvents } = scenario(GRADUATED, 500, 300);
    const options = { billOn: "2026-04", creditNotes: [note] };
    expect(thrown(() => correctLateUsage(contract, issued, usage, lateEvents, options))).toMatchObject({
      code: "usage_does_not_reproduce",
      path: "usage",
    });
    // usage that is neither the issued one nor the one the note leaves (100 GB off, not 300): 1,000 GB
    // = 100.00 + 10.00 = 110.00 of lines, where the customer was billed 115.00 − 25.00 = 90.00
    const other = [marchGb("a", 3, "600"), marchGb("b", 9, "400")];
    expect(thrown(() => correctLateUsage(contract, issued, other, lateEvents, options))).toMatchObject({
      code: "usage_does_not_reproduce",
      path: "usage",
      message: expect.stringContaining("rates to lines of 110.00, not the 90.00"),
    });
  });

  it("says to give the note when the usage without its units is given without it", () => {
    const { contract, issued, trueUsage, lateEvents } = scenario(GRADUATED, 500, 300);
    // 600 + 200 = 800 GB where the invoice billed 1,100: 80.00 + 10.00 = 90.00 against 115.00
    const refused = thrown(() =>
      correctLateUsage(contract, issued, trueUsage, lateEvents, { billOn: "2026-04" }),
    );
    expect(refused).toMatchObject({ code: "usage_does_not_reproduce", path: "usage" });
    const message = String((refused as Error).message);
    expect(message).toContain("rates to a total of 90.00, not the 115.00 issued");
    expect(message).toContain("fewer units than the invoice billed (gb: 800, not 1100)");
    expect(message).toContain("give the note with this usage (--previous FILE on the CLI");
    // more units than billed (a usage file of another period, say) keeps the general sentence
    const more = [marchGb("a", 3, "600"), marchGb("b", 9, "600")];
    const general = thrown(() => correctLateUsage(contract, issued, more, lateEvents, { billOn: "2026-04" }));
    expect(String((general as Error).message)).not.toContain("credit note");
  });

  it("keeps a note of an amount as given: the usage is the issued one and the concession stays", () => {
    const contract = buildContract(GRADUATED);
    const usage = [marchGb("a", 3, "600"), marchGb("b", 9, "500")];
    const issued = rateInvoice(contract, usage, "2026-03");
    const goodwill = issueCreditNote(contract, issued, [
      { kind: "amount", line: "gb", amount: "10.00", reason: "goodwill" },
    ]);
    const result = correctLateUsage(contract, issued, usage, [marchGb("late", 20, "200")], {
      billOn: "2026-04",
      creditNotes: [goodwill],
    });
    if (result.mode !== "next_invoice") throw new Error("expected next_invoice");
    // 1,300 GB: 100.00 + 300 × 0.05 = 115.00, less 105.00 billed = +10.00; 115.00 − 10.00 + 10.00 =
    // 115.00 = 1,300 GB (115.00) + 10.00 − the 10.00 goodwill, which still holds
    expect(result.total).toBe("10.00");
    expect(result.unitsCredited).toBeUndefined();
  });
});

// credit_note mode after a note of units: the same rule. Until 6 December 2026 this mode re-issued the
// period from the usage as issued ("book it again if it still holds"), so the units the note credited
// were billed again: 1,300 GB re-issued = 100.00 + 300 × 0.05 + 10.00 = 125.00, and the customer paid
// 115.00 − 25.00 − 90.00 + 125.00 = 125.00 for usage that costs 110.00.
describe("correctLateUsage credit_note after a credit note that took units off", () => {
  const withNote = () => {
    const contract = buildContract({ ...GRADUATED, lateUsage: { correction: "credit_note" } });
    const usage = [marchGb("a", 3, "600"), marchGb("b", 9, "500")];
    const issued = rateInvoice(contract, usage, "2026-03");
    const note = issueCreditNote(contract, issued, [
      { kind: "quantity", line: "gb", quantity: "300", reason: "double-counted" },
    ]);
    return { contract, usage, issued, note, options: { billOn: "2026-04", creditNotes: [note] } };
  };
  const late = [marchGb("late", 20, "200")];

  it("re-issues the true usage and credits what the note left: the customer pays 110.00", () => {
    const { contract, issued, note, options } = withNote();
    const trueUsage = [marchGb("a", 3, "600"), marchGb("b", 9, "200")];
    const result = correctLateUsage(contract, issued, trueUsage, late, options);
    if (result.mode !== "credit_note") throw new Error("expected credit_note");
    // issued 115.00; the note 25.00; the correction's note credits what it left: 115.00 − 25.00 = 90.00
    expect([issued.total, note.total, result.creditNote?.total]).toEqual(["115.00", "25.00", "90.00"]);
    // re-issued from 800 + 200 = 1,000 GB: 1,000 × 0.10 = 100.00 + 10.00 = 110.00
    expect(result.reissued?.lines.find((line) => line.id === "gb")?.quantity).toBe("1000");
    expect(result.reissued?.total).toBe("110.00");
    // 115.00 − 25.00 − 90.00 + 110.00 = 110.00, as next_invoice's 115.00 − 25.00 + 20.00
    // listed as counted, so --commitment-spend of the correction carries the note as taken
    expect(result.unitsCredited).toEqual([{ id: note.id, digest: note.digest, total: "25.00" }]);
    // the text names the note: without it, the re-issue's 1,000 GB (not the 1,100 + 200 issued and
    // late) and the 90.00 credited (not 115.00) had no reason a specialist could read
    expect(explainLateUsage(result)).toContain(
      `Credit note ${note.id} took units off the invoice and credited $25.00: the new credit note credits what it left, and the usage re-rated is without those units.`,
    );
  });

  it("refuses the usage as issued with the note: the re-issue would bill the credited units again", () => {
    const { contract, usage, issued, options } = withNote();
    expect(thrown(() => correctLateUsage(contract, issued, usage, late, options))).toMatchObject({
      code: "usage_does_not_reproduce",
      path: "usage",
      message: expect.stringContaining("Give the usage without the events found wrong"),
    });
  });
});

describe("correctLateUsage credit_note after a note of units that gave credit back to a wallet", () => {
  it("the notes give the wallet back what it paid once, and the re-issue draws it for the true usage", () => {
    const wallet = {
      id: "wallet",
      name: "Wallet",
      kind: "prepaid" as const,
      taxed: "at_use" as const,
      amount: "130",
    };
    const contract = buildContract({
      ...GRADUATED,
      lateUsage: { correction: "credit_note" },
      credits: [wallet],
    });
    const full = { creditsStartFull: true };
    const issued = rateInvoice(contract, [marchGb("a", 3, "600"), marchGb("b", 9, "500")], "2026-03", full);
    const note = issueCreditNote(contract, issued, [
      { kind: "quantity", line: "gb", quantity: "300", reason: "double-counted" },
    ]);
    const trueUsage = [marchGb("a", 3, "600"), marchGb("b", 9, "200")];
    const result = correctLateUsage(contract, issued, trueUsage, [marchGb("late", 20, "200")], {
      ...full,
      billOn: "2026-04",
      creditNotes: [note],
    });
    if (result.mode !== "credit_note") throw new Error("expected credit_note");
    // issued 115.00, all paid by the 130.00 wallet (15.00 left); the note's 25.00 goes back to it
    const back = (n: typeof note | undefined) => n?.settlement?.credits[0]?.restored ?? "0";
    expect([issued.amountDue ?? issued.total, back(note)]).toEqual(["0.00", "25.00"]);
    // the correction's note gives back the other 90.00: 25.00 + 90.00 = 115.00, what the wallet paid
    expect(back(result.creditNote)).toBe("90.00");
    // re-issued 1,000 GB = 110.00, drawn from the 130.00 the issued invoice opened with: 20.00 left
    expect(result.reissued?.total).toBe("110.00");
    expect(result.reissued?.credits?.[0]?.balanceAfter).toBe("20.00");
  });
});
