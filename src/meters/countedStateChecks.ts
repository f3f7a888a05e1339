import * as z from "zod/mini";
import { aggregatesMessages } from "../errors/index.js";
import type { Decimal } from "../money/index.js";
import { issueOf } from "../schema/index.js";

// What a value reducer's state read back must hold besides its shape (valueReducers.ts, `stateSchema`):
// the state counting its `events` gives. Aggregates edited by hand or written by a warehouse query can
// hold a sum of 40 GB over no event, or 3 distinct users among 2 events; read as they are, they billed
// usage their own count of events denies (docs/scale.md, "The aggregates JSON").

const events = (count: number) => `${count} event${count === 1 ? "" : "s"}`;

type Issue = ReturnType<typeof issueOf>;
type Add = (issue: Issue) => void;

const notCounted = (found: string, why: string, path: ReadonlyArray<PropertyKey>) =>
  issueOf(aggregatesMessages.aggregatesStateNotCounted(found, why), path);

/** True when a sum or average state is one events give: a sum of no events is 0. */
export function isCountedSum(sum: Decimal, count: number): boolean {
  return count > 0 || sum.isZero();
}

function checkSum(state: { readonly sum: Decimal; readonly events: number }, add: Add): void {
  if (!isCountedSum(state.sum, state.events))
    add(notCounted(`${state.sum.toFixed()} over no event`, "the sum of no events is 0", ["sum"]));
}

function checkExtreme(state: { readonly best: Decimal | null; readonly events: number }, add: Add): void {
  if (state.best !== null && state.events === 0)
    add(
      notCounted(
        `${state.best.toFixed()} over no event`,
        "with no event there is no largest or smallest value (null)",
        ["best"],
      ),
    );
  if (state.best === null && state.events > 0)
    add(
      notCounted(
        `null over ${events(state.events)}`,
        "every counted event has a value, so some value is the largest or smallest",
        ["best"],
      ),
    );
}

function checkUnique(
  state: { readonly values: ReadonlyArray<string>; readonly events: number },
  add: Add,
): void {
  const distinct = new Set(state.values);
  if (distinct.size < state.values.length) {
    const twice = state.values.find((value, index) => state.values.indexOf(value) !== index);
    add(
      notCounted(`a list with ${JSON.stringify(twice)} twice`, "the values are distinct, each listed once", [
        "values",
      ]),
    );
    return;
  }
  if (state.values.length > state.events)
    add(
      notCounted(
        `${state.values.length} distinct values over ${events(state.events)}`,
        "each counted event adds one value at most",
        ["values"],
      ),
    );
  else if (state.values.length === 0 && state.events > 0)
    add(notCounted(`no value over ${events(state.events)}`, "each counted event adds its value", ["values"]));
}

function checkLatest(state: { readonly events: number; readonly id?: string }, add: Add): void {
  if (state.id !== undefined && state.events === 0)
    add(
      notCounted(
        `a latest event (${JSON.stringify(state.id)}) over no event`,
        'with no event there is no latest one ({ "events": 0 })',
        ["events"],
      ),
    );
}

// A zod check running `check` on a state's parsed fields, adding each problem at its field.
function stateCheck<T>(check: (state: T, add: Add) => void) {
  return z.superRefine((state: T, ctx) => check(state, (issue) => ctx.addIssue(issue)));
}

/** The checks of each value reducer's state, for its `stateSchema`. */
export const countedStateChecks = {
  sum: stateCheck(checkSum),
  extreme: stateCheck(checkExtreme),
  unique: stateCheck(checkUnique),
  latest: stateCheck(checkLatest),
};
