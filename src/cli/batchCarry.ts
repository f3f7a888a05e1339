import type { CarriedMeterState } from "../index.js";
import { readPerContract } from "./batchPerContract.js";
import { carriedState, carriedStatesIn } from "./carriedState.js";
import { requirePrevious } from "./cliSupport.js";

/** Each contract's carried meter states (meter id → state), by contract id. */
export type BatchCarry = ReadonlyMap<string, Readonly<Record<string, CarriedMeterState>>>;

/**
 * `ratecard batch --carry FILE`: the state each contract's persistent and weighted_sum meters open the
 * period with (docs/meters.md, "Persistent meters"), by contract id ({@link readPerContract}), from
 * either
 * - the previous period's invoices as `ratecard batch` wrote them: each invoice's `usage.carryOut`
 *   (an invoice without it carries nothing); or
 * - an object keyed by contract id whose values are that contract's previous invoice or its carried
 *   states themselves (`{ "ctr_a": { "seats": { "active": ["u1"] } } }`), read as `ratecard invoice
 *   --carry` reads its file.
 *
 * Each state's shape is checked here, naming the file, line and contract; whether it fits the
 * contract's meters is checked when the contract is rated (a wrong one stops the batch, naming this
 * file). A contract without an entry carries nothing: its invoice then says which meters opened from
 * zero (`carried_state_missing`) unless the period is the contract's first.
 */
export function readBatchCarry(
  file: string,
  starts: ReadonlyMap<string, string | undefined>,
  aside: ReadonlySet<string> = new Set(),
): Promise<BatchCarry> {
  return readPerContract(
    file,
    starts,
    {
      flag: "--carry",
      gives: "carried state",
      fromInvoice: (invoice, named, startsAt) => {
        requirePrevious(invoice, startsAt, named);
        return carriedStatesIn(invoice.usage.carryOut, ["usage", "carryOut"], named);
      },
      fromValue: (value, source, contractId, startsAt) =>
        carriedState(value, `--carry ${source}`, contractId, startsAt),
    },
    aside,
  );
}
