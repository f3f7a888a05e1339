import { type ChargeInput, type MeterInput, SEATS_METER } from "./contract.js";

/**
 * The three kinds of meter that carry state from period to period (docs/meters.md, "Persistent
 * meters"): `objects`, a persistent running total of `delta` (events `obj`); `seats`, a persistent
 * unique count ({@link SEATS_METER}); `storage`, a `weighted_sum` of `gb` levels (events `level`).
 */
export const CARRYING_METERS: MeterInput[] = [
  { id: "objects", eventType: "obj", aggregation: "sum", valueProperty: "delta", persistent: true },
  SEATS_METER,
  { id: "storage", eventType: "level", aggregation: "weighted_sum", valueProperty: "gb" },
];

/** A charge per carrying meter, named after it: objects at 0.01, seats at 10.00, storage at `storagePrice`. */
export function carryingCharges(storagePrice: string): ChargeInput[] {
  return [
    { id: "objects", name: "Objects", meter: "objects", price: { model: "unit", unitPrice: "0.01" } },
    { id: "seats", name: "Seats", meter: "seats", price: { model: "unit", unitPrice: "10" } },
    { id: "storage", name: "Storage", meter: "storage", price: { model: "unit", unitPrice: storagePrice } },
  ];
}
