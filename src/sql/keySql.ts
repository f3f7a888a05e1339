import { windowLayout } from "../meters/index.js";
import type { MeterTerms, PropertyValue } from "../schema/index.js";
import type { Period } from "../time/index.js";
import type { SqlDialect } from "./dialect.js";
import type { PropertyColumns } from "./quantitySql.js";

/**
 * The key of a two-level meter's inner state, as SQL over a counted event: its entity (the kind and
 * text of the entity property) and its window (the window's index, and the direction of an in/out
 * percentile), as one JSON array of text, or undefined for a meter without entity or window. The
 * in-memory keys (src/meters/entities.ts, windows.ts) are made from it by {@link stateKeys}.
 */
export function stateKeySql(
  meter: MeterTerms,
  dialect: SqlDialect,
  property: (name: string) => PropertyColumns,
  period: Period,
  timeZone: string,
): string | undefined {
  const parts: string[] = [];
  if (meter.entity !== undefined) {
    const { kind, text } = property(meter.entity.property);
    parts.push(
      `CASE WHEN ${kind} IN ('s', 'n', 'b') THEN ${kind} ELSE 'z' END`,
      `CASE WHEN ${kind} IN ('s', 'n', 'b') THEN ${text} END`,
    );
  }
  if (meter.window !== undefined) {
    const index = dialect.asText(
      windowIndexSql(meter.window.size, dialect, period, timeZone, meter.window.timeZone),
    );
    const direction = meter.percentile?.direction?.property;
    // `index|direction`: the direction is text (an event without it is an invalid value).
    parts.push(direction === undefined ? index : `${index} || '|' || ${property(direction).text}`);
  }
  return parts.length === 0 ? undefined : dialect.jsonArray(parts);
}

/**
 * The window the instant `ts` of the period falls in, as windowLayout.ts `windowLayout` numbers them: fixed
 * lengths from the period's start (or the window zone's midnight before it), or the local days of the
 * zone (their midnights worked out here, in TypeScript, and written as literals: the engine needs no
 * time-zone functions).
 */
export function windowIndexSql(
  size: string,
  dialect: SqlDialect,
  period: Period,
  timeZone: string,
  windowZone?: string,
): string {
  const layout = windowLayout(size, period, timeZone, windowZone);
  if (layout.fixed !== undefined)
    return dialect.intDiv(`ts - ${layout.fixed.origin}`, String(layout.fixed.length));
  const bounds = Array.from({ length: layout.count - 1 }, (_, index) => layout.startOf(index + 1));
  return bounds.length === 0
    ? "0"
    : `CASE${bounds.map((bound, index) => ` WHEN ts < ${bound} THEN ${index}`).join("")} ELSE ${bounds.length} END`;
}

/**
 * The in-memory keys of a state key the query returned: the entity's as entities.ts writes it (the
 * value's JSON, `null` without one), the window's as windows.ts does.
 */
export function stateKeys(
  meter: MeterTerms,
  parts: ReadonlyArray<string | null>,
  propertyValueOf: (kind: string | null, text: string | null) => PropertyValue,
): { entity?: string; window?: string } {
  const entity =
    meter.entity === undefined
      ? undefined
      : JSON.stringify(propertyValueOf(parts[0] ?? null, parts[1] ?? null));
  const window = meter.window === undefined ? undefined : (parts[meter.entity === undefined ? 0 : 2] ?? "");
  return { ...(entity === undefined ? {} : { entity }), ...(window === undefined ? {} : { window }) };
}
