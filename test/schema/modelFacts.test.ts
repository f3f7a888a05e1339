import { describe, expect, it } from "vitest";
import { parseContract, safeParseContract } from "../../src/contracts/index.js";
import { type AnyPriceModel, PRICE_MODELS, priceSchema, pricesIn } from "../../src/pricing/index.js";

// One valid price of every registered model, as a contract writes it. A model registered without an
// example here fails the first test, so every model's facts are checked against the contract rules.
const EXAMPLES: Readonly<Record<string, unknown>> = {
  flat: { model: "flat", amount: "10" },
  unit: { model: "unit", unitPrice: "1" },
  package: { model: "package", packageSize: "10", packagePrice: "2" },
  graduated: { model: "graduated", tiers: [{ upTo: "10", unitPrice: "1" }, { unitPrice: "0.5" }] },
  volume: { model: "volume", tiers: [{ upTo: "10", unitPrice: "1" }, { unitPrice: "0.5" }] },
  tiered_package: {
    model: "tiered_package",
    mode: "graduated",
    tiers: [
      { upTo: "10", packageSize: "5", packagePrice: "1" },
      { packageSize: "5", packagePrice: "1" },
    ],
  },
  percentage: { model: "percentage", percent: "2.9" },
  graduated_percentage: {
    model: "graduated_percentage",
    tiers: [{ upTo: "100", percent: "2" }, { percent: "1" }],
  },
  threshold: { model: "threshold", bands: [{ upTo: "10", amount: "5" }, { amount: "9" }] },
  tiered_with_minimum: {
    model: "tiered_with_minimum",
    tiers: [{ upTo: "10", unitPrice: "1", minimum: "5" }, { unitPrice: "0.5" }],
  },
  dynamic: { model: "dynamic" },
  capacity: {
    model: "capacity",
    tiers: [{ limits: [{ meter: "gb", max: "100" }], amount: "20" }, { amount: "50" }],
  },
  matrix: {
    model: "matrix",
    dimensions: ["region"],
    cells: [{ match: { region: "eu" }, price: { model: "unit", unitPrice: "1" } }],
  },
  grouped: { model: "grouped", groupBy: ["region"], price: { model: "unit", unitPrice: "1" } },
};

function contractWith(charge: Record<string, unknown>) {
  return {
    schemaVersion: 1,
    id: "ctr_facts",
    customer: { id: "cus_a" },
    currency: "USD",
    timeZone: "UTC",
    billing: { cadence: "monthly" },
    term: { start: "2026-01-01" },
    meters: [{ id: "gb", eventType: "cdn.bandwidth", aggregation: "sum", valueProperty: "gb" }],
    charges: [{ id: "c", name: "Charge", ...charge }],
  };
}

/** The paths of the problems a contract is refused for (none when it is accepted). */
function problemsOf(charge: Record<string, unknown>): string[] {
  const result = safeParseContract(contractWith(charge));
  if (result.success) return [];
  return (result.error.details.problems as ReadonlyArray<{ path: string }>).map((problem) => problem.path);
}

const models = Object.values(PRICE_MODELS) as unknown as ReadonlyArray<AnyPriceModel>;
const metered = (model: AnyPriceModel) => (model.usesQuantity ? { meter: "gb" } : {});

describe("contract checks read each model's declared facts", () => {
  it("has a valid example of every registered model", () => {
    for (const model of models) {
      expect(EXAMPLES[model.model], model.model).toBeDefined();
      expect(problemsOf({ ...metered(model), price: EXAMPLES[model.model] }), model.model).toEqual([]);
    }
  });

  for (const model of models) {
    const price = EXAMPLES[model.model];
    describe(model.model, () => {
      it(`${model.usesQuantity ? "needs" : "refuses"} a meter (usesQuantity ${model.usesQuantity})`, () => {
        // without a meter: refused when it prices a quantity; with one: refused when it does not
        expect(problemsOf({ price })).toEqual(model.usesQuantity ? ["charges[0].meter"] : []);
        expect(problemsOf({ meter: "gb", price })).toEqual(model.usesQuantity ? [] : ["charges[0].meter"]);
      });

      it("takes a transform exactly when it and every price nested in it accept one", () => {
        const nested = pricesIn(priceSchema.parse(price));
        const accepts = nested.every(
          (inner) => (PRICE_MODELS[inner.model] as AnyPriceModel).acceptsTransform,
        );
        const problems = problemsOf({ ...metered(model), price, transform: { divideBy: "10" } });
        expect(problems).toEqual(accepts ? [] : ["charges[0].transform"]);
      });

      it("takes seats (a contract quantity) exactly when it rates one transformable quantity alone", () => {
        const seats = model.usesQuantity && model.acceptsTransform && model.grouping === undefined;
        expect(problemsOf({ price, quantity: "5" })).toEqual(seats ? [] : ["charges[0].quantity"]);
      });

      it(`${model.isFee ? "may" : "may not"} be billed in advance (isFee ${model.isFee})`, () => {
        expect(problemsOf({ ...metered(model), price, billed: "in_advance" })).toEqual(
          model.isFee ? [] : ["charges[0].billed"],
        );
      });

      it(`${model.grouping === undefined ? "takes" : "refuses"} a charge-wide minimum`, () => {
        expect(problemsOf({ ...metered(model), price, minimum: "1" })).toEqual(
          model.grouping === undefined ? [] : ["charges[0].minimum"],
        );
      });

      it("takes a line maximum (on a grouped or matrix price, each group's line)", () => {
        expect(problemsOf({ ...metered(model), price, maximum: "2" })).toEqual([]);
      });

      it(`${model.isSinglePrice ? "may" : "may not"} price a matrix cell (isSinglePrice ${model.isSinglePrice})`, () => {
        const cell = { model: "matrix", dimensions: ["region"], cells: [{ match: { region: "eu" }, price }] };
        expect(problemsOf({ meter: "gb", price: cell }).length === 0).toBe(model.isSinglePrice);
      });
    });
  }

  it("parses every example into its model's terms", () => {
    for (const model of models)
      expect(
        parseContract(contractWith({ ...metered(model), price: EXAMPLES[model.model] })).charges[0]?.price
          .model,
      ).toBe(model.model);
  });
});
