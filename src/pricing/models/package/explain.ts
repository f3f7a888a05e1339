import type { StepContext } from "../../../schema/index.js";
import type { PackageStep } from "./steps.js";

/** "12,333,500 requests in packages of 10,000 = 1,234 packages (a partial package rounded up) at …". */
export function explainPackageStep(step: PackageStep, { words }: StepContext): string {
  const rounded = step.partialPackage === "round_up" ? "up" : "down";
  return `${words.units(step.quantity)} in packages of ${words.quantity(step.packageSize)} = ${words.count(Number(step.packages), "package")} (a partial package rounded ${rounded}) at ${words.price(step.packagePrice)} = ${words.money(step.amount)}.`;
}
