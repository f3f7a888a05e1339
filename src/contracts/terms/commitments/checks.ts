import type * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { issueOf } from "../../../schema/index.js";
import { checkChargeReferences } from "../../charge/checkChargeReferences.js";
import type { ParsedContractTerms } from "../../contract.js";

/**
 * Cross-field checks of `commitments[]`: scopes nested or disjoint, every listed charge exists (the
 * contract's or an amendment's: `definedChargeIds`), and an id no charge has (the true-up line carries it).
 */
export function checkCommitments(
  ctx: z.core.$RefinementCtx,
  contract: ParsedContractTerms,
  definedChargeIds: ReadonlySet<string>,
): void {
  checkCommitmentScopes(ctx, contract.commitments ?? []);
  contract.commitments?.forEach((commitment, index) => {
    checkChargeReferences(ctx, commitment.charges, ["commitments", index, "charges"], definedChargeIds);
    // any charge's id, an amendment's included: the true-up line and the charge's line would share it
    if (definedChargeIds.has(commitment.id))
      ctx.addIssue(issueOf(contractMessages.commitmentIdIsChargeId(), ["commitments", index, "id"]));
  });
}

// Two commitments on lists of charges must be nested or disjoint: a true-up of the narrower one counts
// as spend of the wider one, which needs one to contain the other (docs/contracts.md, step 7). The
// scopes are compared as sets: a charge listed twice must not make a partial overlap look nested.
function checkCommitmentScopes(
  ctx: z.core.$RefinementCtx,
  commitments: ReadonlyArray<{ readonly charges?: ReadonlyArray<string> | undefined }>,
): void {
  const scopes = commitments.map((commitment) =>
    commitment.charges === undefined ? undefined : new Set(commitment.charges),
  );
  scopes.forEach((a, i) => {
    scopes.forEach((b, j) => {
      if (j <= i || a === undefined || b === undefined) return;
      const shared = [...a].filter((id) => b.has(id));
      const nested = shared.length === a.size || shared.length === b.size;
      if (shared.length > 0 && !nested)
        ctx.addIssue(
          issueOf(contractMessages.commitmentScopesOverlap(i, shared), ["commitments", j, "charges"]),
        );
    });
  });
}
