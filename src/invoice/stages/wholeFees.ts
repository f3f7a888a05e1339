import type { ChargeTerms, Contract } from "../../contracts/index.js";
import { type Warning, warningMessages } from "../../errors/index.js";
import { modelOfPrice } from "../../pricing/index.js";
import { formatLocalDate, type Period, toLocalDate } from "../../time/index.js";
import { label } from "../resolveServicePeriod.js";
import { chargePath } from "../termsAt.js";

/**
 * A fee billed whole, never prorated: a flat price with `"prorate": false` (docs/pricing.md, flat). One
 * such fee is due per billing period, so terms that change inside the period must not each bill it
 * whole: a monthly 310.00 raised to 620.00 on the 15th billed 310.00 + 620.00 = 930.00 for one month.
 */
export function billsWhole(charge: ChargeTerms): boolean {
  // Only a fee's model can bill whole; parseContract refuses a meter or a contract quantity (seats,
  // which always prorate) beside a flat price, so the model alone decides.
  const model = modelOfPrice(charge.price);
  return model.isFee && !model.prorates(charge.price);
}

/**
 * The warning that says which terms billed a fee billed whole whose terms changed inside the period:
 * the last ones in force, from `from` (the start of their piece), over the whole period, once.
 */
export function wholeFeeNote(contract: Contract, service: Period, id: string, from: number): Warning {
  return warningMessages.wholeFeeRepriced({
    path: chargePath(contract, id, from),
    chargeId: id,
    from: formatLocalDate(toLocalDate(from, contract.timeZone)),
    period: label(service, contract.timeZone),
  });
}
