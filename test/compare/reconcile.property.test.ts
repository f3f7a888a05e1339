import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromRatecardInvoice, type IssuedDocument, reconcile } from "../../src/compare/index.js";
import { type Invoice, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

const checked = { runs: 0 };

/** An invoice of a generated contract with at least one line, or undefined when rating refuses. */
function invoiceOf(scenario: Parameters<typeof materialize>[0], stream: Parameters<typeof eventsIn>[0]) {
  const { contract, period } = materialize(deepFreeze(scenario));
  const invoice = attempt(() =>
    rateInvoice(contract, eventsIn(stream, period), period, { creditsStartFull: true }),
  );
  return invoice !== undefined && invoice.lines.length > 0 ? invoice : undefined;
}

type Perturbation = "quantity" | "price" | "negated" | "removed";

// The issued copy with one change that keeps it self-consistent (its total moves with its lines), and
// the one discrepancy reconcile must find: its cause and amount (recomputed − issued).
function perturb(invoice: Invoice, at: number, what: Perturbation): [IssuedDocument, string, string] {
  const issued = fromRatecardInvoice(invoice);
  const index = at % issued.lines.length;
  const line = issued.lines[index]!;
  const minor = invoice.currency.minorUnits;
  const withLine = (changed: IssuedDocument["lines"][number] | undefined, totalDelta: Decimal) => ({
    ...issued,
    lines: issued.lines.flatMap((l, i) => (i !== index ? [l] : changed === undefined ? [] : [changed])),
    total: new Decimal(issued.total!).plus(totalDelta).toFixed(minor),
  });
  if (what === "quantity") {
    // More units issued, the same amount: the usage differs, by 0 money. Not a quantity the line itself
    // states (what its meter measured, its packages): an issuer writing one of those bills the same usage
    // in its own unit (src/compare/sameUsage.ts), so the first of q + 1, q + 2, … that is none of them.
    const own = new Set(
      invoice.lines[index]!.steps.flatMap((step) =>
        Object.entries(step)
          .filter(([key]) => ["quantity", "measured", "packages"].includes(key))
          .map(([, value]) => new Decimal(String(value)).toFixed()),
      ),
    );
    let more = new Decimal(line.quantity!).plus(1);
    while (own.has(more.toFixed())) more = more.plus(1);
    const quantity = more.toFixed();
    return [withLine({ ...line, quantity }, new Decimal(0)), "usage", new Decimal(0).toFixed(minor)];
  }
  if (what === "price") {
    // 7 more (major units) issued on this line: more than one minor unit in any currency, so a price.
    const seven = new Decimal(7);
    const unitPrice =
      line.unitPrice === undefined ? {} : { unitPrice: new Decimal(line.unitPrice).plus(1).toFixed() };
    const amount = new Decimal(line.amount).plus(seven).toFixed(minor);
    // −3.50 + 7 = 3.50 is the amount with the other sign: that reads as a sign, not a price
    const flipped = new Decimal(amount).equals(new Decimal(line.amount).negated());
    const cause = flipped ? "sign" : "price";
    return [withLine({ ...line, ...unitPrice, amount }, seven), cause, seven.negated().toFixed(minor)];
  }
  if (what === "negated" && !new Decimal(line.amount).isZero()) {
    // The amount issued with the other sign (an accounting "(125.00)" read as a credit): recomputed −
    // issued = a − (−a) = 2a.
    const amount = new Decimal(line.amount).negated().toFixed(minor);
    const twice = new Decimal(line.amount).times(2);
    return [withLine({ ...line, amount }, twice.negated()), "sign", twice.toFixed(minor)];
  }
  if (what === "negated") return perturb(invoice, at, "price");
  return [
    withLine(undefined, new Decimal(line.amount).negated()),
    "missing_line",
    new Decimal(line.amount).toFixed(minor),
  ];
}

describe("reconcile (fuzzing)", () => {
  it("finds nothing between a generated invoice and itself, and exactly a perturbation of it", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(
        contractScenarioArb(),
        streamArb(),
        fc.nat(),
        fc.constantFrom<Perturbation>("quantity", "price", "negated", "removed"),
        (scenario, stream, at, what) => {
          const invoice = invoiceOf(scenario, stream);
          if (invoice === undefined) return;
          expect(reconcile(invoice, invoice).discrepancies).toEqual([]);
          const [issued, cause, amount] = perturb(invoice, at, what);
          const found = reconcile(issued, invoice).discrepancies;
          const line = invoice.lines[at % invoice.lines.length]!;
          expect(found.map((d) => [d.line, d.cause, d.amount])).toEqual([[line.id, cause, amount]]);
          checked.runs += 1;
        },
      ),
      fuzzParameters(60),
    );
    expect(checked.runs).toBeGreaterThan(10);
  });
});
