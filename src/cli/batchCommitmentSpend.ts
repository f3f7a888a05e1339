import { readPerContract } from "./batchPerContract.js";
import { type CarriedSpend, commitmentSpend, requirePrevious, spendAfter } from "./cliSupport.js";

/** Each contract's carried commitment spend (commitment id → spend), by contract id. */
export type BatchCommitmentSpend = ReadonlyMap<string, Readonly<Record<string, CarriedSpend>>>;

/**
 * `ratecard batch --commitment-spend FILE`: the spend to date of each contract's cumulative commitments
 * (docs/commitment-periods.md), by contract id ({@link readPerContract}), from either
 * - the previous period's invoices as `ratecard batch` wrote them: each invoice's
 *   `commitments[].cumulative.spendAfter`; or
 * - an object keyed by contract id whose values are that contract's previous invoice or an object of
 *   commitment id → spend text.
 *
 * `starts` gives, for each contract of the batch, the instant its invoice of the batch's period starts:
 * a previous invoice must end there, as `ratecard invoice --commitment-spend` requires.
 */
export function readBatchCommitmentSpend(
  file: string,
  starts: ReadonlyMap<string, string | undefined>,
  aside: ReadonlySet<string> = new Set(),
): Promise<BatchCommitmentSpend> {
  return readPerContract(
    file,
    starts,
    {
      flag: "--commitment-spend",
      gives: "spend",
      fromInvoice: (invoice, named, startsAt) => {
        requirePrevious(invoice, startsAt, named);
        return spendAfter(invoice);
      },
      fromValue: (value, source, contractId, startsAt) =>
        commitmentSpend(value, source, contractId, "--commitment-spend", startsAt),
    },
    aside,
  );
}
