/**
 * The unit written after a quantity: its singular form (the contract meter's `unitSingular`) for a
 * quantity of exactly one, else the unit as the contract gives it; empty without a unit.
 * @param quantity - the quantity as the invoice writes it ("1", "2.5")
 * @param unit - the unit, `transfers`
 * @param singular - its singular form, `transfer`, when the contract gives one
 * @returns " transfer" for "1", " transfers" for "2" or "0.5", "" without a unit
 * @example unitWord("1", "transfers", "transfer") // " transfer"
 */
export function unitWord(quantity: string, unit: string | undefined, singular: string | undefined): string {
  if (unit === undefined) return "";
  return ` ${singular !== undefined && isOne(quantity) ? singular : unit}`;
}

// One, or minus one, however the plain text writes it ("1", "1.00", "-1").
function isOne(quantity: string): boolean {
  return /^[+-]?0*1(\.0*)?$/.test(quantity);
}
