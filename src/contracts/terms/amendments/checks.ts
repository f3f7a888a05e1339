import type * as z from "zod/mini";
import { ratecardIssue } from "../../../schema/index.js";
import { checkCharge, checkEventValueMeter } from "../../charge/checkCharge.js";
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
        ratecardIssue(
          "invalid_field",
          `takes effect on ${amendment.effective}, not after the amendment before it (${previous}); list amendments in effective order, one per date`,
          ["amendments", index, "effective"],
        ),
      );
    previous = amendment.effective;
    // one amendment defines a charge once: a second definition would silently replace the first
    const defined = new Map<string, number>();
    amendment.charges?.forEach((charge, at) => {
      const first = defined.get(charge.id);
      if (first !== undefined)
        ctx.addIssue(
          ratecardIssue(
            "duplicate_id",
            `repeats id "${charge.id}" already used by amendments[${index}].charges[${first}]`,
            ["amendments", index, "charges", at, "id"],
          ),
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
      known.add(charge.id);
      const billed = charge.billed ?? "in_arrears";
      const before = timing.get(charge.id);
      if (before !== undefined && before !== billed)
        ctx.addIssue(
          ratecardIssue(
            "invalid_field",
            `charge ${charge.id} is billed ${before.replace("_", " ")} before this amendment; a charge keeps its timing for the whole term (remove it and add a charge with a new id instead)`,
            ["amendments", index, "charges", at, "billed"],
          ),
        );
      timing.set(charge.id, billed);
    });
    amendment.remove?.forEach((id, at) => {
      if (!known.has(id))
        ctx.addIssue(
          ratecardIssue("invalid_field", `no charge has id "${id}"`, ["amendments", index, "remove", at]),
        );
    });
  });
}
