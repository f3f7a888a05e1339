import { parseInvoice } from "../index.js";
import { jsonDocuments } from "./batchContracts.js";
import {
  commitmentSpend,
  isObject,
  readIssued,
  requirePrevious,
  spendAfter,
  UsageLineError,
} from "./cliSupport.js";

/** Each contract's carried commitment spend (commitment id → spend), by contract id. */
export type BatchCommitmentSpend = ReadonlyMap<string, Readonly<Record<string, string>>>;

/**
 * `ratecard batch --commitment-spend FILE`: the spend to date of each contract's cumulative commitments
 * (docs/commitment-periods.md), by contract id, from either
 * - the previous period's invoices as `ratecard batch` wrote them (NDJSON, one invoice a line; a JSON
 *   list; or the `--format json` document `{ invoices, summary }`): each invoice's
 *   `commitments[].cumulative.spendAfter`, its digest checked; invoices of contracts the batch does not
 *   rate (a customer who left) are skipped, and two invoices of one contract are refused; or
 * - an object keyed by contract id whose values are that contract's previous invoice or an object of
 *   commitment id → spend text; a key that is no contract of the batch is refused (a typo would
 *   otherwise leave a contract without its spend).
 *
 * `starts` gives, for each contract of the batch, the instant its invoice of the batch's period starts
 * (undefined when the rating will refuse that period): a previous invoice must end there, as
 * `ratecard invoice --commitment-spend` requires. Another period's invoice of one contract refuses the
 * whole batch, naming the contract and both periods, as every other error of the file does.
 */
export async function readBatchCommitmentSpend(
  file: string,
  starts: ReadonlyMap<string, string | undefined>,
): Promise<BatchCommitmentSpend> {
  const documents = await jsonDocuments(file, "--commitment-spend");
  const only = documents.length === 1 ? documents[0]!.json : undefined;
  if (isObject(only) && Array.isArray(only.invoices))
    return fromInvoices(
      only.invoices.map((json, index) => ({ source: `${file} invoices[${index}]`, json })),
      starts,
    );
  if (isObject(only) && !("schemaVersion" in only)) return fromKeyed(file, only, starts);
  return fromInvoices(documents, starts);
}

function fromInvoices(
  documents: ReadonlyArray<{ source: string; json: unknown }>,
  starts: ReadonlyMap<string, string | undefined>,
): BatchCommitmentSpend {
  const spend = new Map<string, Record<string, string>>();
  const sources = new Map<string, string>();
  for (const { source, json } of documents) {
    const invoice = readIssued(`--commitment-spend ${source}`, json, parseInvoice, "a ratecard invoice");
    const earlier = sources.get(invoice.contractId);
    if (earlier !== undefined)
      throw new UsageLineError(
        `--commitment-spend: ${earlier} and ${source} are both invoices of contract ${invoice.contractId}; give each contract's previous invoice once`,
      );
    sources.set(invoice.contractId, source);
    if (!starts.has(invoice.contractId)) continue;
    const named = `--commitment-spend ${source} (contract ${invoice.contractId})`;
    requirePrevious(invoice, starts.get(invoice.contractId), named);
    spend.set(invoice.contractId, spendAfter(invoice));
  }
  return spend;
}

function fromKeyed(
  file: string,
  keyed: Readonly<Record<string, unknown>>,
  starts: ReadonlyMap<string, string | undefined>,
): BatchCommitmentSpend {
  return new Map(
    Object.entries(keyed).map(([contractId, value]) => {
      if (!starts.has(contractId))
        throw new UsageLineError(
          `--commitment-spend ${file} gives spend for contract "${contractId}", which --contracts does not have; key each entry by the id of a contract of the batch`,
        );
      const source = `${file} (contract ${contractId})`;
      const startsAt = starts.get(contractId);
      return [contractId, commitmentSpend(value, source, contractId, "--commitment-spend", startsAt)];
    }),
  );
}
