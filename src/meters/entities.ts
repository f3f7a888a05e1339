import {
  addExactly,
  addQuotients,
  type Decimal,
  type ExactQuotient,
  ONE,
  quotient,
  quotientValue,
  roundToInteger,
  scaleQuotient,
  toPlainString,
  unendingQuotient,
  ZERO,
  ZERO_QUOTIENT,
} from "../money/index.js";
import { type EntityTerms, propertyOf } from "../schema/index.js";
import { type MeterOutcome, perKey, perKeyJson, type Reducer } from "./reducer.js";

type EntityState = Map<string, unknown>;

// The key of the events without the entity property (missing or null): they share one entity.
const WITHOUT_PROPERTY = JSON.stringify(null);

/**
 * Per-entity rounding, minimums and caps: the inner reducer runs per entity (the value of
 * `terms.property`; events without it form one entity of their own, counted in `withoutProperty`),
 * each entity's quantity is divided, rounded, raised to the minimum and capped, then the entities are
 * summed. 3 instances running 90 min, 20 min and 800 h, billed per
 * started hour capped at 720: 2 + 1 + 720 = 723 hours.
 */
export function entityReducer(terms: EntityTerms, inner: Reducer<unknown>): Reducer<EntityState> {
  return {
    ...perKey((sample) => JSON.stringify(propertyOf(sample.event.properties, terms.property) ?? null), inner),
    ...perKeyJson(inner),
    finalize: (state, context): MeterOutcome => {
      let total: Decimal = ZERO;
      // The entities' quantities as one fraction, when one of them is a quotient that need not end (an
      // average per entity): added over common denominators and divided once (reducer.ts).
      let fraction: ExactQuotient = ZERO_QUOTIENT;
      let fractional = false;
      let events = 0;
      let capped = 0;
      let raised = 0;
      let withoutProperty = 0;
      for (const [key, entityState] of state) {
        const outcome = inner.finalize(entityState, context);
        events += outcome.events;
        if (key === WITHOUT_PROPERTY) withoutProperty = outcome.events;
        const entity = billableEntityQuantity(outcome.quantity, terms);
        if (entity.capped) capped += 1;
        if (entity.raised) raised += 1;
        // Added exactly: a quantity that does not terminate (a count per second, divided by 0.5) is
        // rounded at 50 digits, and a rounded sum would change in its last digit with the order the
        // entities first came in; the same events must give the same invoice in any order.
        total = addExactly(total, entity.quantity);
        const exact = entity.ends || outcome.fraction === undefined ? undefined : outcome.fraction;
        if (exact !== undefined) fractional = true;
        fraction = addQuotients(
          fraction,
          exact === undefined
            ? quotient(entity.quantity, ONE)
            : scaleQuotient(exact, ONE, terms.divideBy ?? ONE),
        );
      }
      // Entities' fractions may add up to a quotient that ends (1/3 + 2/3 = 1): then no fraction.
      const exactSum = fractional ? unendingQuotient(fraction) : undefined;
      return {
        quantity: fractional ? quotientValue(fraction) : total,
        ...(exactSum === undefined ? {} : { fraction: exactSum }),
        events,
        computation: {
          kind: "entities",
          entities: state.size,
          divideBy: terms.divideBy === undefined ? null : toPlainString(terms.divideBy),
          round: terms.round ?? "none",
          cap: terms.cap === undefined ? null : toPlainString(terms.cap),
          capped,
          // Recorded only for a meter with a minimum, so the record of every other meter stays as it was.
          ...(terms.minimum === undefined ? {} : { minimum: toPlainString(terms.minimum), raised }),
          // Said only when it happened, so the record of every other meter stays as it was.
          ...(withoutProperty > 0
            ? { withoutProperty: { property: terms.property, events: withoutProperty } }
            : {}),
        },
      };
    },
  };
}

// One entity's quantity: divided, rounded, raised to the minimum, then held at the cap (the schema
// keeps the minimum at or below the cap). A raised or capped quantity is the contract's, so it ends.
function billableEntityQuantity(
  measured: Decimal,
  terms: EntityTerms,
): { quantity: Decimal; capped: boolean; raised: boolean; ends: boolean } {
  const divided = terms.divideBy === undefined ? measured : measured.div(terms.divideBy);
  const round = terms.round ?? "none";
  const rounded = round === "none" ? divided : roundToInteger(divided, round === "up" ? "ceiling" : "floor");
  if (terms.minimum !== undefined && rounded.lessThan(terms.minimum))
    return { quantity: terms.minimum, capped: false, raised: true, ends: true };
  if (terms.cap !== undefined && rounded.greaterThan(terms.cap))
    return { quantity: terms.cap, capped: true, raised: false, ends: true };
  return { quantity: rounded, capped: false, raised: false, ends: round !== "none" };
}
