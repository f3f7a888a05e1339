import type * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { toPlainString } from "../../../money/index.js";
import { issueOf } from "../../../schema/index.js";
import { checkChargeReferences } from "../../charge/checkChargeReferences.js";
import type { ParsedContractTerms } from "../../contract.js";
import { currencyMinorUnits } from "../../currencyMinorUnits.js";
import type { CreditGrantTerms } from "./schema.js";

/**
 * Cross-field checks of `credits[]`: unique ids, every listed charge exists, and the grant's unit: money
 * in whole minor units of the invoice currency, or a declared custom unit (checkGrantUnit).
 */
export function checkCredits(
  ctx: z.core.$RefinementCtx,
  contract: ParsedContractTerms,
  chargeIds: ReadonlySet<string>,
): void {
  const grantIds = new Set<string>();
  contract.credits?.forEach((grant, index) => {
    if (grantIds.has(grant.id))
      ctx.addIssue(issueOf(contractMessages.repeatedTermId("credit", grant.id), ["credits", index, "id"]));
    grantIds.add(grant.id);
    checkChargeReferences(ctx, grant.charges, ["credits", index, "charges"], chargeIds);
    checkGrantUnit(ctx, contract, grant, index);
  });
}

// A grant of money holds whole minor units of the invoice currency, like a fixed discount: its balance
// is shown, burned and carried in minor units, so 33.335 USD would pay a fraction of a cent. A grant in
// a custom unit (docs/contracts.md, step 8, "Grants in a unit of their own"): the unit is declared under
// customUnits, is not the invoice currency itself, and the amount fits its minor units.
function checkGrantUnit(
  ctx: z.core.$RefinementCtx,
  contract: {
    readonly currency: string;
    readonly customUnits?: ReadonlyArray<{ code: string; minorUnits: number }> | undefined;
  },
  grant: CreditGrantTerms,
  index: number,
): void {
  if (grant.unit === undefined) {
    const minorUnits = currencyMinorUnits(contract);
    if (minorUnits !== undefined && grant.amount.decimalPlaces() > minorUnits)
      ctx.addIssue(
        issueOf(
          contractMessages.grantNotInMinorUnits(toPlainString(grant.amount), contract.currency, minorUnits),
          ["credits", index, "amount"],
        ),
      );
    return;
  }
  const declared = (contract.customUnits ?? []).find((unit) => unit.code === grant.unit);
  if (declared === undefined) {
    ctx.addIssue(issueOf(contractMessages.grantUnitUndeclared(grant.unit), ["credits", index, "unit"]));
    return;
  }
  if (grant.unit === contract.currency) {
    ctx.addIssue(issueOf(contractMessages.grantUnitIsCurrency(grant.unit), ["credits", index, "unit"]));
    return;
  }
  if (grant.amount.decimalPlaces() > declared.minorUnits)
    ctx.addIssue(
      issueOf(
        contractMessages.grantNotInUnitMinorUnits(
          toPlainString(grant.amount),
          grant.unit,
          declared.minorUnits,
        ),
        ["credits", index, "amount"],
      ),
    );
}
