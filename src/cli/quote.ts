import { readFile } from "node:fs/promises";
import {
  ContractError,
  currencyPrefix,
  explainLine,
  type InvoiceLine,
  isRatecardError,
  parseContract,
  rateInvoice,
} from "../index.js";

/** What `ratecard quote` rates: one price, a quantity or a list of transaction values. */
export interface QuoteRequest {
  /** The price as JSON text, or a path to a JSON file holding it. */
  readonly price: string;
  readonly quantity?: string | undefined;
  /** Per-transaction values, for percentage prices ("100,20,5"). */
  readonly values?: string | undefined;
  readonly currency: string;
}

const PERIOD = "2026-01";
const TIMESTAMP = "2026-01-15T00:00:00Z";

/**
 * Rates one price on its own, so a specialist can redo a charge without a contract: the price is
 * wrapped in a one-charge contract (rounded half-even in the given currency) and rated through the
 * same code as an invoice. Returns the line.
 */
export async function quote(request: QuoteRequest): Promise<InvoiceLine> {
  const price = await readPrice(request.price);
  const values = splitValues(request);
  const isFlat =
    typeof price === "object" && price !== null && (price as { model?: unknown }).model === "flat";
  const contractJson = {
    schemaVersion: 1,
    id: "quote",
    customer: { id: "quote" },
    currency: request.currency,
    timeZone: "UTC",
    billing: { cadence: "monthly" },
    term: { start: "2026-01-01" },
    meters: [{ id: "quantity", eventType: "quote", aggregation: "sum", valueProperty: "value" }],
    charges: [{ id: "quote", name: "Quote", ...(isFlat ? {} : { meter: "quantity" }), price }],
  };
  const events = values.map((value, index) => ({
    id: `q${index}`,
    type: "quote",
    customer: "quote",
    timestamp: TIMESTAMP,
    properties: { value },
  }));
  const line = asPriceErrors(() => rateInvoice(parseContract(contractJson), events, PERIOD)).lines[0];
  if (line === undefined)
    throw new ContractError("invalid_field", "price", "This price produced no line to quote.");
  return line;
}

// Paths and messages inside the wrapper contract read as paths inside the price the user gave.
function asPriceErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    const message = error.message
      .replaceAll("charges[0].price", "price")
      .replaceAll("charges[0]", "price")
      .replace(/^Charge quote: /, "");
    const path = error.path.replace(/^charges\[0\]\.price/, "price").replace(/^charges\[0\]/, "price");
    throw new ContractError(error.code, path, message, { ...error.details });
  }
}

/** The line in words, with the currency's symbol or code. */
export function explainQuote(line: InvoiceLine, currency: { code: string; minorUnits: number }): string {
  return `${explainLine(line, { prefix: currencyPrefix(currency.code), minorUnits: currency.minorUnits })}\n`;
}

async function readPrice(text: string): Promise<unknown> {
  const source = text.trimStart().startsWith("{") ? text : await readFile(text, "utf8");
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new ContractError(
      "invalid_json",
      "price",
      `The price is not valid JSON (${(error as Error).message}).`,
    );
  }
}

function splitValues(request: QuoteRequest): string[] {
  if (request.values !== undefined) return request.values.split(",").map((value) => value.trim());
  if (request.quantity !== undefined) return [request.quantity];
  return [];
}
