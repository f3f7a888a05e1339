import type { RatecardErrorCode } from "../RatecardError.js";

/** A problem in a contract: its code and the sentence a billing specialist reads (the caller adds the path). */
interface ContractMessage {
  readonly code: RatecardErrorCode;
  readonly message: string;
}

/** A term names a charge (`charges`, `remove`, `charge`) that neither the contract nor an amendment defines. */
export function noChargeWithId(id: string): ContractMessage {
  return { code: "invalid_field", message: `no charge has id "${id}"` };
}

/**
 * A price that reads each event's value (percentage: each transaction's amount) on a meter whose
 * events carry no amount to read: a count (each event would count as 1), a unique_count (its values are
 * identities) or a weighted_sum (its values are levels over time, not transactions).
 */
export function eventValuesNotKept(model: string, meter: string, aggregation: string): ContractMessage {
  if (aggregation === "count")
    return {
      code: "invalid_field",
      message: `a ${model} price reads each event's amount, but meter "${meter}" reads no value (it counts events), so each transaction would count as 1; use a sum meter with the transaction amount as its valueProperty`,
    };
  const why =
    aggregation === "unique_count"
      ? "counts distinct values, which are identities, not amounts"
      : "measures a level over time, not transactions";
  return {
    code: "invalid_field",
    message: `a ${model} price reads each event's amount, but meter "${meter}" is a ${aggregation} meter that ${why}; use a sum meter with the transaction amount as its valueProperty`,
  };
}
