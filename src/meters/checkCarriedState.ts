import {
  carriedStateForUnknownMeter,
  carriedStateOfOtherKind,
  InputError,
  toJsonPath,
} from "../errors/index.js";
import { type MeterTerms, parseCarriedStatesAt } from "../schema/index.js";
import type { CarriedMeterState } from "./reducer.js";

/**
 * The state each meter opens the period with, from the previous period's `carryOut`: input like any
 * other, so it is parsed and matched against the meters (a typed error with a path) before any event is
 * read, and a wrong --carry fails at once rather than after streaming the usage.
 * Every entry point takes the state as the `carried` option, so its errors are addressed from there:
 * `options.carried.<meter>.<field>`.
 * @throws InputError (the option is wrong, not the contract) `invalid_field` for a state that is not
 *   valid, of a meter that does not carry one, or of another kind
 */
export function checkCarriedState(
  carried: Readonly<Record<string, CarriedMeterState>> | undefined,
  meters: ReadonlyArray<MeterTerms>,
): Readonly<Record<string, CarriedMeterState>> {
  const parsed = carried === undefined ? {} : parseCarriedStatesAt(carried, CARRIED);
  checkCarriedMatchesMeters(parsed, meters);
  return parsed;
}

// Where the state sits in the arguments of aggregateUsage, rateInvoice and the other entry points.
const CARRIED = ["options", "carried"] as const;

// What each kind of meter carries: a total (persistent sum or count), a level (weighted_sum), the
// active values (persistent unique_count). Anything else in a carried state would be ignored silently.
function carriedField(meter: MeterTerms): "total" | "level" | "active" | undefined {
  if (meter.aggregation === "weighted_sum") return "level";
  if (meter.persistent !== true) return undefined;
  return meter.aggregation === "unique_count" ? "active" : "total";
}

function checkCarriedMatchesMeters(
  carried: Readonly<Record<string, object>>,
  meters: ReadonlyArray<MeterTerms>,
): void {
  for (const [id, state] of Object.entries(carried)) {
    const meter = meters.find((candidate) => candidate.id === id);
    const expected = meter === undefined ? undefined : carriedField(meter);
    if (expected === undefined) {
      throw InputError.from(
        carriedStateForUnknownMeter(id, meter !== undefined),
        toJsonPath([...CARRIED, id]),
      );
    }
    for (const [key, value] of Object.entries(state)) {
      if (key !== expected && value !== undefined)
        throw InputError.from(carriedStateOfOtherKind(id, key, expected), toJsonPath([...CARRIED, id, key]));
    }
  }
}
