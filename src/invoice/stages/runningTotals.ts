import type { ChargeTerms, Contract } from "../../contracts/index.js";
import { type Warning, warningMessages } from "../../errors/index.js";
import { perObject } from "../../schema/index.js";
import { formatLocalDate, type Period, toLocalDate } from "../../time/index.js";
import type { PeriodInForce } from "../draft.js";
import { label } from "../resolveServicePeriod.js";
import { chargeKey, chargePath } from "../termsAt.js";

// A charge on a persistent meter (a running total, an active set) is one reading at the period's end,
// priced once by the terms in force then (docs/contracts.md, step 0): whether a charge reads one, and
// the warning that says which terms priced it.

/** True when the charge reads a persistent meter (a running total or an active set since the contract start). */
export function readsRunningTotal(contract: Contract, charge: ChargeTerms): boolean {
  return charge.meter !== undefined && persistentMeters(contract).has(charge.meter);
}

// The ids of the contract's persistent meters, found once per contract (not once per charge).
const persistentMeters = perObject(
  (contract: Contract): ReadonlySet<string> =>
    new Set(contract.meters.filter((meter) => meter.persistent === true).map((meter) => meter.id)),
);

/**
 * The warning a specialist needs when a charge on a running total changes inside the period: which
 * terms priced the period's reading, or that no terms did because the charge stopped reading it.
 */
export function runningTotalNote(
  contract: Contract,
  resolved: PeriodInForce,
  id: string,
  versions: ReadonlyArray<ChargeTerms | undefined>,
  pieces: ReadonlyArray<{ readonly period: Period }>,
): Warning | undefined {
  const date = (at: number) => formatLocalDate(toLocalDate(pieces[at]!.period.start, contract.timeZone));
  const final = versions[versions.length - 1];
  if (final !== undefined && readsRunningTotal(contract, final)) {
    let from = versions.length - 1;
    while (
      from > 0 &&
      versions[from - 1] !== undefined &&
      chargeKey(versions[from - 1]!) === chargeKey(final)
    )
      from -= 1;
    return warningMessages.runningTotalRepriced({
      path: chargePath(contract, id, pieces[from]!.period.start),
      chargeId: id,
      from: date(from),
      meter: final.meter!,
      period: label(resolved.service, contract.timeZone),
    });
  }
  // The last piece whose terms read a running total (-1: none did, nothing to say).
  const earlier = Math.max(
    ...versions.map((version, at) =>
      version !== undefined && readsRunningTotal(contract, version) ? at : -1,
    ),
  );
  if (earlier === -1) return undefined;
  return warningMessages.runningTotalUnbilled({
    path: chargePath(contract, id, pieces[earlier]!.period.start),
    chargeId: id,
    meter: versions[earlier]!.meter!,
    change: versions[earlier + 1] === undefined ? "ends" : "no_longer_reads",
    date: date(earlier + 1),
    period: label(resolved.service, contract.timeZone),
  });
}
