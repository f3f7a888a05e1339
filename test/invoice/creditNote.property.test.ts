import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRatecardError } from "../../src/errors/index.js";
import { invoiceSchema, issueCreditNote } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import type { CreditNote } from "../../src/schema/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";

const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic");
const invoice = invoiceSchema.parse(JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8")));
const contract = fixtureContract("cdn-basic");
const lineIds = invoice.lines.map((line) => line.id);

describe("credit note laws", () => {
  it("never lets an invoice line go below zero, however many credit notes are issued", () => {
    const correctionArb = fc.record({
      kind: fc.constant("amount" as const),
      line: fc.constantFrom(...lineIds),
      amount: fc.integer({ min: 1, max: 400_000 }).map((cents) => (cents / 100).toFixed(2)),
      reason: fc.constant("r"),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(correctionArb, { minLength: 1, maxLength: 3 }), { maxLength: 6 }),
        (batches) => {
          const notes: CreditNote[] = [];
          for (const batch of batches) {
            try {
              notes.push(issueCreditNote(contract, invoice, batch, { previous: notes }));
            } catch (error) {
              expect(isRatecardError(error) && error.code === "credit_exceeds_invoiced").toBe(true);
            }
          }
          for (const line of invoice.lines) {
            const credited = notes
              .flatMap((note) => note.lines)
              .filter((credit) => credit.corrects === line.id)
              .reduce((sum, credit) => sum.plus(credit.amount), new Decimal(0));
            expect(credited.lessThanOrEqualTo(line.amount)).toBe(true);
          }
        },
      ),
    );
  });
});
