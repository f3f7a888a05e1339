import { describe, expect, it } from "vitest";
import { fromCsvInvoice, fromRatecardInvoice, reconcile, renderReconcile } from "../../src/compare/index.js";
import { issueCreditNote, rateInvoice } from "../../src/index.js";
import { buildContract, meteredEvent } from "../_support/contract.js";
import { creditNoteExampleContract } from "./creditNoteExample.js";

// A platform fee of 100.00 and egress at 0.05 a GB, 20 % VAT added per line. February was issued for
// 3,000 GB (1,000 GB counted twice); the recomputation has the true 2,000 GB.
// Issued: 100.00 + 3,000 × 0.05 = 150.00 → 250.00, VAT 20.00 + 30.00 = 50.00, total 300.00.
// Recomputed: 100.00 + 2,000 × 0.05 = 100.00 → 200.00, VAT 20.00 + 20.00 = 40.00, total 240.00.
const contract = creditNoteExampleContract();
const issued = rateInvoice(contract, [meteredEvent("e1", "3000")], "2026-02");
const recomputed = rateInvoice(contract, [meteredEvent("e1", "2000")], "2026-02");
// 1,000 GB off egress: re-rated 2,000 × 0.05 = 100.00, credited 150.00 − 100.00 = 50.00 + VAT 10.00 = 60.00.
const units = issueCreditNote(contract, issued, [
  { kind: "quantity", line: "egress", quantity: "1000", reason: "1,000 GB counted twice" },
]);
// Then a goodwill credit of 20.00 on the platform fee, + VAT 4.00 = 24.00.
const goodwill = issueCreditNote(
  contract,
  issued,
  [{ kind: "amount", line: "platform", amount: "20.00", reason: "goodwill" }],
  { previous: [units] },
);

describe("reconcile with the credit notes issued against the invoice", () => {
  it("reports the credited units again without the note, and nothing with it", () => {
    expect([units.total, goodwill.total]).toEqual(["60.00", "24.00"]);
    // Without the note: egress 100.00 − 150.00 = −50.00 (usage), VAT 40.00 − 50.00 = −10.00.
    const without = reconcile(issued, recomputed);
    expect(without.discrepancies.map((d) => [d.cause, d.amount])).toEqual([
      ["usage", "-50.00"],
      ["tax", "-10.00"],
    ]);
    // Net of it: egress 3,000 − 1,000 = 2,000 GB, 150.00 − 50.00 = 100.00; VAT 50.00 − 10.00 = 40.00;
    // total 300.00 − 60.00 = 240.00: the recomputation exactly.
    const result = reconcile(issued, recomputed, { creditNotes: [units] });
    expect(result.discrepancies).toEqual([]);
    expect(result.issuedTotal).toBe("240.00");
    expect(result.creditNotes).toEqual({
      issuedTotalBeforeNotes: "300.00",
      credited: "60.00",
      notes: [
        // 50.00 of egress credited + 20 % VAT on it, 10.00, = 60.00
        {
          id: units.id,
          total: "60.00",
          tax: { mode: "exclusive", total: "10.00" },
          lines: [{ corrects: "egress", name: "Egress", amount: "50.00" }],
        },
      ],
    });
    expect(renderReconcile(result, "text")).toBe(
      [
        "Issued total 240.00 (300.00 less 60.00 of credit notes), recomputed 240.00 USD; 2 lines matched.",
        `Net of credit note ${units.id}: 60.00 USD credited, 10.00 of it tax added to the lines; lines Egress (egress) 50.00.`,
        "The issued invoice agrees with the recomputation.",
        "",
      ].join("\n"),
    );
  });

  it("names a credit the recomputation does not bear out a credit_note, not a price change", () => {
    // Platform fee 100.00 − 20.00 = 80.00 against 100.00: +20.00; VAT 50.00 − 10.00 − 4.00 = 36.00
    // against 40.00: +4.00. Total 300.00 − 84.00 = 216.00; 240.00 − 216.00 = 24.00 = 20.00 + 4.00.
    const result = reconcile(issued, recomputed, { creditNotes: [units, goodwill] });
    expect(result.discrepancies.map((d) => [d.line, d.cause, d.amount])).toEqual([
      ["platform", "credit_note", "20.00"],
      [undefined, "tax", "4.00"],
    ]);
    expect(result.issuedTotal).toBe("216.00");
    expect(result.creditNotes?.credited).toBe("84.00");
    expect(result.discrepancies[0]?.sentence).toBe(
      `"Platform fee": issued 80.00 after credit notes, recomputed 100.00: as issued the line agrees, and the credit notes credited what the recomputation still charges (a goodwill credit, or one the usage does not bear out). Issued net of credit note ${goodwill.id}: 100.00 less 20.00 credited.`,
    );
    expect(result.discrepancies[1]?.sentence).toBe(
      "Tax: issued 36.00 (50.00 less the credit notes' tax), recomputed 40.00.",
    );
  });

  it("takes a note off a CSV's line of the same description, and its tax and total rows", () => {
    // The CSV as issued (no ids): lines 100.00 and 150.00, VAT 50.00, total 300.00.
    const csv = fromCsvInvoice(
      "Item,Qty,Amount\nPlatform fee,1,100.00\nEgress,3000,150.00\nVAT 20%,,50.00\nTotal,,300.00\n",
    );
    expect(reconcile(csv, recomputed, { creditNotes: [units] }).discrepancies).toEqual([]);
    // Two rows named "Egress" and none with the id egress: which one was credited cannot be told.
    const twice = fromCsvInvoice("Item,Qty,Amount\nEgress,1000,50.00\nEgress,2000,100.00\n");
    expect(() => reconcile(twice, recomputed, { creditNotes: [units] })).toThrow(
      expect.objectContaining({ code: "unknown_line", path: "options.creditNotes[0].lines[0].corrects" }),
    );
  });

  it("leaves out a line credited in full that the recomputation no longer has", () => {
    // The platform fee credited in full (100.00 + VAT 20.00), recomputed under a contract without it:
    // egress 150.00 both sides, VAT 30.00 both sides (50.00 − 20.00), total 300.00 − 120.00 = 180.00.
    const whole = issueCreditNote(contract, issued, [
      { kind: "line", line: "platform", reason: "not ordered" },
    ]);
    const without = creditNoteExampleContract(false);
    const rerated = rateInvoice(without, [meteredEvent("e1", "3000")], "2026-02");
    const result = reconcile(fromRatecardInvoice(issued), rerated, { creditNotes: [whole] });
    expect(result.discrepancies).toEqual([]);
    expect(result.issuedTotal).toBe("180.00");
  });

  it("refuses a credit note of another invoice, one given twice, and a document that is none", () => {
    const march = rateInvoice(contract, [], "2026-03");
    const marchNote = issueCreditNote(contract, march, [{ kind: "line", line: "platform", reason: "x" }]);
    const refusal = (creditNotes: ReadonlyArray<unknown>, on = issued as Parameters<typeof reconcile>[0]) => {
      try {
        reconcile(on, recomputed, { creditNotes });
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(refusal([marchNote])).toMatchObject({
      code: "credit_note_mismatch",
      path: "options.creditNotes[0].invoiceId",
    });
    // A CSV has no id or digest: the note must credit the invoice the recomputation is.
    expect(refusal([marchNote], fromCsvInvoice("Item,Amount\nPlatform fee,100.00\n"))).toMatchObject({
      code: "credit_note_mismatch",
      path: "options.creditNotes[0].invoiceId",
      message: expect.stringContaining(`but the recomputation is invoice ${recomputed.id}`),
    });
    expect(refusal([units, units])).toMatchObject({
      code: "duplicate_id",
      path: "options.creditNotes[1].id",
    });
    // Two notes issued each without the other (no `previous`) share the id credit-note:1 but are not one
    // note given twice: said so, since the second may credit again what the first did.
    const alone = issueCreditNote(contract, issued, [
      { kind: "amount", line: "platform", amount: "20.00", reason: "x" },
    ]);
    expect(alone.id).toBe(units.id);
    expect(refusal([units, alone])).toMatchObject({
      code: "duplicate_id",
      path: "options.creditNotes[1].id",
      message: `Credit notes 1 and 2 are both ${units.id}, but they differ: one was issued without the other as a previous note (ratecard credit-note --previous), so it may credit again what the other did. Reissue it with --previous.`,
    });
    expect(refusal([issued])).toMatchObject({ code: "invalid_argument", path: "options.creditNotes[0]" });
    expect(refusal({} as never)).toMatchObject({ code: "invalid_argument", path: "options.creditNotes" });
    // An edited note: its digest no longer matches.
    expect(refusal([{ ...units, total: "6.00" }])).toMatchObject({
      code: "digest_mismatch",
      path: "options.creditNotes[0].digest",
    });
  });

  it("says a note that took one unit off took 1 unit, not 1 units", () => {
    // 1 GB off egress (no unit on the line): re-rated 2,999 × 0.05 = 149.95, credited 150.00 − 149.95 =
    // 0.05 + VAT 0.01 = 0.06. Net 2,999 against 3,000 recomputed: egress 150.00 − 149.95 = +0.05.
    const recomputedAll = rateInvoice(contract, [meteredEvent("e1", "3000")], "2026-02");
    const one = issueCreditNote(contract, issued, [
      { kind: "quantity", line: "egress", quantity: "1", reason: "counted twice" },
    ]);
    expect(one.total).toBe("0.06");
    const egress = reconcile(issued, recomputedAll, { creditNotes: [one] }).discrepancies.find(
      (d) => d.line === "egress",
    );
    // Before 7 December 2026: "(1 units taken off)".
    expect(egress?.sentence).toContain(
      `Issued net of credit note ${one.id}: 150.00 less 0.05 credited (1 unit taken off).`,
    );
  });

  it("names the units taken off in the unit the note's line carries: 1 transfer, 1000 transfers", () => {
    // Egress in transfers (singular "transfer") at 0.05, no tax: issued 3,000 = 150.00, recomputed
    // 2,000 = 100.00. A note of 1 transfer: re-rated 2,999 × 0.05 = 149.95, credited 0.05; net 2,999 =
    // 149.95 against 100.00: −49.95, said "(1 transfer taken off)". Then a note of 999 more: 2,000 × 0.05
    // = 100.00, credited 149.95 − 100.00 = 49.95; net of both 2,000 = 100.00 (150.00 less 0.05 + 49.95 =
    // 50.00), against the 3,000 issued recomputed (150.00): +50.00, "(1000 transfers taken off)" (1 + 999).
    const unitContract = buildContract({
      meters: [
        {
          id: "m",
          eventType: "e",
          aggregation: "sum",
          valueProperty: "v",
          unit: "transfers",
          unitSingular: "transfer",
        },
      ],
      charges: [{ id: "egress", name: "Egress", meter: "m", price: { model: "unit", unitPrice: "0.05" } }],
    });
    const issuedUnits = rateInvoice(unitContract, [meteredEvent("e1", "3000")], "2026-02");
    const one = issueCreditNote(unitContract, issuedUnits, [
      { kind: "quantity", line: "egress", quantity: "1", reason: "counted twice" },
    ]);
    const rest = issueCreditNote(
      unitContract,
      issuedUnits,
      [{ kind: "quantity", line: "egress", quantity: "999", reason: "counted twice" }],
      { previous: [one] },
    );
    expect([one.lines[0]?.amount, rest.lines[0]?.amount]).toEqual(["0.05", "49.95"]);
    const sentence = (recomputedHere: typeof issuedUnits, notes: unknown[]) =>
      reconcile(issuedUnits, recomputedHere, { creditNotes: notes }).discrepancies.find(
        (d) => d.line === "egress",
      )?.sentence;
    const twoThousand = rateInvoice(unitContract, [meteredEvent("e1", "2000")], "2026-02");
    // Before 7 December 2026: "(1 unit taken off)" and "(1000 units taken off)", the line's unit unsaid.
    expect(sentence(twoThousand, [one])).toContain(
      `Issued net of credit note ${one.id}: 150.00 less 0.05 credited (1 transfer taken off).`,
    );
    expect(sentence(issuedUnits, [one, rest])).toContain(
      `Issued net of credit notes ${one.id}, ${rest.id}: 150.00 less 50.00 credited (1000 transfers taken off).`,
    );
  });
});

// Until 7 December 2026 (session 43) every note's sentence said "tax included", one without tax too.
describe("the note's tax in its sentence, so that its lines and tax redo its total", () => {
  it("names tax added to the lines (50.00 + 10.00 = 60.00), and says nothing of tax on a note without any", () => {
    const text = renderReconcile(reconcile(issued, recomputed, { creditNotes: [units] }), "text");
    expect(text).toContain(
      "60.00 USD credited, 10.00 of it tax added to the lines; lines Egress (egress) 50.00.",
    );
    // The same contract without VAT: 1,000 GB × 0.05 = 50.00 credited, and no word of tax.
    const untaxed = buildContract({
      charges: [{ id: "egress", name: "Egress", meter: "m", price: { model: "unit", unitPrice: "0.05" } }],
    });
    const issuedUntaxed = rateInvoice(untaxed, [meteredEvent("e1", "3000")], "2026-02");
    const note = issueCreditNote(untaxed, issuedUntaxed, [
      { kind: "quantity", line: "egress", quantity: "1000", reason: "1,000 GB counted twice" },
    ]);
    const result = reconcile(issuedUntaxed, rateInvoice(untaxed, [meteredEvent("e1", "2000")], "2026-02"), {
      creditNotes: [note],
    });
    expect(result.creditNotes?.notes[0]?.tax).toBeUndefined();
    expect(renderReconcile(result, "text")).toContain(
      `Net of credit note ${note.id}: 50.00 USD credited; lines Egress (egress) 50.00.`,
    );
  });

  it("names tax included in the lines' amounts: 50.00 credited, VAT 50.00 × 20 ÷ 120 = 8.333… → 8.33 of it", () => {
    // Egress at 0.05 with 20 % VAT included: 3,000 GB issued 150.00, 2,000 GB recomputed 100.00; the
    // note takes 1,000 GB off, 150.00 − 100.00 = 50.00, whose VAT is inside it.
    const inclusive = buildContract({
      charges: [{ id: "egress", name: "Egress", meter: "m", price: { model: "unit", unitPrice: "0.05" } }],
      tax: {
        mode: "inclusive",
        rounding: "per_line",
        rates: [{ id: "vat", name: "VAT 20%", percent: "20" }],
      },
    });
    const issuedGross = rateInvoice(inclusive, [meteredEvent("e1", "3000")], "2026-02");
    const note = issueCreditNote(inclusive, issuedGross, [
      { kind: "quantity", line: "egress", quantity: "1000", reason: "1,000 GB counted twice" },
    ]);
    const result = reconcile(issuedGross, rateInvoice(inclusive, [meteredEvent("e1", "2000")], "2026-02"), {
      creditNotes: [note],
    });
    expect(renderReconcile(result, "text")).toContain(
      `Net of credit note ${note.id}: 50.00 USD credited, 8.33 of it tax included in the lines; lines Egress (egress) 50.00.`,
    );
  });
});
