import * as z from "zod/mini";
import { wordList } from "../errors/index.js";
import { choiceHint, fieldOf, withHint } from "../schema/index.js";
import type { PriceModelDefinition } from "./priceModel.js";

type Model = Pick<PriceModelDefinition, "model" | "termsSchema" | "isSinglePrice" | "otherNames">;

/**
 * The terms of the models that may price a matrix cell or a grouped charge's groups (those declaring
 * `isSinglePrice`), told apart by `model`, in registry order.
 */
export function singlePriceSchemaOf(models: Readonly<Record<string, Model>>) {
  const singles = Object.values(models).filter((model) => model.isSinglePrice);
  return unionOf(
    singles,
    `expected a price with model ${wordList(
      singles.map((model) => model.model),
      "or",
    )}`,
  );
}

/** The terms of every model, told apart by `model`, in registry order. */
export function priceSchemaOf(models: Readonly<Record<string, Model>>) {
  const all = Object.values(models);
  const names = all.map((model) => model.model);
  return unionOf(all, `expected a price with model ${wordList(names, "or")}`);
}

function unionOf(models: ReadonlyArray<Model>, requirement: string) {
  // Every terms schema is an object with a literal `model`, which the union dispatches on.
  const options = models.map((model) => model.termsSchema) as unknown as [
    z.ZodMiniObject,
    ...z.ZodMiniObject[],
  ];
  const names = models.map((model) => model.model);
  const otherNames = models.flatMap((model) => model.otherNames ?? []);
  // After a model ratecard does not have, the one it most likely meant, or ratecard's name for another
  // system's (Stripe's "per_unit" is "unit").
  const error = (issue: { readonly input?: unknown }) =>
    withHint(requirement, choiceHint(fieldOf(issue.input, "model"), names, otherNames));
  return z.discriminatedUnion("model", options, { error });
}
