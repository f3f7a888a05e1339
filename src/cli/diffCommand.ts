import { diff, renderDiff } from "../index.js";
import { flagChoice, write } from "./cliSupport.js";
import { REPORT_FORMAT_OPTION } from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { EXIT } from "./exitCodes.js";
import { readInvoiceFile } from "./readIssuedFiles.js";

/** The formats diff and reconcile print: words for a terminal, Markdown for a ticket, JSON for scripts. */
export function reportFormat(value: string | undefined): "text" | "markdown" | "json" {
  return flagChoice("--format", value, ["text", "markdown", "json"]);
}

/**
 * `ratecard diff BEFORE.json AFTER.json`: why the amount due changed between two invoices, each cause
 * with its share, largest first. Exit 3 when there is any difference, 0 when none.
 */
export const diffCommand = defineCommand({
  name: "diff",
  summary: "why the amount due changed between two invoices, cause by cause",
  arguments: [
    { name: "<before>", description: "the earlier invoice, ratecard JSON (- reads stdin)" },
    { name: "<after>", description: "the later invoice, ratecard JSON (- reads stdin)" },
  ],
  options: { format: REPORT_FORMAT_OPTION },
  findsDifferences: true,
  examples: [
    "ratecard diff january.json february.json",
    "ratecard diff before.json after.json --format markdown > ticket.md",
  ],
  run: async (values, [beforeFile, afterFile]) => {
    const format = reportFormat(values.format);
    const before = await readInvoiceFile(beforeFile as string, "diff");
    const result = diff(before, await readInvoiceFile(afterFile as string, "diff"));
    write(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderDiff(result, format));
    return result.attributions.length > 0 ? EXIT.differences : EXIT.ok;
  },
});
