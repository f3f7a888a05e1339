import type { Decimal } from "../money/index.js";
import type { PropertyValue } from "../schema/index.js";
import type { CarriedMeterState, Computation, Fractional, WindowQuantity } from "./reducer.js";

/** One group of a meter's events (a value of each grouping property): its quantity, as a fraction too. */
export interface GroupQuantity extends Fractional {
  readonly group: Readonly<Record<string, PropertyValue>>;
  readonly events: number;
  readonly quantity: Decimal;
  /** How the quantity was computed, for meters that do more than add up. */
  readonly computation?: Computation;
  /** Each counted event's value in event order (timestamp, then id), when asked for. */
  readonly values?: ReadonlyArray<Decimal>;
  /** What the meter carries into the next period (persistent and weighted meters). */
  readonly carryOut?: CarriedMeterState;
  /** The carried state changed nothing (MeterOutcome.openingUnused). */
  readonly openingUnused?: true;
  /** A windowed meter's windows, each with its start and value (window pricing). */
  readonly windows?: ReadonlyArray<WindowQuantity>;
}

/** A meter's events split by a list of properties. */
export interface GroupedQuantities {
  readonly meter: string;
  readonly dimensions: ReadonlyArray<string>;
  /** One entry per combination seen, ordered by the combination's values. */
  readonly groups: ReadonlyArray<GroupQuantity>;
}

/** What to compute for a meter besides its total. */
export interface MeterRequest {
  /** Property lists to split the meter's events by (for grouped and matrix prices). */
  readonly groupings: ReadonlyArray<ReadonlyArray<string>>;
  /** Keep each event's value (for per-transaction prices). */
  readonly collectValues: boolean;
}
