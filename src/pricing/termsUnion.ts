import * as z from "zod/mini";
import { wordList } from "../errors/index.js";
import type { PriceModelDefinition } from "./priceModel.js";

type Model = Pick<PriceModelDefinition, "model" | "termsSchema" | "isSinglePrice">;

/**
 * The terms of the models that may price a matrix cell or a grouped charge's groups (those declaring
 * `isSinglePrice`), told apart by `model`, in registry order.
 */
export function singlePriceSchemaOf(models: Readonly<Record<string, Model>>) {
  const singles = Object.values(models).filter((model) => model.isSinglePrice);
  return unionOf(singles, `expected a price with model ${singles.map((model) => model.model).join(", ")}`);
}

/** The terms of every model, told apart by `model`, in registry order. */
export function priceSchemaOf(models: Readonly<Record<string, Model>>) {
  const all = Object.values(models);
  const names = all.map((model) => model.model);
  return unionOf(all, `expected a price with model ${wordList(names, "or")}`);
}

function unionOf(models: ReadonlyArray<Model>, error: string) {
  // Every terms schema is an object with a literal `model`, which the union dispatches on.
  const options = models.map((model) => model.termsSchema) as unknown as [
    z.ZodMiniObject,
    ...z.ZodMiniObject[],
  ];
  return z.discriminatedUnion("model", options, { error });
}
