import * as z from "zod/mini";
import { toPlainString } from "../money/index.js";
import { decimalSchema } from "../schema/index.js";
import { compareText } from "./compareText.js";

// The pieces the reducers' state schemas share (reducer.ts: `toJson` and `stateSchema`). A state as JSON
// is plain data: decimals as exact text, instants as epoch milliseconds, lists in a canonical order, so
// the same events give the same bytes whatever order they came in or however they were sharded.

/** How many events a state counted: a whole number, 0 or more. */
export const eventCountSchema = z.number().check(z.int(), z.nonnegative());

/** An instant in epoch milliseconds (an event's timestamp). */
export const instantMsSchema = z.number().check(z.int());

/** A decimal written as exact text, read back as a Decimal. */
export const decimalTextSchema = decimalSchema;

/** The canonical text of a decimal in a state ("0", never "-0"). */
export const decimalJson = toPlainString;

/** Points of time-ordered states (weighted, persistent unique) sorted by timestamp then id. */
export function byTimeThenId<T extends { readonly timestamp: number; readonly id: string }>(
  points: ReadonlyArray<T>,
): T[] {
  return [...points].sort((a, b) => a.timestamp - b.timestamp || compareText(a.id, b.id));
}
