// C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidirectional marks,
// embeddings, overrides and isolates: characters that move the cursor, start a terminal escape
// sequence, break a line or reorder the text around them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Shows the control characters of a text visibly, so text from an input (an event id, a charge or
 * customer name, a group value) printed in an explanation can never add a line, move the cursor,
 * colour the terminal or reverse what follows: a newline becomes `\n`, ESC `\u001b`, a right-to-left
 * override `\u202e`. Everything else, backslashes included, is left as it is.
 * @example escapeControl("Bandwidth\nTotal €0.00") // "Bandwidth\\nTotal €0.00"
 */
export function escapeControl(text: string): string {
  return text.replace(
    CONTROL,
    (char) => SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
