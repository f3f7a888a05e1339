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
