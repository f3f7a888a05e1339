import { Decimal } from "../../../money/index.js";
import type { StepContext } from "../../../schema/index.js";
import type { PackageStep } from "./steps.js";

/**
 * "12,333,500 requests in packages of 10,000 = 1,234 packages (a partial package rounded up) at …", or,
 * for a quantity of 0, "Nothing to package: 0 requests to price (packages of 10,000 at $0.0075), $0.00."
 * (it read "0 requests in packages of 10,000 = 0 packages …", as graduated and volume said "First 0 GB").
 */
export function explainPackageStep(step: PackageStep, { words }: StepContext): string {
  if (new Decimal(step.quantity).isZero() && new Decimal(step.amount).isZero())
    return `Nothing to package: ${words.units(step.quantity)} to price (packages of ${words.quantity(step.packageSize)} at ${words.price(step.packagePrice)}), ${words.money(step.amount)}.`;
  const rounded = step.partialPackage === "round_up" ? "up" : "down";
  return `${words.units(step.quantity)} in packages of ${words.quantity(step.packageSize)} = ${words.count(Number(step.packages), "package")} (a partial package rounded ${rounded}) at ${words.price(step.packagePrice)} = ${words.money(step.amount)}.`;
}
