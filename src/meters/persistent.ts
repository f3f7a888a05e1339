import * as z from "zod/mini";
import { Decimal, toPlainString } from "../money/index.js";
import { propertyOf } from "../schema/index.js";
import { compareText } from "./compareText.js";
import type { MeterOutcome, Reducer } from "./reducer.js";
import { byTimeThenId, instantMsSchema } from "./stateJson.js";

const operationSchema = z.strictObject({
  timestamp: instantMsSchema,
  id: z.string(),
  key: z.string(),
  remove: z.boolean(),
});

/**
 * A persistent sum or count: the running total since the contract start. The period's own events add
 * to the total carried in (the previous period's closing total); the new total carries out.
 */
export function persistentTotalReducer(inner: Reducer<unknown>): Reducer<unknown> {
  return {
    ...inner,
    finalize: (state, context): MeterOutcome => {
      const inPeriod = inner.finalize(state, context);
      const carriedIn = new Decimal(context.carried?.total ?? "0");
      const total = carriedIn.plus(inPeriod.quantity);
      return {
        quantity: total,
        events: inPeriod.events,
        computation: {
          kind: "persistent",
          carriedIn: toPlainString(carriedIn),
          inPeriod: toPlainString(inPeriod.quantity),
          carriedOut: toPlainString(total),
        },
        carryOut: { total: toPlainString(total) },
      };
    },
  };
}

/** An add or remove of a persistent unique count's value, kept until the period is finalized. */
export interface Operation {
  readonly timestamp: number;
  readonly id: string;
  readonly key: string;
  readonly remove: boolean;
}

/**
 * `init`, `add` and `merge` of a persistent unique count: every event is kept as an operation (the
 * value, and "remove" when `operationProperty` says so), since finalizing must order them in time.
 */
export function recordOperations(
  operationProperty: string | undefined,
): Omit<Reducer<Operation[]>, "finalize"> {
  return {
    init: () => [],
    add: (state, sample) => {
      const operation =
        operationProperty === undefined ? undefined : propertyOf(sample.event.properties, operationProperty);
      state.push({
        timestamp: sample.event.timestamp,
        id: sample.event.id,
        key: String(sample.raw),
        remove: operation === "remove",
      });
      return state;
    },
    merge: (a, b) => [...a, ...b],
    toJson: (state) => byTimeThenId(state).map((operation) => ({ ...operation })),
    stateSchema: z.pipe(
      z.array(operationSchema),
      z.transform((operations): Operation[] => operations.map((operation) => ({ ...operation }))),
    ),
  };
}

/**
 * A persistent unique count (Lago's recurring unique count: seats, domains): values are added and
 * removed by events (`operationProperty` "add" or "remove", add when absent) and stay active across
 * periods. The period bills every value active at some point in it — those carried in plus those added
 * — and carries out the values still active at its end. Keeps the period's operations (it must order
 * them) and the active values.
 */
export function persistentUniqueReducer(operationProperty: string | undefined): Reducer<Operation[]> {
  return {
    ...recordOperations(operationProperty),
    finalize: (state, context): MeterOutcome => {
      const active = new Set(context.carried?.active ?? []);
      const carriedIn = active.size;
      const billed = new Set(active);
      const ordered = [...state].sort((a, b) => a.timestamp - b.timestamp || compareText(a.id, b.id));
      for (const operation of ordered) {
        if (operation.remove) active.delete(operation.key);
        else {
          active.add(operation.key);
          billed.add(operation.key);
        }
      }
      return {
        quantity: new Decimal(billed.size),
        events: state.length,
        computation: {
          kind: "persistent",
          carriedIn: String(carriedIn),
          inPeriod: String(billed.size - carriedIn),
          carriedOut: String(active.size),
        },
        carryOut: { active: [...active].sort(compareText) },
      };
    },
  };
}
