import { type Decimal, ONE, safeParseDecimal } from "../money/index.js";
import type { PropertyValue } from "../schema/index.js";

/**
 * The value a per-transaction price (percentage) reads from one counted event: its raw value (the value
 * property, or a computed value's text) as a decimal, or 1 when it has none a decimal can be read from
 * (absent, null, true/false, other text). The in-memory engine and the SQL engines' rows
 * (src/sql/sqlAggregates.ts) both read it here, so the two agree by construction.
 * @example transactionValue("12.50") // 12.5; transactionValue(undefined) // 1
 */
export function transactionValue(raw: PropertyValue | undefined): Decimal {
  const parsed = raw === undefined ? undefined : safeParseDecimal(raw);
  return parsed?.success ? parsed.data : ONE;
}
