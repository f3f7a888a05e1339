import type { InvoiceLine } from "../invoice/index.js";
import type { AppliedCommitment } from "../schema/index.js";
import type { RowDraft, RowFacts } from "./rowFacts.js";

/**
 * A true-up is the unused part of a spend commitment: FOCUS's CommitmentDiscountStatus "Unused", whose
 * CommitmentDiscountQuantity is the unused spend, in the billing currency (category "Spend").
 */
export function withUnusedCommitment(
  row: RowDraft,
  line: InvoiceLine,
  commitments: ReadonlyArray<AppliedCommitment>,
  facts: RowFacts,
): void {
  const commitment = commitments.find((applied) => applied.id === line.chargeId);
  row.CommitmentDiscountId = `${facts.contractId}/commitments/${line.chargeId}`;
  row.CommitmentDiscountName = commitment?.name ?? line.name;
  row.CommitmentDiscountCategory = "Spend";
  row.CommitmentDiscountType = "Minimum spend commitment";
  row.CommitmentDiscountStatus = "Unused";
  row.CommitmentDiscountQuantity = commitment?.trueUp ?? line.amount;
  row.CommitmentDiscountUnit = facts.currency.code;
}
