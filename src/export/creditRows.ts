import type { AppliedCredit } from "../schema/index.js";
import type { FocusRow } from "./focusColumns.js";
import { finished, type RowFacts, rowOf, withAllCosts } from "./rowFacts.js";

/**
 * One Credit row per credit grant burned on the invoice (specification/columns/chargecategory.md,
 * "Credit"), its BilledCost the money taken off (negative). A credit is not computed from other
 * charges' prices, so FOCUS asks its ListCost, ContractedCost and EffectiveCost to match its BilledCost.
 * A pre-tax credit lowers the tax, which the Tax rows already show; an after-tax one pays the invoice.
 */
export function creditRows(
  credits: ReadonlyArray<AppliedCredit>,
  stage: AppliedCredit["stage"],
  facts: RowFacts,
  chargePeriod: { readonly start: string; readonly end: string },
): FocusRow[] {
  return credits
    .filter((credit) => credit.stage === stage)
    .map((credit) =>
      creditRow(
        {
          id: credit.id,
          description: `${credit.name} (${stage === "before_tax" ? "credit before tax" : "credit after tax"})`,
        },
        credit.applied,
        facts,
        chargePeriod,
      ),
    );
}

/**
 * One Credit row of a grant (x_LineId `credit:<id>`), its costs all `amount`: a grant's burn on an
 * invoice (negative), or what a credit note gives back to it (positive).
 */
export function creditRow(
  grant: { readonly id: string; readonly description: string },
  amount: string,
  facts: RowFacts,
  chargePeriod: { readonly start: string; readonly end: string },
): FocusRow {
  const row = withAllCosts(rowOf(facts), amount);
  row.ChargeCategory = "Credit";
  row.ChargeDescription = grant.description;
  row.ChargeFrequency = "One-Time";
  row.ChargePeriodStart = chargePeriod.start;
  row.ChargePeriodEnd = chargePeriod.end;
  row.x_LineId = `credit:${grant.id}`;
  return finished(row);
}
