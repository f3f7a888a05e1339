import type { CreditGrantTerms } from "../contracts/index.js";
import { InvariantError } from "../errors/index.js";
import {
  type Currency,
  type CustomUnit,
  type Decimal,
  exactProduct,
  roundTo,
  toFixedString,
} from "../money/index.js";

/** What one burn takes: `money` off the invoice (invoice currency) and `units` from the grant's balance. */
export interface Burn {
  readonly money: Decimal;
  readonly units: Decimal;
}

/**
 * How much a grant with `balance` burns against `owed` (whole minor units of the invoice currency).
 * - A grant of money burns min(balance, owed); money and units are the same.
 * - A grant in a custom unit (docs/contracts.md, step 8): money = min(balance × unitValue rounded
 *   down to the currency's minor unit, owed), so it never pays more than its balance is worth; units =
 *   money ÷ unitValue, exact when that fits the unit's minor units, otherwise rounded up to the next
 *   minor unit (the balance pays at least the money it covered, by less than one minor unit of the unit).
 * @example 10,000 CREDIT at 0.01 USD against 61.37 → { money: 61.37, units: 6,137 }
 * @example 3,863 CREDIT at 0.01 USD against 50.00 → { money: 38.63, units: 3,863 }
 */
export function burnAmount(
  grant: CreditGrantTerms,
  balance: Decimal,
  owed: Decimal,
  currency: Currency,
  customUnits: ReadonlyArray<CustomUnit>,
): Burn {
  if (grant.unit === undefined || grant.unitValue === undefined) {
    const money = balance.lessThan(owed) ? balance : owed;
    return { money, units: money };
  }
  const unitValue = grant.unitValue;
  // Exact before the floor: a balance of 12 decimals times a unit value of 15 can need 51 digits.
  const worth = roundTo(exactProduct(balance, unitValue), currency.minorUnits, "floor");
  const money = worth.lessThan(owed) ? worth : owed;
  const minor = unitMinorUnits(grant, customUnits);
  let units = roundTo(money.div(unitValue), minor, "ceiling");
  // The division keeps 50 significant digits; if it ever rounded below a step boundary, step up.
  if (exactProduct(units, unitValue).lessThan(money)) units = units.plus(`1e-${minor}`);
  if (units.greaterThan(balance))
    throw new InvariantError(
      `Credit "${grant.id}" would use ${units.toFixed()} ${grant.unit} of a ${balance.toFixed()} balance for ${toFixedString(money, currency.minorUnits)}.`,
    );
  return { money, units };
}

/** The decimals of the grant's unit (declared under customUnits; the contract checks it). */
export function unitMinorUnits(grant: CreditGrantTerms, customUnits: ReadonlyArray<CustomUnit>): number {
  const declared = customUnits.find((unit) => unit.code === grant.unit);
  if (declared === undefined)
    throw new InvariantError(`Credit "${grant.id}" is in ${grant.unit}, which customUnits does not declare.`);
  return declared.minorUnits;
}
