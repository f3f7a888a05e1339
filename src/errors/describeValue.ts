/**
 * A value in words, for an error message: `null`, `the number 5`, `the text "abc"`, `a list`,
 * `a Date (2026-02-01T00:00:00.000Z)`, `an object`. Long texts are cut at 40 characters so a message stays one readable sentence.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (undefined)";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  // A Date is what a caller most often passes where ratecard wants text or epoch milliseconds.
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "an invalid Date" : `a Date (${value.toISOString()})`;
  switch (typeof value) {
    case "string":
      return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
    case "number":
    case "bigint":
    case "boolean":
      return `the ${typeof value} ${String(value)}`;
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    default:
      return "an object";
  }
}
