import { parseFlags, UsageLineError } from "./cliSupport.js";
import { readInvoiceFile } from "./diffCommand.js";
import { invoiceOutputFormat, renderInvoice, writeOutput } from "./explainOutput.js";

/**
 * `ratecard explain INVOICE.json [--format text|markdown|html|explain-json] [--output FILE]`: an invoice
 * already issued (the one a customer disputes), explained without rating it again.
 */
export async function explainCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values, positionals } = parseFlags({
    args: [...args],
    allowPositionals: true,
    options: { format: { type: "string", default: "text" }, output: { type: "string" } },
  });
  const format = invoiceOutputFormat(values.format, false);
  if (positionals.length !== 1)
    throw new UsageLineError("explain takes one invoice file: ratecard explain INVOICE.json --format html");
  const invoice = await readInvoiceFile(positionals[0] as string, "explain");
  await writeOutput(renderInvoice(invoice, format), values.output);
  return 0;
}
