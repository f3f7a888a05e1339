import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { creditNoteText } from "../../src/cli/creditNoteText.js";
import {
  type Invoice,
  invoiceSchema,
  issueCreditNote,
  parseCreditNote,
  rateInvoice,
} from "../../src/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import { falseCreditNoteSums } from "../_laws/documentArithmetic.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// A note of units names them in the unit of the line it credits (docs/credit-notes.md, "The unit of the
// units taken off"): each line of a quantity correction carries the invoice line's `unit` (and its
// `unitSingular`), additively. cdn-basic's bandwidth_na billed 61,400 GB for 3,656.00
// (fixtures/cdn-basic/README.md): 10,000 × 0.08 + 40,000 × 0.06 + 11,400 × 0.04 = 800 + 2,400 + 456.
// 1,000 GB off leaves 10,400 GB in the third tier: 800 + 2,400 + 416 = 3,616.00, a credit of 40.00.
const invoice: Invoice = invoiceSchema.parse(
  JSON.parse(
    readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic", "expected.json"), "utf8"),
  ),
);
const contract = fixtureContract("cdn-basic");

describe("the unit of the units a credit note takes off", () => {
  it("carries the invoice line's unit, GB, and the text says 1000 GB, not 1000 units", () => {
    const note = issueCreditNote(contract, invoice, [
      { kind: "quantity", line: "bandwidth_na", quantity: "1000", reason: "duplicate events" },
    ]);
    expect(note.lines[0]).toMatchObject({
      quantity: "1000",
      unit: "GB",
      rerated: "3616.00",
      amount: "40.00",
    });
    const text = creditNoteText(note);
    // Before: "1000 units taken off", the meter's unit being GB.
    expect(text).toContain("; 1000 GB taken off, the rest re-rated at 3616.00. Reason: duplicate events.");
    expect(falseCreditNoteSums(text)).toEqual([]);
    // A reader of format 1 reads it (the note as issued, digest and all).
    expect(parseCreditNote(JSON.parse(JSON.stringify(note))).lines[0]?.unit).toBe("GB");
  });

  it("refuses more units than the line has left in the line's unit, saying how many can come off", () => {
    // 61,400 GB billed: 61,401 is one too many. After a note of 11,400 GB, 61,400 − 11,400 = 50,000 GB
    // are left: 50,001 is one too many. Before: "billed 61400 units and 0 are already taken off".
    const off = (quantity: string, previous: ReturnType<typeof issueCreditNote>[] = []) =>
      thrown(() =>
        issueCreditNote(
          contract,
          invoice,
          [{ kind: "quantity", line: "bandwidth_na", quantity, reason: "x" }],
          {
            previous,
          },
        ),
      );
    expect(off("61401")).toMatchObject({
      code: "credit_exceeds_invoiced",
      path: "corrections[0].quantity",
      message: "Line bandwidth_na billed 61400 GB: at most 61400 GB can be taken off it, not 61401 GB.",
    });
    const first = issueCreditNote(contract, invoice, [
      { kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "x" },
    ]);
    expect(off("50001", [first])).toMatchObject({
      message:
        "Line bandwidth_na billed 61400 GB and earlier credit notes took 11400 GB off it: at most the 50000 GB left can be taken off, not 50001 GB.",
    });
  });

  it("says the singular for one unit when the meter gives it, and carries no unit on an amount or a line without one", () => {
    const contract = buildContract({
      meters: [sumMeter("tx", { unit: "transfers", unitSingular: "transfer" } as never), sumMeter("bare")],
      charges: [
        { id: "tx", name: "Transfers", meter: "tx", price: { model: "unit", unitPrice: "2" } },
        { id: "plain", name: "Plain", meter: "bare", price: { model: "unit", unitPrice: "1" } },
      ],
    } as never);
    const events = [
      usageEvent("a", "tx", "2026-03-02T00:00:00Z", { v: "3" }),
      usageEvent("b", "bare", "2026-03-02T00:00:00Z", { v: "4" }),
    ];
    const billed = rateInvoice(contract, events, "2026-03");
    const note = issueCreditNote(contract, billed, [
      { kind: "quantity", line: "tx", quantity: "1", reason: "retried" },
      { kind: "quantity", line: "plain", quantity: "2", reason: "test data" },
      { kind: "amount", line: "tx", amount: "1", reason: "goodwill" },
    ]);
    // 3 transfers at 2.00 = 6.00; 1 off: 2 at 2.00 = 4.00, credit 2.00. 4 at 1.00, 2 off: credit 2.00.
    expect(note.lines.map((line) => [line.quantity, line.unit, line.unitSingular])).toEqual([
      ["1", "transfers", "transfer"],
      ["2", undefined, undefined],
      [undefined, undefined, undefined],
    ]);
    const text = creditNoteText(note);
    expect(text).toContain("; 1 transfer taken off, the rest re-rated at 4.00.");
    expect(text).toContain("; 2 units taken off, the rest re-rated at 2.00.");
    expect(falseCreditNoteSums(text)).toEqual([]);
    // 3 transfers billed, 4 asked: the singular is for a figure of one only; "units" without a unit.
    expect(
      thrown(() =>
        issueCreditNote(contract, billed, [{ kind: "quantity", line: "tx", quantity: "4", reason: "x" }]),
      ),
    ).toMatchObject({
      message: "Line tx billed 3 transfers: at most 3 transfers can be taken off it, not 4 transfers.",
    });
    const once = issueCreditNote(contract, billed, [
      { kind: "quantity", line: "tx", quantity: "2", reason: "x" },
    ]);
    expect(
      thrown(() =>
        issueCreditNote(contract, billed, [{ kind: "quantity", line: "tx", quantity: "2", reason: "y" }], {
          previous: [once],
        }),
      ),
    ).toMatchObject({
      message:
        "Line tx billed 3 transfers and earlier credit notes took 2 transfers off it: at most the 1 transfer left can be taken off, not 2 transfers.",
    });
    expect(
      thrown(() =>
        issueCreditNote(contract, billed, [{ kind: "quantity", line: "plain", quantity: "5", reason: "x" }]),
      ),
    ).toMatchObject({
      message: "Line plain billed 4 units: at most 4 units can be taken off it, not 5 units.",
    });
  });

  it("says 1 unit, not 1 units, on a line without a unit: the note's text and the refusal", () => {
    // "plain" bills 4 at 1.00 = 4.00, no unit. 1 off: 3 at 1.00 = 3.00, a credit of 4.00 - 3.00 = 1.00.
    const contract = buildContract({
      meters: [sumMeter("bare")],
      charges: [{ id: "plain", name: "Plain", meter: "bare", price: { model: "unit", unitPrice: "1" } }],
    } as never);
    const billed = rateInvoice(
      contract,
      [usageEvent("b", "bare", "2026-03-02T00:00:00Z", { v: "4" })],
      "2026-03",
    );
    const one = issueCreditNote(contract, billed, [
      { kind: "quantity", line: "plain", quantity: "1", reason: "x" },
    ]);
    expect(one.lines[0]).toMatchObject({ quantity: "1", amount: "1.00", rerated: "3.00" });
    expect(one.lines[0]?.unit).toBeUndefined();
    // Before 7 December 2026: "; 1 units taken off".
    expect(creditNoteText(one)).toContain("; 1 unit taken off, the rest re-rated at 3.00.");
    // A note read back whose quantity is written "1.0" is one unit too.
    const written = { ...one, lines: one.lines.map((line) => ({ ...line, quantity: "1.0" })) };
    expect(creditNoteText(written)).toContain("; 1.0 unit taken off, the rest re-rated at 3.00.");
    // Any other figure keeps "units": 0.5 off leaves 3.5 at 1.00 = 3.50, a credit of 0.50.
    const half = issueCreditNote(contract, billed, [
      { kind: "quantity", line: "plain", quantity: "0.5", reason: "x" },
    ]);
    expect(creditNoteText(half)).toContain("; 0.5 units taken off, the rest re-rated at 3.50.");
    // After 3 of the 4 taken off, 1 is left: 2 more are refused, naming "the 1 unit left" (4 - 3 = 1).
    const three = issueCreditNote(contract, billed, [
      { kind: "quantity", line: "plain", quantity: "3", reason: "x" },
    ]);
    expect(
      thrown(() =>
        issueCreditNote(contract, billed, [{ kind: "quantity", line: "plain", quantity: "2", reason: "y" }], {
          previous: [three],
        }),
      ),
    ).toMatchObject({
      message:
        "Line plain billed 4 units and earlier credit notes took 3 units off it: at most the 1 unit left can be taken off, not 2 units.",
    });
    // A line that billed one unit: 1 at 1.00; 2 off are refused, "billed 1 unit".
    const single = rateInvoice(
      contract,
      [usageEvent("c", "bare", "2026-03-02T00:00:00Z", { v: "1" })],
      "2026-03",
    );
    expect(
      thrown(() =>
        issueCreditNote(contract, single, [{ kind: "quantity", line: "plain", quantity: "2", reason: "x" }]),
      ),
    ).toMatchObject({
      message: "Line plain billed 1 unit: at most 1 unit can be taken off it, not 2 units.",
    });
  });

  it("says a plain English plural unit in the singular for one, as the invoice's explanation does", () => {
    // "requests" without unitSingular: the explanation says "1 request" (unitWord), and so does the note.
    // 3 requests at 2.00 = 6.00; 1 off leaves 2 at 2.00 = 4.00, a credit of 2.00. 4 asked of 3 refused.
    const contract = buildContract({
      meters: [sumMeter("req", { unit: "requests" } as never)],
      charges: [{ id: "req", name: "Requests", meter: "req", price: { model: "unit", unitPrice: "2" } }],
    } as never);
    const billed = rateInvoice(
      contract,
      [usageEvent("a", "req", "2026-03-02T00:00:00Z", { v: "3" })],
      "2026-03",
    );
    const note = issueCreditNote(contract, billed, [
      { kind: "quantity", line: "req", quantity: "1", reason: "retried" },
    ]);
    expect(note.lines[0]).toMatchObject({ unit: "requests", amount: "2.00", rerated: "4.00" });
    // Before: "; 1 requests taken off".
    expect(creditNoteText(note)).toContain("; 1 request taken off, the rest re-rated at 4.00.");
    const twoOff = issueCreditNote(contract, billed, [
      { kind: "quantity", line: "req", quantity: "2", reason: "x" },
    ]);
    expect(
      thrown(() =>
        issueCreditNote(contract, billed, [{ kind: "quantity", line: "req", quantity: "2", reason: "y" }], {
          previous: [twoOff],
        }),
      ),
    ).toMatchObject({
      message:
        "Line req billed 3 requests and earlier credit notes took 2 requests off it: at most the 1 request left can be taken off, not 2 requests.",
    });
  });
});
