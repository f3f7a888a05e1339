import { Decimal } from "../../money/index.js";

/**
 * The spreadsheet formula that rounds `x` (a cell reference or a parenthesised expression) to
 * `decimals` places the way ratecard's `roundTo` does for `mode`.
 *
 * A spreadsheet computes in doubles, so an amount that is exactly on a minor unit or exactly a tie
 * (0.5214 = 753.46965925 + 0.0255 − 752.97375925) arrives a few units of the 15th digit off, and a
 * directed or tie-breaking rounding would then go the wrong way. `tolerance` is the formula of how far
 * off such noise can be (ratecard uses 5 × 10^-15 × the sum of the magnitudes added up, a few tens of units of the last bit of a double, ten times below the 14th digit): within it, the
 * amount is taken as on the boundary or as a tie. Ratecard's own amounts are exact, so this only
 * undoes the spreadsheet's error.
 *
 * - Directed modes scale to whole minor units and take INT: floor = INT(x × 10^n) ÷ 10^n, ceiling =
 *   −INT(−x × 10^n) ÷ 10^n. Not ROUNDUP, ROUNDDOWN or TRUNC: LibreOffice Calc keeps only about 12
 *   significant digits in those (ROUNDDOWN(430859910267.475, 1) gives 430859910267, not …267.4).
 * - Nearest modes use ROUND (ties away from zero in Excel and Calc) except at a tie, which each mode
 *   breaks itself: half-up away from zero, half-down toward zero, half-even to the even digit.
 *
 * An unknown mode is refused by the invoice schema before this is reached; it falls back to half-even.
 */
export function roundingFormula(x: string, decimals: number, mode: string, tolerance: string): string {
  const scale = `10^${decimals}`;
  const nearest = `ROUND(${x},${decimals})`;
  const onBoundary = `ABS(${x}-${nearest})<=${tolerance}`;
  const magnitudeUnits = `INT(ABS(${x})*${scale})`;
  const isTie = `ABS(ABS(${x})-(${magnitudeUnits}+0.5)/${scale})<=${tolerance}`;
  const floor = `INT(${x}*${scale})/${scale}`;
  const ceiling = `-INT(-${x}*${scale})/${scale}`;
  const directed = (rounded: string) => `IF(${onBoundary},${nearest},${rounded})`;
  const tie = (units: string) => `IF(${isTie},SIGN(${x})*(${units})/${scale},${nearest})`;
  switch (mode) {
    case "half_up":
      return tie(`${magnitudeUnits}+1`);
    case "half_down":
      return tie(magnitudeUnits);
    case "up":
      return directed(`IF(${x}<0,${floor},${ceiling})`);
    case "down":
      return directed(`IF(${x}<0,${ceiling},${floor})`);
    case "ceiling":
      return directed(ceiling);
    case "floor":
      return directed(floor);
    default:
      return tie(`${magnitudeUnits}+MOD(${magnitudeUnits},2)`);
  }
}

/** The noise tolerance of an amount added up from some cells: 5 × 10^-15 × the sum of their magnitudes (a double is exact to 1.1 × 10^-16 of its magnitude; ratecard trusts 14 digits). */
export function toleranceOf(cells: ReadonlyArray<string>): string {
  return cells.length === 0 ? "0" : `5E-15*(${cells.map((cell) => `ABS(${cell})`).join("+")})`;
}

/**
 * A non-negative quantity rounded to a whole number, up or down (INT, not ROUNDUP: see above), taking a
 * quantity within 5 × 10^-15 of its own magnitude of a whole number as that number.
 */
export function wholeFormula(x: string, direction: "up" | "down"): string {
  const near = `ABS((${x})-ROUND(${x},0))<=5E-15*ABS(${x})`;
  return `IF(${near},ROUND(${x},0),${direction === "up" ? `-INT(-(${x}))` : `INT(${x})`})`;
}

/**
 * True when a spreadsheet cannot round `exact` as ratecard does: it lies within the rounding formula's
 * noise tolerance (or the double's own error, 20 times over) of a minor unit or a tie, without being on
 * one. The formula then takes it as on the boundary, where ratecard, exact, sees it just past: an
 * inclusive price's tax of 123,446,471,509.4320 × 7.75 ÷ 107.75 = 8,878,980,549.4023016… is 0.0000016
 * above 8,878,980,549.4023, inside the tolerance of 5 × 10^-15 × 8.9 × 10^9 = 0.0000444, so Calc
 * rounded it up to …4023 where ratecard gives …4024. A value exactly on a boundary or a tie (its digits
 * end there) is what the tolerance is for, and rounds right.
 * @example tooCloseToRound("8878980549.4023016241", 4) // true; tooCloseToRound("0.0075", 2) // false (a tie)
 */
export function tooCloseToRound(exact: string, decimals: number): boolean {
  const units = new Decimal(exact).abs().times(new Decimal(10).pow(decimals));
  const fraction = units.minus(units.floor());
  const distance = Decimal.min(fraction, new Decimal(1).minus(fraction), fraction.minus(0.5).abs());
  return !distance.isZero() && distance.lte(units.times(TOO_CLOSE));
}

// 20 times the formula's tolerance (5 × 10^-15 of the magnitude): a double's error after a few
// operations is a few units of 10^-16 of it, so beyond this the formula's answer is the exact one.
const TOO_CLOSE = "1E-13";
