import * as z from "zod/mini";
import { Decimal, resolveCurrency, toFixedString } from "../money/index.js";

/** An amount as Stripe writes it: an integer in the currency's minor unit (1999 for 19.99 USD). */
export const stripeMinorAmount = z.number().check(z.int());

/** A unit amount as Stripe's `unit_amount_decimal` writes it: decimal text, in the minor unit. */
export const stripeDecimalText = z.string().check(z.regex(/^-?\d+(\.\d+)?$/));

/** A Stripe currency read: its ISO code, and its amounts in major units. */
export interface StripeMoney {
  /** The ISO code in upper case (Stripe writes "usd"). */
  readonly code: string;
  readonly minorUnits: number;
  /** An amount in minor units, as text in major units to the currency's decimals: 1999 → "19.99". */
  readonly major: (amount: Decimal | number | string) => string;
  /** A unit amount in minor units, in major units, exactly (a unit price may be finer than a cent). */
  readonly unit: (amount: number | string) => Decimal;
}

/**
 * How the Stripe readers (invoice and credit note) turn minor units into ratecard's figures, for one
 * currency. @throws InputError `unknown_currency` for a currency ratecard does not know
 * @example stripeMoney("usd").major(1999) // "19.99"
 */
export function stripeMoney(currency: string): StripeMoney {
  const code = currency.toUpperCase();
  const { minorUnits } = resolveCurrency(code);
  const unit = (amount: Decimal | number | string) => new Decimal(amount).div(10 ** minorUnits);
  return { code, minorUnits, major: (amount) => toFixedString(unit(amount), minorUnits), unit };
}
