import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { correctLateUsage, issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import { ZERO } from "../../src/money/index.js";
import {
  buildContract,
  type ChargeInput,
  type ContractOverrides,
  flatCharge,
  sumMeter,
  usageEvent,
} from "../_support/contract.js";
import { fuzzTimeout } from "../_support/fuzzRuns.js";

// Three non-linear prices, each on its own meter (a note takes units off one line; a shared meter would
// lose them on every line), a fee and 20 % VAT: issued − credited + correction = the rating of the true
// usage (without the units the note took off) and the late events, for any usage, note and late events.
const PRICES: Record<"volume" | "graduated" | "package", ChargeInput["price"]> = {
  volume: {
    model: "volume",
    tiers: [
      { upTo: "100", unitPrice: "0.30" },
      { upTo: "1000", unitPrice: "0.20" },
      { upTo: null, unitPrice: "0.15" },
    ],
  },
  graduated: {
    model: "graduated",
    tiers: [
      { upTo: "250", unitPrice: "0" },
      { upTo: null, unitPrice: "0.013" },
    ],
  },
  package: { model: "package", packageSize: "100", packagePrice: "1.25" },
};
type Charge = keyof typeof PRICES;
const CHARGES = Object.keys(PRICES) as Charge[];
const TERMS: ContractOverrides = {
  meters: CHARGES.map((id) => sumMeter(id)),
  charges: [
    ...CHARGES.map((id) => ({ id, name: id, meter: id, price: PRICES[id] })),
    flatCharge("platform", "Platform", "10"),
  ],
  tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "20" }] },
};
const contract = buildContract(TERMS);
const event = (id: string, type: string, day: number, v: number) =>
  usageEvent(id, type, `2026-03-${String(day).padStart(2, "0")}T08:00:00Z`, { v: String(v) });

const attempt = <T>(fn: () => T): T | Error => {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "credit_exceeds_invoiced") return error;
    throw error;
  }
};

// The same in credit_note mode: issued − the note − the correction's note + the re-issued invoice. Until
// 6 December 2026 that mode re-issued the usage as issued, with the units the note credited.
const reissuing = buildContract({ ...TERMS, lateUsage: { correction: "credit_note" } });

describe("correctLateUsage after a note of units, both modes (property)", () => {
  it("issued − credited + correction = the true usage and the late events rated, line by line too", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CHARGES),
        fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 1500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 3, maxLength: 3 }),
        (line, kept, wrong, share, lateV) => {
          const off = Math.max(1, Math.floor(wrong * share));
          // per meter: `a` as billed, and `b` on the noted line with `wrong` units, `off` of them wrong
          const usageWith = (b: number) =>
            CHARGES.flatMap((id, i) => [
              event(`a-${id}`, id, 3, kept[i]!),
              ...(id === line ? [event(`b-${id}`, id, 9, b)] : []),
            ]);
          const issued = rateInvoice(contract, usageWith(wrong), "2026-03");
          const units = [{ kind: "quantity", line, quantity: String(off), reason: "wrong" }];
          // units off a started package it still bills credit 0.00, which a note refuses
          const noteOrError = attempt(() => issueCreditNote(contract, issued, units));
          fc.pre(!(noteOrError instanceof Error));
          const note = noteOrError as Exclude<typeof noteOrError, Error>;
          const late = CHARGES.map((id, i) => event(`late-${id}`, id, 20, lateV[i]!));
          const result = correctLateUsage(contract, issued, usageWith(wrong - off), late, {
            billOn: "2026-04",
            creditNotes: [note],
          });
          if (result.mode !== "next_invoice") throw new Error("expected next_invoice");
          const truth = rateInvoice(contract, [...usageWith(wrong - off), ...late], "2026-03");
          const paid = ZERO.plus(issued.total).minus(note.total).plus(result.total);
          expect(paid.toFixed(2)).toBe(truth.total);
          // credit_note mode, from the same documents (the contract's digest differs: rated again)
          const issuedAgain = rateInvoice(reissuing, usageWith(wrong), "2026-03");
          const noteAgain = issueCreditNote(reissuing, issuedAgain, units);
          const again = correctLateUsage(reissuing, issuedAgain, usageWith(wrong - off), late, {
            billOn: "2026-04",
            creditNotes: [noteAgain],
          });
          if (again.mode !== "credit_note") throw new Error("expected credit_note");
          const reissuedPaid = ZERO.plus(issuedAgain.total)
            .minus(noteAgain.total)
            .minus(again.creditNote?.total ?? "0")
            .plus(again.reissued?.total ?? "0");
          expect(reissuedPaid.toFixed(2)).toBe(truth.total);
          // every line: billed, less what the note credited, plus its delta lines = the true line
          for (const rated of truth.lines) {
            const billed = issued.lines.find((item) => item.id === rated.id)!;
            const credited = note.lines.filter((item) => item.corrects === rated.id);
            const deltas = result.lines.filter((item) => item.corrects === rated.id);
            const sum = [
              ...credited.map((item) => `-${item.amount}`),
              ...deltas.map((item) => item.amount),
            ].reduce((total, amount) => total.plus(amount), ZERO.plus(billed.amount));
            expect(sum.toFixed(2)).toBe(rated.amount);
          }
        },
      ),
    );
  });
});
