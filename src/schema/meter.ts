import { z } from "zod";
import { idSchema, ratecardIssue } from "./primitives.js";

const propertyValueSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: "expected a text, number or true/false value",
});

/** A condition on one event property; an event is counted only if it meets every filter of the meter. */
export const filterSchema = z.discriminatedUnion(
  "op",
  [
    z.strictObject({ property: z.string().min(1), op: z.literal("equals"), value: propertyValueSchema }),
    z.strictObject({ property: z.string().min(1), op: z.literal("not_equals"), value: propertyValueSchema }),
    z.strictObject({
      property: z.string().min(1),
      op: z.literal("in"),
      values: z.array(propertyValueSchema).min(1),
    }),
    z.strictObject({
      property: z.string().min(1),
      op: z.literal("not_in"),
      values: z.array(propertyValueSchema).min(1),
    }),
    z.strictObject({ property: z.string().min(1), op: z.literal("exists") }),
  ],
  { error: "expected a filter with op equals, not_equals, in, not_in or exists" },
);
export type FilterTerms = z.output<typeof filterSchema>;

/** How a meter turns the events it counts into one quantity. */
export const aggregationSchema = z.enum(["sum", "count"], { error: "expected aggregation sum or count" });
export type AggregationName = z.output<typeof aggregationSchema>;

/**
 * A meter: which events count (event type + filters) and how they add up.
 * `sum` adds the numeric `valueProperty` of each event; `count` counts events.
 */
export const meterSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().optional(),
    eventType: z.string().min(1, { message: "must name an event type" }),
    aggregation: aggregationSchema,
    valueProperty: z.string().min(1).optional(),
    unit: z
      .string()
      .optional()
      .meta({ description: 'The quantity\'s unit for invoices, e.g. "GB" or "requests".' }),
    filters: z.array(filterSchema).optional(),
  })
  .superRefine((meter, ctx) => {
    if (meter.aggregation === "sum" && meter.valueProperty === undefined) {
      ctx.addIssue(
        ratecardIssue(
          "value_property_required",
          `a sum meter must name the event property to add up (valueProperty), e.g. "bytes"`,
          ["valueProperty"],
        ),
      );
    }
  });
export type MeterTerms = z.output<typeof meterSchema>;
