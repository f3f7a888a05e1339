import { diff, parseInvoice, renderDiff } from "../index.js";
import { parseFlags, readIssued, UsageLineError, write } from "./cliSupport.js";
import { readJsonFile } from "./readJsonFile.js";

/** The formats diff and reconcile print: words for a terminal, Markdown for a ticket, JSON for scripts. */
export function reportFormat(value: string | undefined): "text" | "markdown" | "json" {
  if (value === "text" || value === "markdown" || value === "json") return value;
  throw new UsageLineError(`--format must be text, markdown or json, not "${value}"`);
}

/** A ratecard invoice file, read back: a wrong or edited file is an input error naming it. */
export async function readInvoiceFile(file: string, flag: string) {
  return readIssued(`${flag} ${file}`, await readJsonFile(file, flag), parseInvoice, "a ratecard invoice");
}

/**
 * `ratecard diff BEFORE.json AFTER.json`: why the amount due changed between two invoices, each cause
 * with its share, largest first. Exit 3 when there is any difference, 0 when none.
 */
export async function diffCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values, positionals } = parseFlags({
    args: [...args],
    allowPositionals: true,
    options: { format: { type: "string", default: "text" } },
  });
  const format = reportFormat(values.format);
  if (positionals.length !== 2)
    throw new UsageLineError("diff takes two invoice files: ratecard diff BEFORE.json AFTER.json");
  const [beforeFile, afterFile] = positionals as [string, string];
  const result = diff(await readInvoiceFile(beforeFile, "diff"), await readInvoiceFile(afterFile, "diff"));
  write(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderDiff(result, format));
  return result.attributions.length > 0 ? 3 : 0;
}
