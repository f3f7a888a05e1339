/**
 * Whether JSON.parse stopped at the very end of `text` (`detail` is its error message): the text ends
 * before its JSON does, as a file cut off while copying (or an NDJSON event written over two lines)
 * does. JSON.parse says so in several words ("Unterminated string", "Expected ',' or '}' after property
 * value", "Unexpected end of JSON input"); what they share is the place, the text's end.
 */
export function jsonEndsTooSoon(text: string, detail: string): boolean {
  if (detail.includes("Unexpected end of JSON input")) return true;
  const position = /at position (\d+)/.exec(detail)?.[1];
  return position !== undefined && Number(position) >= text.trimEnd().length;
}
