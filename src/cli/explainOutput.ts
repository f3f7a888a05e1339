import { writeFile } from "node:fs/promises";
import { explain, InputError, type Invoice } from "../index.js";
import { flagChoice, UsageLineError, write } from "./cliSupport.js";
import { outputFileUnwritable } from "./messages.js";
import { writeWorkbook } from "./xlsxOutput.js";

/**
 * What `ratecard invoice` and `ratecard explain` print: the invoice JSON (`json`, invoice only), or
 * the invoice explained as text, Markdown, the explanation JSON (`explain-json`) or the HTML page.
 */
export type InvoiceOutputFormat = "text" | "json" | "markdown" | "html" | "explain-json" | "xlsx";

const EXPLANATIONS = ["text", "markdown", "html", "explain-json", "xlsx"] as const;

export function invoiceOutputFormat(
  value: string | undefined,
  withInvoiceJson: boolean,
): InvoiceOutputFormat {
  const formats: ReadonlyArray<string> = withInvoiceJson
    ? ["text", "json", ...EXPLANATIONS.slice(1)]
    : EXPLANATIONS;
  if (value !== undefined && formats.includes(value)) return value as InvoiceOutputFormat;
  if (value === "json")
    throw new UsageLineError(
      `--format json is the invoice itself, which ratecard explain reads; for the explanation as JSON write --format explain-json`,
    );
  return flagChoice("--format", value, formats) as InvoiceOutputFormat;
}

/** Writes the invoice in `format` to `--output FILE`, or to standard output. */
export async function writeInvoice(
  invoice: Invoice,
  format: InvoiceOutputFormat,
  output: string | undefined,
): Promise<void> {
  if (format === "xlsx") await writeWorkbook(invoice, output);
  else await writeOutput(renderInvoice(invoice, format), output);
}

/** The invoice in `format`, as the text to write. */
function renderInvoice(invoice: Invoice, format: Exclude<InvoiceOutputFormat, "xlsx">): string {
  if (format === "json") return `${JSON.stringify(invoice, null, 2)}\n`;
  return explain(invoice, { format: format === "explain-json" ? "json" : format });
}

/**
 * Writes to `--output FILE` when given (the HTML page, the workbook: files to attach), else to standard
 * output.
 */
export async function writeOutput(content: string | Uint8Array, file: string | undefined): Promise<void> {
  if (file === undefined) {
    if (typeof content === "string") write(content);
    else process.stdout.write(content);
    return;
  }
  try {
    await writeFile(file, content);
  } catch (error) {
    throw InputError.from(
      outputFileUnwritable(file, writeFailure((error as NodeJS.ErrnoException).code)),
      "",
    );
  }
}

export function writeFailure(code: string | undefined): string {
  switch (code) {
    case "ENOENT":
      return "its folder does not exist";
    case "EISDIR":
      return "is a folder, not a file";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "cannot be written (permission denied)";
    default:
      return `cannot be written (${code ?? "unknown error"})`;
  }
}
