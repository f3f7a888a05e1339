import type { ChargeTerms } from "../contracts/index.js";
import { type MeterRequest, sameList } from "../meters/index.js";
import { modelOfPrice, type PriceTerms, pricesIn } from "../pricing/index.js";

/**
 * What the meters must compute for the contract's charges besides totals: the groupings that
 * grouped and matrix prices split by, and the per-event values that per-transaction prices need.
 */
export function meterRequests(charges: ReadonlyArray<ChargeTerms>): ReadonlyMap<string, MeterRequest> {
  const requests = new Map<string, { groupings: string[][]; collectValues: boolean }>();
  for (const charge of charges) {
    if (charge.meter === undefined) continue;
    const request = requests.get(charge.meter) ?? { groupings: [], collectValues: false };
    const dimensions = groupDimensions(charge);
    if (dimensions !== undefined && !request.groupings.some((known) => sameList(known, dimensions))) {
      request.groupings.push([...dimensions]);
    }
    if (needsEventValues(charge.price)) request.collectValues = true;
    requests.set(charge.meter, request);
  }
  return requests;
}

/** The properties a grouped or matrix charge splits its events by; undefined for other charges. */
export function groupDimensions(charge: ChargeTerms): ReadonlyArray<string> | undefined {
  return modelOfPrice(charge.price).grouping?.dimensions(charge.price);
}

/** Whether a price, or any price its groups may use, needs each event's value. */
export function needsEventValues(price: PriceTerms): boolean {
  return pricesIn(price).some((inner) => modelOfPrice(inner).needsEventValues);
}
