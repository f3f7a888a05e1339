import type { PropertyValue } from "../schema/index.js";

/**
 * `region="na",tier=1`: a group's values in dimension order, each written as JSON so the text "1" and
 * the number 1, or values containing "," or "=", can never give two lines the same id. A missing
 * property reads `null`.
 */
export function groupText(group: Readonly<Record<string, PropertyValue>>): string {
  return Object.entries(group)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(",");
}
