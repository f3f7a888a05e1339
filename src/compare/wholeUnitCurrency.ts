import { isIsoCurrency, resolveCurrency } from "../money/index.js";

// ISO 4217 lists these with no minor unit as "N.A.", not 0: metals, funds' units of account and the
// testing codes. An amount of them may well have decimals (1.5 troy ounces), so nothing is inferred.
const NOT_APPLICABLE = new Set("XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX".split(" "));

/**
 * True for an ISO 4217 currency whose exponent is 0 (JPY, KRW, VND, CLP, ISK, …): an amount of it has
 * no fraction, so in an issued amount "4,074" can only be 4,074 with its thousands grouped. Not for a
 * custom unit (its decimals are the contract's, not the issuer's) nor for a code ISO gives no exponent.
 */
export function isWholeUnitCurrency(code: string | undefined): boolean {
  return (
    code !== undefined &&
    isIsoCurrency(code) &&
    !NOT_APPLICABLE.has(code) &&
    resolveCurrency(code).minorUnits === 0
  );
}
