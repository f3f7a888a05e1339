import type { Contract } from "../contracts/index.js";
import type { Sha256 } from "../schema/index.js";
import { emptyDraft, type InvoiceKind, type PeriodInForce, type PeriodUsage } from "./draft.js";
import type { Invoice } from "./invoiceSchema.js";
import { parseEarlierNote } from "./progressiveOptions.js";
import { commitmentsStage } from "./stages/commitments.js";
import { type CarriedCredits, creditsAfterTaxStage, creditsBeforeTaxStage } from "./stages/credits.js";
import type { CommitmentSpendToDate } from "./stages/cumulativeCommitment.js";
import { readCommitmentNotes } from "./stages/cumulativeNotes.js";
import { discountsStage } from "./stages/discounts.js";
import { issueInvoice } from "./stages/issueInvoice.js";
import { rateChargesStage } from "./stages/rateCharges.js";
import { taxStage } from "./stages/tax.js";
import { amountDueRoundingStage, totalRoundingStage } from "./stages/totalRounding.js";

/**
 * How {@link buildInvoice} is called: which invoice, and what earlier invoices carry into it (credit
 * balances, the spend of cumulative commitments).
 */
export interface BuildInvoiceOptions {
  /** Default "closing": the invoice of a service period. */
  readonly kind?: InvoiceKind;
  readonly credits?: CarriedCredits;
  readonly commitmentSpend?: CommitmentSpendToDate;
  /** The credit notes of earlier invoices of cumulative commitment periods (`commitmentCreditNotes`), as given. */
  readonly commitmentNotes?: ReadonlyArray<unknown>;
  /** The SHA-256 that seals the invoice (`RateInvoiceOptions.sha256`); `@noble/hashes`' when absent. */
  readonly sha256?: Sha256;
}

/**
 * The invoice pipeline, in the order of operations of docs/contracts.md. Step 0 (the terms in force
 * and the pieces of the period) and the aggregation of each piece were done by the caller: `period`
 * and `usage` hold them, so nothing here reads events or decides again whether the period is split.
 */
export function buildInvoice(
  contract: Contract,
  period: PeriodInForce,
  usage: PeriodUsage,
  {
    kind = "closing",
    credits = {},
    commitmentSpend = {},
    commitmentNotes = [],
    sha256,
  }: BuildInvoiceOptions = {},
): Invoice {
  const notes = readCommitmentNotes(contract, commitmentNotes, (raw, index) =>
    parseEarlierNote(raw, index, "commitmentCreditNotes"),
  );
  let draft = emptyDraft(contract, period, kind);
  draft = rateChargesStage(draft, usage); //            1–4. usage → lines, allowance pools, line limits, rounding
  draft = discountsStage(draft, usage); //              5–6. line discounts, then invoice discounts
  draft = commitmentsStage(draft, commitmentSpend, notes); // 7. true-up, overage, cap
  draft = creditsBeforeTaxStage(draft, credits); //     8.   pre-tax credits, in burn order
  draft = taxStage(draft); //                           9–10. tax and total
  draft = totalRoundingStage(draft); //                 10½. lines finer than the currency: the total rounded to it
  draft = creditsAfterTaxStage(draft); //               11.  post-tax credits → amount due
  draft = amountDueRoundingStage(draft); //             11½. … and the amount due
  return issueInvoice(draft, usage.whole, sha256);
}
