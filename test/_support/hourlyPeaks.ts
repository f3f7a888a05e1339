import { buildContract, type ChargeInput, type MeterInput } from "./contract.js";

// Flexprice's bucketed max (flexprice/flexprice internal/service/price_test.go,
// TestCalculateBucketedCost_*): bucket 1's readings 2, 5, 6, 9 (max 9), bucket 2's 10 and 15 (max 15);
// slab tiers 0–10 at $0.10, 11–20 at $0.05, above at $0.02. Window by window (tiers restarting in each
// hour): 9 × 0.10 + (10 × 0.10 + 5 × 0.05) = 0.90 + 1.25 = 2.15; the period's 24 through the tiers once
// would be 10 × 0.10 + 10 × 0.05 + 4 × 0.02 = 1.58 (test/rating/windowPricing.test.ts).
export const FLEXPRICE_TIERS = [
  { upTo: "10", unitPrice: "0.10" },
  { upTo: "20", unitPrice: "0.05" },
  { unitPrice: "0.02" },
];

/** Meter "m": the sum of "e" events' `v`, read as each hour's peak (max). */
const HOURLY_PEAK_METER = {
  id: "m",
  eventType: "e",
  aggregation: "sum",
  valueProperty: "v",
  window: { size: "hour", aggregation: "max" },
} as MeterInput;

/** One charge on the hourly peaks at Flexprice's tiers, restarting in each window. */
export function hourlyPeaksContract(charge: { readonly id: string; readonly name: string }) {
  return buildContract({
    meters: [HOURLY_PEAK_METER],
    charges: [
      {
        ...charge,
        meter: "m",
        windows: { tiers: "each_window" },
        price: { model: "graduated", tiers: FLEXPRICE_TIERS },
      } as ChargeInput,
    ],
  });
}
