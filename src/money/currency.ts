import { InputError, type JsonPath, unknownCurrency } from "../errors/index.js";
import { ISO_MINOR_UNITS } from "./iso4217.js";

/** A currency or custom unit: its code and how many decimals its smallest unit has. */
export interface Currency {
  readonly code: string;
  /** Decimals of the minor unit: USD 2 (cents), JPY 0, BHD 3, CLF 4, a custom CREDIT unit maybe 4. */
  readonly minorUnits: number;
}

/** A unit declared by a contract in addition to ISO 4217, e.g. `{ code: "CREDIT", minorUnits: 4 }`. */
export interface CustomUnit {
  readonly code: string;
  readonly minorUnits: number;
}

// ISO 4217 minor units come from the `currency-codes` package (ISO's own list, kept current), not from
// Intl: ICU's display digits differ from ISO for dozens of codes (it shows COP, HUF, IDR, IQD with 0).
// ISO marks a few codes (XAU, XDR, …) "N.A."; the package reports 0 for those, which we keep. The
// package is read at build time only: ./iso4217.ts is the table generated from it (code → decimals),
// since the package also carries names and countries, 18 KB of a browser bundle.

/** Every ISO 4217 code ratecard knows, sorted. */
export function isoCurrencyCodes(): ReadonlyArray<string> {
  return [...ISO_MINOR_UNITS.keys()].sort();
}

/** True when `code` is an active ISO 4217 currency code. */
export function isIsoCurrency(code: string): boolean {
  return ISO_MINOR_UNITS.has(code);
}

/**
 * Resolves a code to a {@link Currency}, looking at the contract's custom units first.
 * @throws InputError `unknown_currency` when the code is neither ISO 4217 nor a declared custom unit
 * @example resolveCurrency("JPY").minorUnits // 0
 * @example resolveCurrency("CREDIT", [{ code: "CREDIT", minorUnits: 4 }]).minorUnits // 4
 */
export function resolveCurrency(
  code: string,
  customUnits: ReadonlyArray<CustomUnit> = [],
  path: JsonPath = "currency",
): Currency {
  const custom = customUnits.find((unit) => unit.code === code);
  if (custom) return { code, minorUnits: custom.minorUnits };
  const minorUnits = ISO_MINOR_UNITS.get(code);
  if (minorUnits === undefined) {
    throw InputError.from(unknownCurrency(path, code), path);
  }
  return { code, minorUnits };
}
