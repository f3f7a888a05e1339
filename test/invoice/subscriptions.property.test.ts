import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice, rateOpeningInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract } from "../_support/contract.js";

// Laws of fees billed in advance: what the customer pays for a period does not depend on whether the
// fee is billed in advance (full fee, then credit + charge for a change) or in arrears (one prorated
// piece per version), and a change that keeps the price credits exactly what it bills.

const cents = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n).div(100).toFixed(2));
const seatCount = fc.integer({ min: 0, max: 500 }).map(String);
const changeDay = fc.integer({ min: 2, max: 30 }); // April 2026 has 30 days
const basis = fc.constantFrom("second" as const, "day" as const);
const zone = fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata");

type Timing = "in_advance" | "in_arrears";
const fee = (timing: Timing, amount: string, seats: string | undefined, name = "Platform") =>
  seats === undefined
    ? { id: "fee", name, price: { model: "flat" as const, amount }, billed: timing }
    : {
        id: "fee",
        name,
        price: { model: "unit" as const, unitPrice: amount },
        quantity: seats,
        billed: timing,
      };

function contract(
  timing: Timing,
  before: ReturnType<typeof fee>,
  after: ReturnType<typeof fee> & { readonly maximum?: string },
  day: number,
  proration: "second" | "day",
  timeZone: string,
) {
  return buildContract({
    timeZone,
    billing: { cadence: "monthly", proration },
    meters: [],
    charges: [{ ...before, billed: timing }],
    amendments: [
      {
        id: "change",
        effective: `2026-04-${String(day).padStart(2, "0")}`,
        charges: [{ ...after, billed: timing }],
      },
    ],
  });
}

/** The exact (unrounded) amount of the lines that `keep` selects: each line's rounding `before`. */
function exactOf(invoice: Invoice, keep: (id: string) => boolean): Decimal {
  return invoice.lines
    .filter((line) => keep(line.id))
    .reduce((sum, line) => {
      const rounding = line.steps.at(-1);
      if (rounding?.kind !== "rounding") throw new Error(`line ${line.id} does not end with rounding`);
      return sum.plus(rounding.before);
    }, new Decimal(0));
}

// Two versions of the fee: amounts, and seat counts when the fee is priced per seat.
const versions = fc.tuple(cents, cents, fc.option(fc.tuple(seatCount, seatCount), { nil: undefined }));
const versionsOf = ([a, b, seats]: [string, string, [string, string] | undefined]) => ({
  before: (timing: Timing) => fee(timing, a, seats?.[0]),
  after: (timing: Timing) => fee(timing, b, seats?.[1], "Platform (new terms)"),
});

describe("fees billed in advance (properties)", () => {
  it("bill a period exactly what the in-arrears pieces bill: fee in advance + credit + new part", () => {
    fc.assert(
      fc.property(versions, changeDay, basis, zone, (drawn, day, proration, timeZone) => {
        const version = versionsOf(drawn);
        const advance = contract(
          "in_advance",
          version.before("in_advance"),
          version.after("in_advance"),
          day,
          proration,
          timeZone,
        );
        const arrears = contract(
          "in_arrears",
          version.before("in_arrears"),
          version.after("in_arrears"),
          day,
          proration,
          timeZone,
        );
        // April's fee was billed in advance on the invoice closing March; April's own invoice adds the
        // credit for the unused time and the charge for the new terms.
        const paidUpFront = exactOf(rateInvoice(advance, [], "2026-03"), (id) => id === "fee");
        const changes = exactOf(rateInvoice(advance, [], "2026-04"), (id) => id.includes("@"));
        const pieces = exactOf(rateInvoice(arrears, [], "2026-04"), (id) => id.startsWith("fee"));
        // Equal as fractions; a non-terminating ratio (29 ÷ 30) carries 50 significant digits, so the
        // two sides may differ in the last of them, never by anything near a minor unit.
        expect(paidUpFront.plus(changes).minus(pieces).abs().lessThan("1e-40")).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("credit exactly what they bill when a change keeps the price (rounded lines cancel to the cent)", () => {
    fc.assert(
      fc.property(
        cents,
        fc.option(seatCount, { nil: undefined }),
        changeDay,
        basis,
        (amount, seats, day, proration) => {
          // The change keeps the price and sets a line maximum far above the fee (a renaming alone is
          // no change of terms: renamedCharge.test.ts): the terms differ, the money does not.
          const same = contract(
            "in_advance",
            fee("in_advance", amount, seats),
            { ...fee("in_advance", amount, seats), maximum: "1000000000" },
            day,
            proration,
            "UTC",
          );
          const april = rateInvoice(same, [], "2026-04");
          const credit = april.lines.find((line) => line.id.startsWith("fee:unused@"));
          const charge = april.lines.find((line) => /^fee@/.test(line.id));
          expect(credit).toBeDefined();
          expect(new Decimal(credit!.amount).plus(charge!.amount).isZero()).toBe(true);
          expect(new Decimal(credit!.amount).lessThanOrEqualTo(0)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("bill the first partial period on the opening invoice as the in-arrears fee would", () => {
    fc.assert(
      fc.property(cents, fc.integer({ min: 2, max: 28 }), basis, zone, (amount, day, proration, timeZone) => {
        const start = `2026-02-${String(day).padStart(2, "0")}`;
        const make = (timing: Timing) =>
          buildContract({
            timeZone,
            billing: { cadence: "monthly", proration },
            term: { start },
            meters: [],
            charges: [fee(timing, amount, undefined)],
          });
        const opening = rateOpeningInvoice(make("in_advance"));
        const arrears = rateInvoice(make("in_arrears"), [], "2026-02");
        expect(opening.lines.map((line) => line.amount)).toEqual(arrears.lines.map((line) => line.amount));
        // and the invoice that closes February bills March in full, which the in-arrears path bills a
        // month later
        const closing = rateInvoice(make("in_advance"), [], "2026-02");
        expect(closing.lines.map((line) => line.amount)).toEqual(
          rateInvoice(make("in_arrears"), [], "2026-03").lines.map((line) => line.amount),
        );
      }),
      { numRuns: 100 },
    );
  });
});
