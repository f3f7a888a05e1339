import type { ErrorMessage } from "./message.js";

// A price that reads each transaction's amount (percentage) on a meter that keeps none: the contract
// check refuses it in these words (src/contracts/charge/checkCharge.ts, checkEventValueMeter).

/**
 * A price that reads each event's value (percentage: each transaction's amount) on a meter whose
 * events carry no amount to read: one that counts events, also in windows (each event would count as
 * 1, or as a valueProperty the meter names but never reads or checks), a unique_count (its values are
 * identities) or a weighted_sum (its values are levels over time, not transactions).
 */
export function eventValuesNotKept(
  model: string,
  meter: string,
  aggregation: string,
  count: {
    /**
     * The meter counts the events (or, a unique_count, the distinct values) of each window, then
     * aggregates the windows (`outer`).
     */
    readonly counted?: { readonly window: string; readonly outer: string } | undefined;
    /** The valueProperty a counting meter names but never reads. */
    readonly ignored?: string | undefined;
  } = {},
): ErrorMessage {
  const fix = "use a sum meter with the transaction amount as its valueProperty or its computed value";
  if (aggregation === "count") {
    const counts =
      count.counted === undefined
        ? "it counts events"
        : `it counts the events of each ${count.counted.window} window, then takes the ${count.counted.outer} of those counts`;
    const priced =
      count.ignored === undefined
        ? "so each transaction would count as 1"
        : `its valueProperty "${count.ignored}" is never read or checked, so transactions would be priced by an unchecked property`;
    return {
      code: "invalid_field",
      message: `a ${model} price reads each event's amount, but meter "${meter}" reads no value (${counts}); ${priced}; ${fix}`,
    };
  }
  if (aggregation === "unique_count" && count.counted !== undefined)
    return {
      code: "invalid_field",
      message: `a ${model} price reads each event's amount, but meter "${meter}" counts the distinct values of each ${count.counted.window} window, then takes the ${count.counted.outer} of those counts: its values are identities, not amounts; ${fix}`,
    };
  const why =
    aggregation === "unique_count"
      ? "counts distinct values, which are identities, not amounts"
      : "measures a level over time, not transactions";
  return {
    code: "invalid_field",
    message: `a ${model} price reads each event's amount, but meter "${meter}" is a ${aggregation} meter that ${why}; ${fix}`,
  };
}
