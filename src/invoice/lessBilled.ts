import { addExactly, Decimal, exactDifference, ZERO } from "../money/index.js";

// now − Σ before, exactly (absent figures count 0).
export function less(now: string | undefined, before: ReadonlyArray<string | undefined>): Decimal {
  const billed = before.reduce<Decimal>((sum, value) => addExactly(sum, value ?? "0"), ZERO);
  return exactDifference(new Decimal(now ?? "0"), billed);
}

/** A money figure less what earlier invoices had, written in the currency's minor units. */
export type Money = (now: string | undefined, before: ReadonlyArray<string | undefined>) => string;
