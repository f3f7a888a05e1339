import type { BillableQuantityStep } from "./billableQuantity.js";
import type { BilledEarlierStep } from "./billedEarlier.js";
import type { ContractQuantityStep } from "./contractQuantity.js";
import type { FullQuantityTiersStep } from "./fullQuantityTiers.js";
import type { GroupShareStep, GroupTotalStep } from "./groupShare.js";
import type { LineLimitStep } from "./lineLimit.js";
import type { ProrationStep } from "./proration.js";
import type { RoundingStep } from "./rounding.js";
import type { TrialStep } from "./trial.js";
import type { UnusedTimeStep } from "./unusedTime.js";
import type { UnusedTimeDiscountStep } from "./unusedTimeDiscount.js";
import type { UsageStep } from "./usage.js";
import type { WindowPricingStep } from "./windowPricing.js";

/** A step the rating of any line may write, whatever its price (docs/invoice-format.md). */
export type CommonStep =
  | UsageStep
  | GroupTotalStep
  | BillableQuantityStep
  | ContractQuantityStep
  | FullQuantityTiersStep
  | WindowPricingStep
  | ProrationStep
  | TrialStep
  | UnusedTimeStep
  | UnusedTimeDiscountStep
  | LineLimitStep
  | GroupShareStep
  | RoundingStep
  | BilledEarlierStep;
