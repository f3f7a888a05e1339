/**
 * A whole count of a million or more written the way price lists write it: "1M", "10M", "2.5B" stay
 * as vendors print them ("$0.30 per 1M requests, first 10M included"). Undefined for anything else
 * (fractions, counts below a million, or more than three significant digits before the scale), which
 * the caller writes in full.
 */
export function scaledCount(plain: string): string | undefined {
  if (!/^[1-9]\d*$/.test(plain)) return undefined;
  for (const [digits, suffix] of SCALES) {
    if (plain.length <= digits) continue;
    const whole = plain.slice(0, plain.length - digits);
    const fraction = plain.slice(plain.length - digits).replace(/0+$/, "");
    if (whole.length + fraction.length > 3) return undefined;
    return fraction === "" ? `${whole}${suffix}` : `${whole}.${fraction}${suffix}`;
  }
  return undefined;
}

// Largest first: 10^12 (T), 10^9 (B), 10^6 (M).
const SCALES: ReadonlyArray<readonly [number, string]> = [
  [12, "T"],
  [9, "B"],
  [6, "M"],
];
