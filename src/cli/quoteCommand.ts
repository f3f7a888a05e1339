import { escapeControl } from "../index.js";
import { outputFormat, parseFlags, required, write } from "./cliSupport.js";
import { explainQuote, quote } from "./quote.js";

/** `ratecard quote`: prices one quantity with one price, without a contract, and explains it. */
export async function quoteCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      price: { type: "string" },
      quantity: { type: "string" },
      values: { type: "string" },
      currency: { type: "string", default: "USD" },
      format: { type: "string", default: "text" },
    },
  });
  const price = required(values.price, "--price JSON|FILE");
  const format = outputFormat(values.format);
  const currency = values.currency ?? "USD";
  const { line, warnings } = await quote({
    price,
    quantity: values.quantity,
    values: values.values,
    currency,
  });
  const minorUnits = (line.amount.split(".")[1] ?? "").length;
  write(
    format === "json"
      ? `${JSON.stringify(line, null, 2)}\n`
      : explainQuote(line, { code: currency, minorUnits }),
  );
  // A warning (a charge floored at zero) goes to stderr, so the JSON on stdout stays the line alone.
  for (const warning of warnings) process.stderr.write(`ratecard: warning: ${escapeControl(warning)}\n`);
  return 0;
}
