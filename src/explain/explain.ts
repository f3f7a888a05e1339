import { InputError, unknownExplainFormat } from "../errors/index.js";
import { renderHtml } from "./explainHtml.js";
import { renderMarkdown } from "./explainMarkdown.js";
import { explainText } from "./explainText.js";
import { explanationOf } from "./explanation.js";
import { requireInvoice } from "./requireInvoice.js";

/** The formats `explain` writes (docs/explain.md). */
export const EXPLAIN_FORMATS = ["text", "markdown", "json", "html"] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

export interface ExplainOptions {
  /** text (the default): plain words; markdown: for a ticket; json: the explanation document for scripts; html: the evidence page. */
  readonly format?: ExplainFormat;
}

/**
 * An invoice explained in one of four formats, each naming every line and the total, each a pure
 * function of the invoice (the same invoice gives the same bytes):
 * - `text`: {@link explainText};
 * - `markdown`: tables of lines, steps and terms, the waterfall, the usage, for a ticket;
 * - `json`: the explanation document ({@link Explanation}, versioned), every number as `display` and `exact`;
 * - `html`: one self-contained page (inline CSS, script and SVG), the evidence pack.
 * @throws InputError `invalid_argument` when `invoice` is not an invoice ratecard issued, or the format is unknown
 * @example explain(invoice, { format: "html" }) // "<!doctype html>…"
 */
export function explain(invoice: unknown, options: ExplainOptions = {}): string {
  const format: string = options.format ?? "text";
  if (!(EXPLAIN_FORMATS as ReadonlyArray<string>).includes(format))
    throw InputError.from(unknownExplainFormat(format, EXPLAIN_FORMATS), "options.format");
  requireInvoice(invoice, "explain");
  switch (format as ExplainFormat) {
    case "text":
      return explainText(invoice);
    case "markdown":
      return renderMarkdown(explanationOf(invoice));
    case "json":
      return `${JSON.stringify(explanationOf(invoice), null, 2)}\n`;
    case "html":
      return renderHtml(explanationOf(invoice));
  }
}
