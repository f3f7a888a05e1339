import { escapeControl } from "./escapeControl.js";

// Characters Markdown reads as syntax (emphasis, links, code, tables, headings, inline HTML, escapes).
const MARKDOWN_SYNTAX = /[\\`*_[\]<>|#!&~]/g;

/**
 * Text from the input (a name, an id, a group value) as literal Markdown: every character Markdown
 * would read as syntax is backslash-escaped (so `<script>` is shown, never run, and a `|` cannot end a
 * table cell), line breaks are flattened, and control characters are shown escaped.
 */
export function markdownText(text: string): string {
  return escapeControl(text.replace(/\r?\n|\r/g, " ")).replace(MARKDOWN_SYNTAX, (char) => `\\${char}`);
}
