import type { Invoice } from "../../src/index.js";
import { spendToDate } from "./cumulativeCommitment.js";

/**
 * Everything the previous invoice hands on to the next, as the library takes it: its meters' state
 * (`usage.carryOut`), each credit grant's balance after it, and each cumulative commitment's spend to
 * date; what `--carry`, `--balances` and `--commitment-spend` read from the same file. Nothing before
 * the first invoice.
 */
export function carriedFrom(previous: Invoice | undefined) {
  if (previous === undefined) return {};
  return {
    carried: previous.usage.carryOut ?? {},
    creditBalances: Object.fromEntries(
      (previous.credits ?? []).map((credit) => [credit.id, credit.balanceAfter]),
    ),
    commitmentSpendToDate: spendToDate(previous),
  };
}
