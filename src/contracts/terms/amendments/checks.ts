import type * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { issueOf } from "../../../schema/index.js";
import { definedChargesOf, selectedChargeIds } from "../../charge/chargeSelectors.js";
import { checkCharge, checkEventValueMeter } from "../../charge/checkCharge.js";
import { checkTiersBy } from "../../charge/checkTiersBy.js";
import { checkTransformScope } from "../../charge/checkTransformScope.js";
import { checkWindowPricing, pooledCharges } from "../../charge/checkWindowPricing.js";
import { collectIssues } from "../../charge/collectIssues.js";
import type { ParsedContractTerms } from "../../contract.js";

// Amendments take effect in the order written, one per date, each after the term start; their charges
// are checked like the contract's own, at their own paths.
export function checkAmendments(
  ctx: z.core.$RefinementCtx,
  contract: ParsedContractTerms,
  meterIds: ReadonlySet<string>,
): void {
  const known = new Set(contract.charges.map((charge) => charge.id));
  // A fee billed in advance settles its changes against what it billed, so its timing is for the term.
  const timing = new Map(contract.charges.map((charge) => [charge.id, charge.billed ?? "in_arrears"]));
  let previous: string | undefined;
  contract.amendments?.forEach((amendment, index) => {
    if (previous !== undefined && amendment.effective <= previous)
      ctx.addIssue(
        issueOf(contractMessages.amendmentsOutOfOrder(amendment.effective, previous), [
          "amendments",
          index,
          "effective",
        ]),
      );
    previous = amendment.effective;
    // one amendment defines a charge once: a second definition would silently replace the first
    const defined = new Map<string, number>();
    amendment.charges?.forEach((charge, at) => {
      const first = defined.get(charge.id);
      if (first !== undefined)
        ctx.addIssue(
          issueOf(contractMessages.repeatedId("id", charge.id, `amendments[${index}].charges[${first}]`), [
            "amendments",
            index,
            "charges",
            at,
            "id",
          ]),
        );
      else defined.set(charge.id, at);
      for (const issue of collectIssues((collect) => checkCharge(collect, charge, at, meterIds)))
        ctx.addIssue({
          ...issue,
          path: [
            "amendments",
            index,
            ...((issue.path ?? []) as PropertyKey[]).map((segment) => segment as string | number),
          ],
        } as never);
      checkEventValueMeter(ctx, charge, ["amendments", index, "charges", at], contract.meters);
      checkTiersBy(ctx, charge, ["amendments", index, "charges", at], contract.meters);
      checkWindowPricing(
        ctx,
        charge,
        ["amendments", index, "charges", at],
        contract.meters,
        pooledCharges(contract),
      );
      checkTransformScope(ctx, charge, ["amendments", index, "charges", at], pooledCharges(contract));
      known.add(charge.id);
      const billed = charge.billed ?? "in_arrears";
      const before = timing.get(charge.id);
      if (before !== undefined && before !== billed)
        ctx.addIssue(
          issueOf(contractMessages.billedTimingChanged(charge.id, before), [
            "amendments",
            index,
            "charges",
            at,
            "billed",
          ]),
        );
      timing.set(charge.id, billed);
    });
    amendment.remove?.forEach((id, at) => {
      if (!known.has(id))
        ctx.addIssue(issueOf(contractMessages.noChargeWithId(id), ["amendments", index, "remove", at]));
    });
    if (amendment.creditBasis === "net_of_discount") checkNetOfDiscount(ctx, contract, amendment, index);
  });
}

// A credit net of discount takes the percentages a fee had off its credit; a fixed amount's share of
// the fee depends on the other lines of the invoice that billed it, which this invoice does not have.
function checkNetOfDiscount(
  ctx: z.core.$RefinementCtx,
  contract: ParsedContractTerms,
  amendment: NonNullable<ParsedContractTerms["amendments"]>[number],
  index: number,
): void {
  const changed = [...(amendment.charges ?? []).map((charge) => charge.id), ...(amendment.remove ?? [])];
  const charges = definedChargesOf(contract);
  for (const discount of contract.discounts ?? []) {
    if (discount.amount === undefined) continue;
    const scope = selectedChargeIds(discount, charges);
    const covered = changed.find((id) => scope === undefined || scope.includes(id));
    if (covered !== undefined)
      ctx.addIssue(
        issueOf(contractMessages.netOfFixedDiscount(covered, discount.id), [
          "amendments",
          index,
          "creditBasis",
        ]),
      );
  }
}
