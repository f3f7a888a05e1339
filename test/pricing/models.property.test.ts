import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AnyPriceModel, PRICE_MODELS, type PriceTerms } from "../../src/pricing/index.js";
import {
  capacityArb,
  classicPriceArb,
  dynamicArb,
  graduatedPercentageArb,
  percentageArb,
  priceArb,
  ratablePriceArb,
  ratedInputArb,
  thresholdArb,
  tieredPackageArb,
  tieredWithMinimumArb,
  unitPerArb,
} from "../_arbitraries/prices.js";
import { assertPriceModelLawsInContext } from "../_laws/contextPriceModelLaws.js";
import { assertStepsDeclaredAndExplained } from "../_laws/explainedStepLaws.js";
import { assertPriceModelLaws } from "../_laws/priceModelLaws.js";

const classic = (model: string) => classicPriceArb.filter((terms) => terms.model === model);

// Generated terms for every model that rates a quantity itself. Matrix and grouped rate each group with
// a single price (test/rating holds their laws), so they write no steps of their own.
const RATED_MODELS: Readonly<Record<string, fc.Arbitrary<PriceTerms>>> = {
  flat: classic("flat"),
  unit: fc.oneof(classic("unit"), unitPerArb),
  package: classic("package"),
  graduated: classic("graduated"),
  volume: classic("volume"),
  tiered_package: tieredPackageArb,
  percentage: percentageArb,
  graduated_percentage: graduatedPercentageArb,
  threshold: thresholdArb,
  tiered_with_minimum: tieredWithMinimumArb,
  dynamic: dynamicArb,
  capacity: capacityArb,
};
const models = Object.values(PRICE_MODELS) as unknown as ReadonlyArray<AnyPriceModel>;

describe("laws of every price model", () => {
  it("is deterministic, non-negative, and its steps re-add to the amount exactly", () => {
    assertPriceModelLaws(priceArb);
  });
});

describe("laws of every model, rated with a context", () => {
  it("is deterministic, non-negative, and its steps re-add to the amount exactly", () => {
    assertPriceModelLawsInContext(ratablePriceArb);
  });

  it("holds for the context-reading models in particular (percentage, capacity, dynamic)", () => {
    assertPriceModelLawsInContext(fc.oneof(percentageArb, capacityArb, dynamicArb));
  });
});

describe("every registered model declares and explains the steps it writes", () => {
  it("has generated terms here, or rates through its groups and writes no steps", () => {
    for (const model of models) {
      if (model.grouping !== undefined) expect(model.stepSchemas, model.model).toEqual([]);
      else expect(RATED_MODELS[model.model], `generated terms for ${model.model}`).toBeDefined();
    }
  });

  for (const model of models.filter((candidate) => candidate.grouping === undefined)) {
    it(`${model.model}: each step is of a declared kind, and each kind has a sentence`, () => {
      assertStepsDeclaredAndExplained(model, RATED_MODELS[model.model]!, ratedInputArb);
    });
  }
});
