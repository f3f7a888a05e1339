import {
  ContractError,
  currencyPrefix,
  Decimal,
  explainLine,
  findPriceModel,
  InputError,
  type Invoice,
  type InvoiceLine,
  isIsoCurrency,
  isRatecardError,
  parseContract,
  rateInvoice,
  safeParseDecimal,
} from "../index.js";
import {
  quoteCurrencyUnknown,
  quoteFlooredAtZero,
  quoteNegativePrice,
  quoteNegativeQuantity,
  quoteQuantityAndValues,
  quoteQuantityForFlatPrice,
  quoteQuantityMissing,
  quoteValueLeftOut,
  quoteValueNotDecimal,
  quoteWithoutLine,
} from "./quoteMessages.js";
import { parseJsonText, readJsonFile } from "./readJsonFile.js";

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

/** What {@link quote} returns: the line, and the warnings its invoice carried (a floored charge). */
export interface QuoteResult {
  readonly line: InvoiceLine;
  readonly warnings: ReadonlyArray<string>;
}

/**
 * Rates one price on its own, so a specialist can redo a charge without a contract: the price is
 * wrapped in a one-charge contract (rounded half-even in the given currency) and rated through the
 * same code as an invoice. Every quantity must be a decimal the meter counts: a value it would leave
 * out (text, an empty item, a number out of range) is refused, never priced as 0.
 * @throws InputError `invalid_argument`, `invalid_decimal`, `decimal_out_of_range`, `unknown_currency` (at
 *   `currency`); ContractError for the price
 */
export async function quote(request: QuoteRequest): Promise<QuoteResult> {
  // Checked here, not by the contract the price is wrapped in, whose sentence would point at a contract
  // field (customUnits) the specialist never wrote, and count the problem twice for "usd".
  if (!isIsoCurrency(request.currency))
    throw InputError.from(quoteCurrencyUnknown(request.currency), "currency");
  const price = await readPrice(request.price);
  const values = quantitiesOf(request, usesQuantity(price));
  const contractJson = {
    schemaVersion: 1,
    id: "quote",
    customer: { id: "quote" },
    currency: request.currency,
    timeZone: "UTC",
    billing: { cadence: "monthly" },
    term: { start: "2026-01-01" },
    meters: [{ id: "quantity", eventType: "quote", aggregation: "sum", valueProperty: "value" }],
    charges: [
      { id: "quote", name: "Quote", ...(usesQuantity(price) === false ? {} : { meter: "quantity" }), price },
    ],
  };
  const events = values.map((value, index) => ({
    id: `q${index}`,
    type: "quote",
    customer: "quote",
    timestamp: TIMESTAMP,
    properties: { value: value.text },
  }));
  const invoice = asNegativeQuantity(request, price, () =>
    asPriceErrors(price, () => rateInvoice(parseContract(contractJson), events, PERIOD)),
  );
  refuseLeftOut(invoice, values);
  const line = invoice.lines[0];
  if (line === undefined) throw ContractError.from(quoteWithoutLine(), "price");
  return { line, warnings: quoteWarnings(invoice) };
}

// The invoice's warnings, a charge floored at zero worded for a quote (it has no charge to declare a credit).
function quoteWarnings(invoice: Invoice): ReadonlyArray<string> {
  if (invoice.notices === undefined) return invoice.warnings;
  return invoice.notices.map((notice) =>
    notice.code === "negative_amount_floored"
      ? quoteFlooredAtZero(String(notice.details.amount), String(notice.details.currency))
      : notice.message,
  );
}

/** One quantity of the command line: its text and the flag (and item) it came from. */
interface QuoteValue {
  readonly text: string;
  readonly source: string;
  readonly path: string;
}

// Whether the price's model bills a quantity (false for a flat fee); undefined for a model ratecard
// does not know, which the contract check then reports.
function usesQuantity(price: unknown): boolean | undefined {
  return findPriceModel(price)?.usesQuantity;
}

// --quantity or --values, exactly one of them when the price bills a quantity, neither for a flat fee;
// each value a decimal (an empty item in --values is a typo, not a zero).
function quantitiesOf(request: QuoteRequest, billsQuantity: boolean | undefined): QuoteValue[] {
  const { quantity, values } = request;
  if (quantity !== undefined && values !== undefined) throw InputError.from(quoteQuantityAndValues(), "");
  if (billsQuantity === false && (quantity !== undefined || values !== undefined))
    throw InputError.from(quoteQuantityForFlatPrice(quantity !== undefined ? "--quantity" : "--values"), "");
  if (billsQuantity === true && quantity === undefined && values === undefined)
    throw InputError.from(quoteQuantityMissing(), "");
  const items =
    values !== undefined
      ? values.split(",").map((text, index) => ({
          text: text.trim(),
          source: `--values item ${index + 1}`,
          path: `values[${index}]`,
        }))
      : quantity !== undefined
        ? [{ text: quantity.trim(), source: "--quantity", path: "quantity" }]
        : [];
  for (const item of items) {
    const parsed = safeParseDecimal(item.text);
    if (!parsed.success)
      throw InputError.from(quoteValueNotDecimal(parsed.code, item.source, item.text), item.path);
  }
  return items;
}

// Every quantity must count: one the meter leaves out (out of its range, say) would be priced as 0.
function refuseLeftOut(invoice: Invoice, values: ReadonlyArray<QuoteValue>): void {
  for (const entry of invoice.usage.excluded) {
    const index = Number(entry.sampleIds[0]?.slice(1) ?? "0");
    const value = values[index] ?? values[0];
    throw InputError.from(
      quoteValueLeftOut(value?.source ?? "--quantity", value?.text ?? ""),
      value?.path ?? "quantity",
    );
  }
}

// The price's own sentence for a negative quantity sends the reader to "check the usage": a quote has
// none, so the quantity typed is named instead.
function asNegativeQuantity<T>(request: QuoteRequest, price: unknown, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!isRatecardError(error) || error.code !== "negative_quantity") throw error;
    const model = typeof price === "object" && price !== null && "model" in price ? String(price.model) : "";
    const [source, text] =
      request.values === undefined
        ? ["--quantity", (request.quantity ?? "").trim()]
        : [
            "--values",
            request.values
              .split(",")
              .reduce((sum, item) => sum.plus(item.trim()), new Decimal(0))
              .toFixed(),
          ];
    throw InputError.from(quoteNegativeQuantity(source, text, model), source.slice(2));
  }
}

// Paths and messages inside the wrapper contract read as paths inside the price the user gave.
function asPriceErrors<T>(price: unknown, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    const path = asPricePath(error.path);
    const details = { ...error.details, ...problemsAsPrice(error.details) };
    if (error.code === "negative_price")
      throw new ContractError(error.code, path, quoteNegativePrice(path, writtenAt(price, path)), details);
    throw new ContractError(error.code, path, asPriceText(error.message), details);
  }
}

function asPricePath(path: string): string {
  return path.replace(/^charges\[0\]\.price/, "price").replace(/^charges\[0\]/, "price");
}

function asPriceText(message: string): string {
  return message
    .replaceAll("charges[0].price", "price")
    .replaceAll("charges[0]", "price")
    .replace(/^Charge quote: /, "");
}

// The other problems the CLI lists under the first (failure.ts) read as the price's too.
function problemsAsPrice(details: { readonly problems?: unknown }): { problems?: unknown } {
  if (!Array.isArray(details.problems)) return {};
  return {
    problems: details.problems.map((problem: { path: string; message: string }) => ({
      ...problem,
      path: asPricePath(problem.path),
      message: asPriceText(problem.message),
    })),
  };
}

// The value the user wrote at a path of the price ("price.tiers[1].unitPrice"), as written: "-0.10".
function writtenAt(price: unknown, path: string): string {
  const keys = path
    .split(/[.[\]]+/)
    .filter((key) => key !== "")
    .slice(1);
  const value = keys.reduce<unknown>(
    (node, key) =>
      typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined,
    price,
  );
  return typeof value === "string" || typeof value === "number" ? String(value) : "below zero";
}

/**
 * The line in words, with the currency's symbol or code. The quantity is the one typed, not events
 * read: "Quote: 250." for --quantity, "Quote: 125 from 3 values." for --values.
 */
export function explainQuote(
  line: InvoiceLine,
  currency: { code: string; minorUnits: number },
  typed: "quantity" | "values" = "quantity",
): string {
  const style = { prefix: currencyPrefix(currency.code), minorUnits: currency.minorUnits };
  return `${explainLine(line, style, { counted: typed === "quantity" ? "nothing" : "values" })}\n`;
}

// The price is inline JSON (it starts with "{" or "[", after any byte order mark) or a file's path; a
// list is read as JSON too, so the check can say a price is an object instead of "no such file".
async function readPrice(text: string): Promise<unknown> {
  const inline = /^[{[]/.test(text.replace(/^\uFEFF/, "").trimStart());
  return inline ? parseJsonText(text, "--price") : readJsonFile(text, "--price");
}
