import type { Invoice } from "../../src/index.js";
import { buildContract, type ContractOverrides, usageEvent } from "./contract.js";

/** A commitment of 1,200.00 owed once from 1 January until 1 April 2026 by the spend of its invoices together. */
export const Q1_COMMITMENT = {
  id: "q1",
  name: "Q1 commitment",
  minimum: "1200",
  cumulative: { from: "2026-01-01", until: "2026-04-01" },
} as const;

/**
 * The worked example of docs/commitment-periods.md: one usage charge at 1.00 a unit (meter `m` sums
 * `v` of events of type `e`), billed monthly from 1 January 2026, and {@link Q1_COMMITMENT} (three
 * monthly invoices), with `extra` fields replacing its own.
 */
export function quarterCommitment(extra: Record<string, unknown> = {}, contract: ContractOverrides = {}) {
  return buildContract(
    { id: "ctr_quarter", commitments: [{ ...Q1_COMMITMENT, ...extra } as never] },
    contract,
  );
}

/** One event of `v` units in `month` ("2026-02"), on its 2nd day. */
export function spendIn(month: string, v: string) {
  return [usageEvent(`${month}-use`, "e", `${month}-02T00:00:00Z`, { v })];
}

/** What the next invoice of a cumulative commitment carries: each one's spend to date. */
export function spendToDate(invoice: Invoice): Record<string, string> {
  return Object.fromEntries(
    (invoice.commitments ?? []).flatMap((commitment) =>
      commitment.cumulative === undefined ? [] : [[commitment.id, commitment.cumulative.spendAfter]],
    ),
  );
}

/**
 * What the next invoice carries with the credit notes its spend already reflects: each cumulative
 * commitment's whole `cumulative` record (its `spendAfter` and `creditNotesTaken`).
 */
export function recordToDate(invoice: Invoice) {
  return Object.fromEntries(
    (invoice.commitments ?? []).flatMap((commitment) =>
      commitment.cumulative === undefined ? [] : [[commitment.id, commitment.cumulative]],
    ),
  );
}
