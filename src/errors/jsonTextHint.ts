/**
 * What to do with a JSON document passed as its text where ratecard needs the parsed object (an invoice
 * or a contract read from a file and handed over without `JSON.parse`): `"it is JSON text: JSON.parse it
 * first"`. Undefined for any other value, and for text that is not an object's JSON (`{ … }`), so the
 * sentence it ends never guesses.
 */
export function jsonTextHint(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text.startsWith("{") && text.endsWith("}") ? "it is JSON text: JSON.parse it first" : undefined;
}
