import * as z from "zod/mini";
import { valueExpressionTooDeep } from "../errors/index.js";
import type { Decimal } from "../money/index.js";
import { issueOf, unitPriceSchema } from "./primitives.js";

/**
 * A meter value computed from an event's properties, written as data (never as text to evaluate):
 * a property's number, a constant, the product or the sum of other values, or a weight chosen by a
 * property's value. Lambda GB-seconds are `{ "multiply": [{ "property": "memory_mb" },
 * { "property": "duration_ms" }, { "constant": "0.0000009765625" }] }` (÷ 1,024 MB a GB ÷ 1,000 ms a
 * second); Durable Objects bill 20 WebSocket messages as one request,
 * `{ "weightBy": { "property": "type", "weights": { "ws_message": "0.05" }, "default": "1" } }`.
 */
export type ValueExpression =
  | { readonly property: string }
  | { readonly constant: Decimal }
  | { readonly multiply: ReadonlyArray<ValueExpression> }
  | { readonly add: ReadonlyArray<ValueExpression> }
  | { readonly weightBy: WeightByTerms };

/** A weight per value of one property; `default` for any other value (without it, the event is excluded). */
export interface WeightByTerms {
  readonly property: string;
  readonly weights: Readonly<Record<string, Decimal>>;
  readonly default?: Decimal | undefined;
}

/** How many operations may nest inside one another: a product of sums of products is 3. */
export const VALUE_EXPRESSION_DEPTH = 4;

const property = z.string().check(z.minLength(1));
// Factors and weights are exact decimals of either sign with up to 15 decimals (1/1,024,000 fits).
const factor = unitPriceSchema;
const operands = () => z.array(valueExpressionSchema).check(z.minLength(1), z.maxLength(16));

// One node of an expression: its operands are read by the same schema, so nesting is only bounded by
// the guard below, which the meter's `value` passes first.
const valueExpressionSchema: z.ZodMiniType<ValueExpression, unknown> = z.lazy(() =>
  z.union(
    [
      z.strictObject({ property }),
      z.strictObject({ constant: factor }),
      z.strictObject({ multiply: operands() }),
      z.strictObject({ add: operands() }),
      z.strictObject({
        weightBy: z.strictObject({
          property,
          weights: z.record(z.string(), factor),
          default: z.optional(factor),
        }),
      }),
    ],
    {
      error: "expected one of { property }, { constant }, { multiply: [...] }, { add: [...] }, { weightBy }",
    },
  ),
) as unknown as z.ZodMiniType<ValueExpression, unknown>;

/**
 * The JSON of a {@link ValueExpression}: exactly one of property, constant, multiply, add, weightBy,
 * nested at most {@link VALUE_EXPRESSION_DEPTH} levels. The depth is measured on the raw JSON before
 * anything is parsed, so a hostile contract nested a million levels deep is one clear error.
 */
export const meterValueSchema = z.pipe(
  z.unknown().check(
    z.superRefine((raw, ctx) => {
      if (isDeeperThan(raw, VALUE_EXPRESSION_DEPTH))
        ctx.addIssue({ ...issueOf(valueExpressionTooDeep(VALUE_EXPRESSION_DEPTH)), continue: false });
    }),
  ),
  valueExpressionSchema,
);

// True when `raw` nests more than `limit` operations (multiply, add) inside one another; stops looking
// past the limit, so the depth of a hostile input costs nothing.
function isDeeperThan(raw: unknown, limit: number): boolean {
  if (raw === null || typeof raw !== "object") return false;
  const operands = (raw as { multiply?: unknown }).multiply ?? (raw as { add?: unknown }).add;
  if (!Array.isArray(operands)) return false;
  if (limit <= 0) return true;
  return operands.some((operand) => isDeeperThan(operand, limit - 1));
}
