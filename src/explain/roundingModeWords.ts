/**
 * A rounding mode as the sentences write it: `half_even` → "half-even", `ceiling` as it is. One place,
 * so every format (text, Markdown, HTML, the workbook, the structured explanation) names a mode alike.
 * Also the rounding of a quantity (`step.round`), whose values are written the same way.
 */
export function roundingModeWords(mode: string): string {
  return mode.replace("_", "-");
}
