import * as z from "zod/mini";
import { InvariantError } from "../errors/index.js";
import type { StepOf, StepSchema } from "./priceModel.js";
import { PRICE_MODELS } from "./registry.js";

type PriceModels = typeof PRICE_MODELS;
type AnyModel = PriceModels[keyof PriceModels];

/** A step a price model writes: the union of every registered model's step kinds. */
export type PriceStep = StepOf<AnyModel["stepSchemas"]>;

/** The `priceKind` a registered model gives its lines ("unit", "tiered", …). */
export type ModelPriceKind = NonNullable<AnyModel["priceKind"]>;

/** The price kinds the registered models declare, each once, in registry order. */
export const MODEL_PRICE_KINDS = [
  ...new Set(
    Object.values(PRICE_MODELS).flatMap((model) => (model.priceKind === undefined ? [] : [model.priceKind])),
  ),
] as ModelPriceKind[];

/**
 * The schema of every step kind the registered models write, each kind once, in registry order. A
 * kind several models write is one schema: the same instance (a tier's flat fee), or schemas that
 * differ only in an enum naming the writer (the tier step's `mode`), merged into one enum.
 */
export const priceStepSchemas: ReadonlyArray<StepSchema> = mergeByKind(
  Object.values(PRICE_MODELS).flatMap((model): ReadonlyArray<StepSchema> => model.stepSchemas),
);

function mergeByKind(schemas: ReadonlyArray<StepSchema>): StepSchema[] {
  const byKind = new Map<string, StepSchema>();
  for (const schema of schemas) {
    const kind = String(schema.shape.kind.def.values[0]);
    const known = byKind.get(kind);
    byKind.set(kind, known === undefined ? schema : merged(kind, known, schema));
  }
  return [...byKind.values()];
}

function merged(kind: string, a: StepSchema, b: StepSchema): StepSchema {
  if (a === b) return a;
  const [ours, theirs] = [
    a.shape as unknown as Record<string, z.ZodMiniType>,
    b.shape as unknown as Record<string, z.ZodMiniType>,
  ];
  const keys = Object.keys(ours);
  const shape: Record<string, z.ZodMiniType> = {};
  for (const key of keys) {
    const [mine, other] = [ours[key], theirs[key]];
    if (mine === other && mine !== undefined) shape[key] = mine;
    else if (mine instanceof z.ZodMiniEnum && other instanceof z.ZodMiniEnum)
      shape[key] = z.enum([...new Set([...mine.options, ...other.options])] as [string, ...string[]]);
    else
      throw new InvariantError(
        `Two price models write step kind ${kind} with different ${key} fields; share one schema, or let them differ only in an enum naming the model.`,
      );
  }
  if (Object.keys(theirs).length !== keys.length)
    throw new InvariantError(`Two price models write step kind ${kind} with different fields.`);
  return z.strictObject(shape) as unknown as StepSchema;
}
