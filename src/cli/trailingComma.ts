const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const CLOSERS: ReadonlySet<number> = new Set([0x5d, 0x7d]);
// JSON's white space: what may stand between a trailing comma and the `}` or `]` after it.
const BLANKS: ReadonlySet<number> = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * Where the first comma before `}` or `]` outside strings is (`{"gb":"5",}`), undefined when there is
 * none. DuckDB's JSON reader (and many a hand edit) accepts such a comma; JSON, and ratecard's reader,
 * do not. One pass, character by character, no regular expression: a line of megabytes costs its length
 * and never the stack.
 */
export function trailingCommaAt(text: string): number | undefined {
  let comma: number | undefined;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = closingQuote(text, at);
      comma = undefined;
    } else if (code === COMMA) comma = at;
    else if (CLOSERS.has(code) && comma !== undefined) return comma;
    else if (!BLANKS.has(code)) comma = undefined;
  }
  return undefined;
}

// The closing quote of the string opened at `open` (past a backslash's escaped character), or the text's end.
function closingQuote(text: string, open: number): number {
  let at = open + 1;
  while (at < text.length && text.charCodeAt(at) !== QUOTE) at += text.charCodeAt(at) === BACKSLASH ? 2 : 1;
  return at;
}

/**
 * The reader's account of a trailing comma in JSON text JSON.parse refused, with where it is: `at
 * column 98` in one NDJSON line, `at line 3, column 14` in a file. Undefined when the text has none
 * before `before` (where JSON.parse stopped, when it says: an earlier mistake is the one to name).
 */
export function trailingCommaDetail(
  text: string,
  withLine: boolean,
  before = Number.POSITIVE_INFINITY,
): string | undefined {
  const comma = trailingCommaAt(text);
  if (comma === undefined || comma >= before) return undefined;
  const lines = text.slice(0, comma).split("\n");
  const column = (lines.at(-1) ?? "").length + 1;
  const place = withLine ? `line ${lines.length}, column ${column}` : `column ${column}`;
  return `a comma before } or ] at ${place}, which JSON does not allow: remove it`;
}
