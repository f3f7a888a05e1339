import { decimalsOfText } from "../index.js";
import { outputFormat, required, write } from "./cliSupport.js";
import { FORMAT_OPTION } from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { EXIT } from "./exitCodes.js";
import { explainQuote, quote } from "./quote.js";
import { reportWarning } from "./stderr.js";

/** `ratecard quote`: prices one quantity with one price, without a contract, and explains it. */
export const quoteCommand = defineCommand({
  name: "quote",
  summary: "price one quantity with one price, without a contract, and explain it",
  options: {
    price: { type: "string", value: "JSON|FILE", description: "the price, as JSON text or a JSON file" },
    quantity: { type: "string", value: "Q", description: "the quantity to price, a decimal" },
    values: {
      type: "string",
      value: "V1,V2,…",
      description: "transaction values, for a price per transaction (percentage)",
    },
    currency: { type: "string", value: "CODE", description: "the ISO 4217 currency", default: "USD" },
    format: FORMAT_OPTION,
  },
  examples: [
    `ratecard quote --price '{"model":"graduated","tiers":[{"upTo":"10000","unitPrice":"0.08"},{"unitPrice":"0.06"}]}' --quantity 61400`,
    `ratecard quote --price '{"model":"percentage","percent":"2.9","fixedFee":"0.30"}' --values 100,20,5 --format json`,
  ],
  run: quoteOne,
});

async function quoteOne(values: {
  readonly price?: string;
  readonly quantity?: string;
  readonly values?: string;
  readonly currency?: string;
  readonly format?: string;
}): Promise<number> {
  const price = required(values.price, "--price JSON|FILE");
  const format = outputFormat(values.format);
  const currency = values.currency ?? "USD";
  const { line, warnings } = await quote({
    price,
    quantity: values.quantity,
    values: values.values,
    currency,
  });
  const minorUnits = decimalsOfText(line.amount);
  write(
    format === "json"
      ? `${JSON.stringify(line, null, 2)}\n`
      : explainQuote(
          line,
          { code: currency, minorUnits },
          values.values === undefined ? "quantity" : "values",
        ),
  );
  // A warning (a charge floored at zero) goes to stderr, so the JSON on stdout stays the line alone.
  for (const warning of warnings) reportWarning(warning);
  return EXIT.ok;
}
