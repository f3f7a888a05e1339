import type { StepContext, StepData } from "../schema/index.js";
import type { PriceStep } from "./priceSteps.js";
import { type AnyPriceModel, PRICE_MODELS } from "./registry.js";

// The models that write each step kind, in registry order.
const WRITERS: ReadonlyMap<string, ReadonlyArray<AnyPriceModel>> = (() => {
  const writers = new Map<string, AnyPriceModel[]>();
  for (const model of Object.values(PRICE_MODELS) as unknown as AnyPriceModel[]) {
    for (const schema of model.stepSchemas) {
      const kind = String(schema.shape.kind.def.values[0]);
      writers.set(kind, [...(writers.get(kind) ?? []), model]);
    }
  }
  return writers;
})();

/** Whether a step is one a price model writes (its sentence is the model's), not a common or term step. */
export function isPriceStep<S extends StepData>(step: S): step is Extract<S, PriceStep> {
  return WRITERS.has(step.kind);
}

/**
 * A price step in words, dispatched by kind to the model that writes it. A kind several models write
 * (a tier) is explained by the line's own model, which wrote it; undefined when the step adds no
 * sentence of its own.
 */
export function explainPriceStep(
  step: PriceStep,
  context: StepContext & { readonly model: string },
): string | undefined {
  const writers = WRITERS.get(step.kind) ?? [];
  const writer = writers.find((model) => model.model === context.model) ?? writers[0];
  return writer?.explainStep(step as never, context);
}
