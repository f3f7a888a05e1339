import { type Warning, warningMessages } from "../errors/index.js";
import { toPlainString } from "../money/index.js";
import type { PropertyValue } from "../schema/index.js";
import { formatInstant, formatLocalWhen } from "../time/index.js";
import { groupText } from "./groupText.js";
import type { ExtendedQuantity } from "./windowPricing.js";

/**
 * The warning of a line priced above its price's bounded last tier (`aboveLastTier: "extend"`): the
 * quantity above the bound, and for a window's pricing the window, named by its local start in the
 * invoice's zone as the line's sentences name times (the notice's details keep the UTC instant).
 */
export function aboveLastTierWarning(
  line: {
    readonly path: string;
    readonly chargeId: string;
    readonly group: Readonly<Record<string, PropertyValue>> | undefined;
    readonly timeZone: string | undefined;
  },
  extended: ExtendedQuantity,
): Warning {
  const window = extended.window === undefined ? undefined : formatInstant(extended.window);
  return warningMessages.aboveLastTierExtended({
    path: line.path,
    chargeId: line.chargeId,
    group: line.group === undefined ? undefined : groupText(line.group),
    quantity: toPlainString(extended.quantity),
    upTo: toPlainString(extended.upTo),
    above: toPlainString(extended.quantity.minus(extended.upTo)),
    window,
    windowLocal: window === undefined ? undefined : formatLocalWhen(window, line.timeZone ?? "UTC"),
  });
}
