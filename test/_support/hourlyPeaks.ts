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

/**
 * docs/window-pricing.md's peak bucket (Flexprice's window commitments): meter `gpu` sums `units` of
 * `gpu.hours` events per hour (empty hours counted as 0 or skipped); charge `gpu` at 0.05 a unit, its
 * peak bucket 08:00–20:00 at 0.10 a unit held to `commitment` in every window; `overrides` as given.
 */
export function peakBucketContract(options: {
  readonly emptyWindows: "zero" | "skip";
  readonly commitment: Readonly<Record<string, unknown>>;
  readonly overrides?: ReadonlyArray<unknown>;
}) {
  return buildContract({
    meters: [
      {
        id: "gpu",
        eventType: "gpu.hours",
        aggregation: "sum",
        valueProperty: "units",
        window: { size: "hour", aggregation: "sum", emptyWindows: options.emptyWindows },
      } as MeterInput,
    ],
    charges: [
      {
        id: "gpu",
        name: "GPU",
        meter: "gpu",
        price: { model: "unit", unitPrice: "0.05" },
        windows: {
          tiers: "each_window",
          buckets: [
            {
              id: "peak",
              from: "08:00",
              until: "20:00",
              price: { model: "unit", unitPrice: "0.10" },
              commitment: options.commitment,
            },
          ],
        },
      } as ChargeInput,
    ],
    ...(options.overrides === undefined ? {} : { overrides: options.overrides as never }),
  });
}
