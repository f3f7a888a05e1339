import { isIsoCurrency, resolveCurrency } from "../money/index.js";

/**
 * The invoice currency's minor units (declared under customUnits, or ISO 4217); undefined for an
 * unknown currency, which has its own error.
 */
export function currencyMinorUnits(contract: {
  readonly currency: string;
  readonly customUnits?: ReadonlyArray<{ code: string; minorUnits: number }> | undefined;
}): number | undefined {
  return (
    contract.customUnits?.find((unit) => unit.code === contract.currency)?.minorUnits ??
    (isIsoCurrency(contract.currency) ? resolveCurrency(contract.currency).minorUnits : undefined)
  );
}
