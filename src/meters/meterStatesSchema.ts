import * as z from "zod/mini";
import { eventPropertyValueSchema, plainRecord } from "../schema/index.js";
import type { Reducer } from "./reducer.js";
import { decimalTextSchema, eventCountSchema, instantMsSchema } from "./stateJson.js";

// How a meter's accumulated states are read back from JSON (usage aggregates, docs/scale.md): the zod
// schema of MeterAccumulator's `toJson`, and a check by hand for the common shape that skips zod.

/** Each counted event's value as kept for per-transaction prices: `[timestamp, id, value]`. */
const valueEntrySchema = z.pipe(
  z.tuple([instantMsSchema, z.string(), decimalTextSchema]),
  z.transform(([timestamp, id, value]) => ({ timestamp, id, value })),
);
const groupValueSchema = eventPropertyValueSchema;

function buildStatesSchema(
  reducer: Reducer<unknown>,
  collectValues: boolean,
  dailyReducer: Reducer<unknown> | undefined,
) {
  const bucketValues = collectValues ? z.array(valueEntrySchema) : z.optional(z.never());
  return z.strictObject({
    meter: z.string(),
    total: reducer.stateSchema,
    values: bucketValues,
    groups: z.optional(
      z.array(
        z.strictObject({
          dimensions: z.array(z.string()),
          buckets: z.array(
            z.strictObject({
              group: z.array(groupValueSchema),
              state: reducer.stateSchema,
              values: bucketValues,
            }),
          ),
        }),
      ),
    ),
    daily:
      dailyReducer === undefined
        ? z.optional(z.never())
        : z.array(z.tuple([eventCountSchema, dailyReducer.stateSchema])),
  });
}

/** The zod schema of one meter's states. */
export type MeterStatesSchema = ReturnType<typeof buildStatesSchema>;

/** One meter's states, read back. */
export type MeterStates = z.infer<MeterStatesSchema>;

// Per reducer (compileMeter keeps one per meter, period and zone), the states schema of each shape.
// Meters of one aggregation share a reducer (every plain sum), so the schema names no meter: the caller
// checks the `meter` field.
const STATES_SCHEMAS = new WeakMap<Reducer<unknown>, Map<string, MeterStatesSchema>>();

/**
 * The zod schema of a meter's states: its total, and the values, groups and days it keeps. Built once
 * per reducer and shape (zod compiles a schema when it is built): rating many aggregates of one
 * contract must not build it per invoice.
 */
export function meterStatesSchema(
  reducer: Reducer<unknown>,
  collectValues: boolean,
  dailyReducer: Reducer<unknown> | undefined,
): MeterStatesSchema {
  const shape = `${collectValues}/${dailyReducer !== undefined}`;
  let byShape = STATES_SCHEMAS.get(reducer);
  if (byShape === undefined) {
    byShape = new Map();
    STATES_SCHEMAS.set(reducer, byShape);
  }
  let schema = byShape.get(shape);
  if (schema === undefined) {
    schema = buildStatesSchema(reducer, collectValues, dailyReducer);
    byShape.set(shape, schema);
  }
  return schema;
}

const TOTAL_ONLY_KEYS: ReadonlySet<string> = new Set(["meter", "total"]);

/**
 * A meter's states of the common shape — the meter and its total, no values, groups or days — read
 * without zod by the reducer's `readState`; undefined for any other shape or anything wrong, which
 * {@link meterStatesSchema} then reads or reports with its path. Reading states back through zod was
 * most of rating from aggregates (issue 14).
 */
export function readCommonStates(
  json: unknown,
  reducer: Reducer<unknown>,
  collectValues: boolean,
  dailyReducer: Reducer<unknown> | undefined,
): MeterStates | undefined {
  // Values and days are required when kept, so such states always go to the schema.
  if (collectValues || dailyReducer !== undefined || reducer.readState === undefined) return undefined;
  const record = plainRecord(json, TOTAL_ONLY_KEYS);
  if (record === undefined || typeof record.meter !== "string") return undefined;
  const total = reducer.readState(record.total);
  return total === undefined
    ? undefined
    : { meter: record.meter, total, values: undefined, daily: undefined };
}
