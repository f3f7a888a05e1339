import { choiceHint, type Invoice, parseInvoice } from "../index.js";
import { jsonDocuments } from "./batchContracts.js";
import { isObject, readIssued, UsageLineError } from "./cliSupport.js";

/**
 * How a batch reads what each contract's previous invoice carries from one file (`--carry`,
 * `--commitment-spend`): the flag, what a keyed entry gives ("spend"), and how a value is read.
 */
export interface PerContractReading<T> {
  readonly flag: string;
  readonly gives: string;
  /**
   * What a previous invoice of the contract carries, once it is known to be that contract's; `named`
   * is the flag, the file, the line and the contract ("--carry jan.ndjson line 1 (contract ctr_a)").
   * Must check it is the invoice just before (`requirePrevious` against `startsAt`).
   */
  fromInvoice(invoice: Invoice, named: string, startsAt: string | undefined): T;
  /** A keyed entry: the contract's previous invoice or what it carries itself; `source` names the file and contract. */
  fromValue(value: unknown, source: string, contractId: string, startsAt: string | undefined): T;
}

/**
 * What each contract of a batch carries from a per-contract file, by contract id, from either
 * - the previous period's invoices as `ratecard batch` wrote them (NDJSON, one invoice a line; a JSON
 *   list; or the `--format json` document `{ invoices, summary }`), each matched to its contract by
 *   `contractId`, its digest checked; invoices of contracts the batch does not rate (a customer who left)
 *   are skipped, and two invoices of one contract are refused; or
 * - an object keyed by contract id; a key that is no contract of the batch is refused (a typo would
 *   otherwise leave a contract without what it carries), one of a contract the batch sets aside
 *   (`aside`: out of term, or billed on another cycle, listed in its summary) skipped, as its invoice is.
 *
 * `starts` gives, for each contract of the batch, the instant its invoice of the batch's period starts
 * (undefined when the rating will refuse that period): a previous invoice must end there, as for
 * `ratecard invoice`. Another period's invoice of one contract refuses the whole batch.
 */
export async function readPerContract<T>(
  file: string,
  starts: ReadonlyMap<string, string | undefined>,
  reading: PerContractReading<T>,
  aside: ReadonlySet<string> = new Set(),
): Promise<ReadonlyMap<string, T>> {
  const documents = await jsonDocuments(file, reading.flag);
  const only = documents.length === 1 ? documents[0]!.json : undefined;
  if (isObject(only) && Array.isArray(only.invoices))
    return fromInvoices(
      only.invoices.map((json, index) => ({ source: `${file} invoices[${index}]`, json })),
      starts,
      reading,
    );
  if (isObject(only) && !("schemaVersion" in only)) return fromKeyed(file, only, starts, reading, aside);
  return fromInvoices(documents, starts, reading);
}

function fromInvoices<T>(
  documents: ReadonlyArray<{ source: string; json: unknown }>,
  starts: ReadonlyMap<string, string | undefined>,
  reading: PerContractReading<T>,
): ReadonlyMap<string, T> {
  const { flag } = reading;
  const carried = new Map<string, T>();
  const sources = new Map<string, string>();
  for (const { source, json } of documents) {
    const invoice = readIssued(`${flag} ${source}`, json, parseInvoice, "a ratecard invoice");
    const earlier = sources.get(invoice.contractId);
    if (earlier !== undefined)
      throw new UsageLineError(
        `${flag}: ${earlier} and ${source} are both invoices of contract ${invoice.contractId}; give each contract's previous invoice once`,
      );
    sources.set(invoice.contractId, source);
    if (!starts.has(invoice.contractId)) continue;
    const named = `${flag} ${source} (contract ${invoice.contractId})`;
    carried.set(invoice.contractId, reading.fromInvoice(invoice, named, starts.get(invoice.contractId)));
  }
  return carried;
}

function fromKeyed<T>(
  file: string,
  keyed: Readonly<Record<string, unknown>>,
  starts: ReadonlyMap<string, string | undefined>,
  reading: PerContractReading<T>,
  aside: ReadonlySet<string>,
): ReadonlyMap<string, T> {
  return new Map(
    Object.entries(keyed)
      .filter(([contractId]) => !aside.has(contractId))
      .map(([contractId, value]) => {
        if (!starts.has(contractId)) {
          // A typo of a contract id says which one it most likely meant, as a misspelt field does.
          const hint = choiceHint(contractId, [...starts.keys()]);
          throw new UsageLineError(
            `${reading.flag} ${file} gives ${reading.gives} for contract "${contractId}", which --contracts does not have; ${hint === undefined ? "key" : `${hint} Key`} each entry by the id of a contract of the batch`,
          );
        }
        const source = `${file} (contract ${contractId})`;
        return [contractId, reading.fromValue(value, source, contractId, starts.get(contractId))];
      }),
  );
}
