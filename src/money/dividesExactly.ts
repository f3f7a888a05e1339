import type { Decimal } from "./decimal.js";

/**
 * True when dividing by `divisor` always gives a quotient that ends (a decimal of finitely many
 * digits): its digits, as a whole number, have no prime factor but 2 and 5. 1,000, 10^9, 1,024 and 0.5
 * do; 3, 30, 60 and 3,600 do not (1,200 ÷ 3,600 = 0.333…), and a quotient that does not end can only be
 * carried to 50 digits, a hair off any amount priced from it.
 * @example dividesExactly(new Decimal(1024)) // true; dividesExactly(new Decimal(3600)) // false
 */
export function dividesExactly(divisor: Decimal): boolean {
  let digits = BigInt(divisor.abs().toFixed().replace(".", "").replace(/^0+/, "") || "0");
  if (digits === 0n) return false;
  while (digits % 2n === 0n) digits /= 2n;
  while (digits % 5n === 0n) digits /= 5n;
  return digits === 1n;
}
