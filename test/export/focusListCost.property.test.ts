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
describe("focusRows (fuzzing): ListCost against BilledCost", () => {
  it("a line's ListCost is below its BilledCost by less than one unit of the line's rounding, never more", {
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
          const unit = new Decimal(10).pow(-(rounding?.minorUnits ?? invoice.currency.minorUnits));
          const above = new Decimal(row.BilledCost!).minus(row.ListCost!);
          const raises = rounding?.mode === "up" || rounding?.mode === "ceiling";
          const fits = raises ? above.lt(unit) : above.lte(unit.div(2));
          expect(fits, `${line.id}: ListCost ${row.ListCost}, BilledCost ${row.BilledCost}`).toBe(true);
        });
      }),
      fuzzParameters(200),
    );
  });
});
