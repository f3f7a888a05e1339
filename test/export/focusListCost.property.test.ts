import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { focusRows, rateInvoice } from "../../src/index.js";
import { Decimal, isIsoCurrency } from "../../src/money/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

// listcost.md: ListCost is ListUnitPrice × PricingQuantity ("MUST produce the ListCost"), exactly, and
// FOCUS sets no rounding for it (numeric_format.md leaves precision to the provider). The line's amount
// is rounded to the currency (or its line decimals) after that product, so a row may bill a little more
// than its list cost, never more than the rounding adds: half a minor unit to the nearest, less than one
// rounding up (up, or ceiling on a positive amount). Limits lift it no further: a line raised to its minimum is priced as one block of its amount.
// The law compares sizes, not signed costs: a credit for a fee's unused time is a negative row whose list
// cost is the units given back at list price before proration (focus-export.md's field table: 10 seats at
// 12.00 credited −40.00 for the last third of a month are ListCost −10 × 12.00 = −120.00), so proration
// shrinks a negative row's BilledCost towards zero, above its ListCost, as it shrinks a positive one below.
describe("focusRows (fuzzing): ListCost against BilledCost", () => {
  it("a line's BilledCost is larger than its ListCost by less than one unit of the line's rounding, never more, and never of the other sign", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(contractScenarioArb(), streamArb(), (scenario, stream) => {
        const { contract, period } = materialize(deepFreeze(scenario));
        const invoice = attempt(() => rateInvoice(contract, eventsIn(stream, period), period));
        if (invoice === undefined || !isIsoCurrency(invoice.currency.code)) return;
        // Inclusive tax is left out: the line's row bills its amount less the tax actually taken on its
        // base after discounts and credits before tax, while its list cost is its price net of the
        // rate, so the two differ by more than rounding (docs/focus-export.md, "ListCost and rounding").
        if (invoice.tax?.mode === "inclusive") return;
        const rows = focusRows(invoice, { provider: "Acme" });
        invoice.lines.forEach((line, at) => {
          const row = rows[at]!;
          const rounding = line.steps.find((step) => step.kind === "rounding");
          // Rounding to the nearest (half_even, half_up, half_down) adds at most half a minor unit; "up"
          // and "ceiling" less than one (ceiling raises a positive amount as "up" does: BHD 0.040000002 →
          // 0.041, 0.000999998 above; until 7 December 2026 this test allowed ceiling only half a unit, and
          // a random seed found that contract).
          // A negative row is larger the further below zero it is: "floor" rounds it away from zero as
          // "ceiling" does a positive one. Until 7 December 2026 this law compared the signed costs, which
          // only holds for positive rows: seed 996834880 (FC_NUM_RUNS=5000) found 2.5 seats at 9.9999994
          // billed in advance for a quarter and amended on its second day, credited −24.9999985 × 59/92 days
          // = −16.0326 against ListCost −2.5 × 9.9999994 = −24.9999985, as the docs prescribe.
          const unit = new Decimal(10).pow(-(rounding?.minorUnits ?? invoice.currency.minorUnits));
          const billed = new Decimal(row.BilledCost!);
          const list = new Decimal(row.ListCost!);
          const larger = billed.abs().minus(list.abs());
          const raises =
            rounding?.mode === "up" ||
            (rounding?.mode === "ceiling" && billed.gt(0)) ||
            (rounding?.mode === "floor" && billed.lt(0));
          const fits = raises ? larger.lt(unit) : larger.lte(unit.div(2));
          const sameSign = billed.isZero() || list.isZero() || billed.isNegative() === list.isNegative();
          expect(fits && sameSign, `${line.id}: ListCost ${row.ListCost}, BilledCost ${row.BilledCost}`).toBe(
            true,
          );
        });
      }),
      fuzzParameters(200),
    );
  });
});
