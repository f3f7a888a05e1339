// Symbols for the currencies whose symbol is unambiguous in English billing text. Every other code
// (CAD, AUD, CHF, custom units, …) is written as its code ("CAD 12.00") so it can never be misread;
// a fixed table keeps explanations independent of the runtime's locale data.
const SYMBOLS: Readonly<Record<string, string>> = { USD: "$", EUR: "€", GBP: "£", JPY: "¥", INR: "₹" };

/** Prefix for amounts in `code`: "$" for USD, "CAD " for CAD. */
export function currencyPrefix(code: string): string {
  return SYMBOLS[code] ?? `${code} `;
}
