import { defineCommand } from "./defineCommand.js";
import { invoiceOutputFormat, writeInvoice } from "./explainOutput.js";
import { readInvoiceFile } from "./readIssuedFiles.js";

/**
 * `ratecard explain INVOICE.json [--format text|markdown|html|explain-json] [--output FILE]`: an invoice
 * already issued (the one a customer disputes), explained without rating it again.
 */
export const explainCommand = defineCommand({
  name: "explain",
  summary: "explain an issued invoice (JSON) as text, Markdown, an HTML page or the explanation JSON",
  arguments: [{ name: "<invoice>", description: "the invoice, ratecard JSON (- reads stdin)" }],
  options: {
    format: {
      type: "string",
      value: "text|markdown|html|json|xlsx",
      description:
        "text: words; markdown: for a ticket; html: one self-contained evidence page; json (or explain-json): the explanation document (docs/explain.md); xlsx: a workbook of live formulas",
      default: "text",
    },
    output: { type: "string", value: "FILE", description: "write to FILE instead of stdout" },
  },
  examples: [
    "ratecard explain february.json",
    "ratecard explain february.json --format html --output evidence.html",
  ],
  run: async (values, [invoiceFile]) => {
    // The input is already the invoice JSON, so json here is the explanation document, as for scripts.
    const format = invoiceOutputFormat(values.format === "json" ? "explain-json" : values.format, false);
    const invoice = await readInvoiceFile(invoiceFile as string, "explain");
    await writeInvoice(invoice, format, values.output);
    return 0;
  },
});
