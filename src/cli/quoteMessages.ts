import type { ErrorMessage, RatecardErrorCode } from "../index.js";

// The sentences of `ratecard quote`: its flags, the values it prices and what it cannot quote. Part of
// the command's catalogue (src/cli/messages.ts), kept apart as the library keeps one catalogue per area.

/** `ratecard quote` given both --quantity and --values. */
export function quoteQuantityAndValues(): ErrorMessage {
  return {
    code: "invalid_argument",
    message: "Give --quantity or --values, not both: one of them would be ignored.",
  };
}

/**
 * A negative price in `ratecard quote`: the contract's sentence sends the reader to declare the charge
 * a credit, which a quote has no field for.
 */
export function quoteNegativePrice(path: string, value: string): string {
  return `${path} is ${value}; ratecard quote prices zero or more. A credit line is rated from a contract whose charge is declared a credit ("credit": true): ratecard invoice.`;
}

/** `ratecard quote` given a quantity for a price that bills none. */
export function quoteQuantityForFlatPrice(flag: "--quantity" | "--values"): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `A flat price bills the same whatever the quantity; leave out ${flag}.`,
  };
}

/** `ratecard quote --currency` naming no ISO 4217 currency (a quote has no contract to declare a unit in). */
export function quoteCurrencyUnknown(currency: string): ErrorMessage {
  return {
    code: "unknown_currency",
    message: `--currency is ${JSON.stringify(currency)}, which is not an ISO 4217 currency code: write one in capitals, such as USD, EUR or JPY (a contract's own unit, such as credits, is quoted by rating the contract with ratecard invoice).`,
  };
}

/** `ratecard quote` given no quantity for a price that bills one. */
export function quoteQuantityMissing(): ErrorMessage {
  return {
    code: "invalid_argument",
    message:
      "Missing --quantity Q (or --values V1,V2,… for a price per transaction): this price bills a quantity.",
  };
}

/** A --quantity or --values item that is not a decimal (`code` from safeParseDecimal). */
export function quoteValueNotDecimal(code: RatecardErrorCode, source: string, text: string): ErrorMessage {
  return {
    code,
    message:
      text === ""
        ? `${source} is empty; write a decimal number such as 1000 or 12.5.`
        : `${source} is "${text}", which is not a decimal number: write 1000 or 12.5 (no digit separators, no NaN or Infinity).`,
  };
}

/**
 * A quoted quantity rating would leave out, which would price as 0: beyond the bounds of a quantity
 * (docs/decisions/numeric-bounds.md, the QUANTITY bound of src/money/numericBounds.ts). The quote has
 * no meter the user wrote, so the sentence names the flag and the bound only.
 */
export function quoteValueLeftOut(source: string, text: string): ErrorMessage {
  return {
    code: "decimal_out_of_range",
    message: `${source} is "${text}", which cannot be quoted: a quantity must be less than 10^15 in size, with at most 9 decimals; nothing is quoted rather than a wrong amount.`,
  };
}

/**
 * A quote below zero, quoted as 0: the invoice's warning names a charge and its `credit` field, which a
 * quote has neither of (`amount` and `currency` as the warning's details give them).
 */
export function quoteFlooredAtZero(amount: string, currency: string): string {
  return `the quote came to ${amount} ${currency}; it is quoted as 0 because a price quoted on its own never bills below zero (a contract charge declared a credit can).`;
}

/** A quoted quantity below zero for a price that rates none (tiers, packages). */
export function quoteNegativeQuantity(source: string, text: string, model: string): ErrorMessage {
  return {
    code: "negative_quantity",
    message: `${source} ${source === "--values" ? "add up to" : "is"} "${text}": a ${model} price cannot rate a negative quantity; quote 0 or more.`,
  };
}

/** A quoted price that produced no invoice line. */
export function quoteWithoutLine(): ErrorMessage {
  return { code: "invalid_field", message: "This price produced no line to quote." };
}
