import type * as z from "zod/mini";
import { contractMessages } from "../../errors/index.js";
import { graduated, volume } from "../../pricing/index.js";
import { issueOf } from "../../schema/index.js";
import type { ChargeTerms } from "./chargeSchema.js";

// The price models whose tiers can be picked by one quantity and priced on another (Lago prorates these).
const TIERED_MODELS: ReadonlySet<string> = new Set([volume.model, graduated.model]);

/**
 * `tiersBy: "full_quantity"` needs a volume or graduated price and a prorated meter: without proration
 * the full quantity is the quantity, and other prices have no tiers to pick.
 */
export function checkTiersBy(
  ctx: z.core.$RefinementCtx,
  charge: ChargeTerms,
  path: ReadonlyArray<PropertyKey>,
  meters: ReadonlyArray<{ readonly id: string; readonly prorated?: boolean | undefined }>,
): void {
  if (charge.tiersBy !== "full_quantity") return;
  const meter = meters.find((candidate) => candidate.id === charge.meter);
  if (TIERED_MODELS.has(charge.price.model) && meter?.prorated === true) return;
  ctx.addIssue(
    issueOf(contractMessages.tiersByFullQuantityNotAllowed(charge.price.model, charge.meter), [
      ...path,
      "tiersBy",
    ]),
  );
}
