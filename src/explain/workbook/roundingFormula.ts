/**
 * The spreadsheet formula that rounds `x` (a cell reference) to `decimals` places the way ratecard's
 * `roundTo` does for `mode`. Spreadsheets have no banker's rounding, so half-even and half-down test for
 * a tie: `MOD(ABS(x)*10^n, 2) = 0.5` is a tie whose last kept digit is even (keep it: TRUNC), 1.5 one
 * whose digit is odd (ROUND goes away from zero, to the even digit). Excel and Calc compare with a
 * tolerance of a few units in the 15th digit, so a tie stored as 2.4999999999999996 still reads as a tie.
 * An unknown mode is refused by the invoice schema before this is reached; it falls back to half-even.
 */
export function roundingFormula(x: string, decimals: number, mode: string): string {
  const n = String(decimals);
  switch (mode) {
    case "half_up":
      return `ROUND(${x},${n})`;
    case "half_down":
      return `IF(MOD(ABS(${x})*10^${n},1)=0.5,TRUNC(${x},${n}),ROUND(${x},${n}))`;
    case "up":
      return `ROUNDUP(${x},${n})`;
    case "down":
      return `ROUNDDOWN(${x},${n})`;
    case "ceiling":
      return `IF(${x}<0,ROUNDDOWN(${x},${n}),ROUNDUP(${x},${n}))`;
    case "floor":
      return `IF(${x}<0,ROUNDUP(${x},${n}),ROUNDDOWN(${x},${n}))`;
    default:
      return `IF(MOD(ABS(${x})*10^${n},2)=0.5,TRUNC(${x},${n}),ROUND(${x},${n}))`;
  }
}
