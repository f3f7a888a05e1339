import fc from "fast-check";
import { expect } from "vitest";
import { type AnyPriceModel, type PriceTerms, ratePrice } from "../../src/pricing/index.js";
import type { StepData, Words } from "../../src/schema/index.js";
import type { RatedInput } from "../_arbitraries/prices.js";

/** Words that mark each formatter, so a sentence is seen to come from the model's explainStep. */
export const PLAIN_WORDS: Words = {
  money: (plain) => `$${plain}`,
  price: (plain) => `@${plain}`,
  units: (plain) => `${plain} units`,
  quantity: (plain) => plain,
  count: (n, noun) => `${n} ${noun}(s)`,
  percent: (rate) => `${rate} as a rate`,
  group: (values) => JSON.stringify(values),
  instant: (iso) => `at ${iso}`,
};

const kindOf = (schema: AnyPriceModel["stepSchemas"][number]) => String(schema.shape.kind.def.values[0]);

/**
 * Laws of a model's declared steps, over generated terms and inputs: every step `rate` writes is of a
 * kind the model declares and parses with that kind's schema; the first step of each kind on a line has
 * a sentence from the model's `explainStep`; and the generated cases write every kind the model
 * declares, so no declared kind goes unexplained. A refusal (capacity exceeded) is skipped.
 */
export function assertStepsDeclaredAndExplained(
  model: AnyPriceModel,
  termsArb: fc.Arbitrary<PriceTerms>,
  inputArb: fc.Arbitrary<RatedInput>,
): void {
  const declared = new Map(model.stepSchemas.map((schema) => [kindOf(schema), schema]));
  const written = new Set<string>();
  fc.assert(
    fc.property(termsArb, inputArb, (terms, { quantity, context }) => {
      let steps: ReadonlyArray<StepData>;
      try {
        steps = ratePrice(terms, quantity, context).steps;
      } catch (error) {
        expect(error).toMatchObject({ code: "capacity_exceeded" });
        return;
      }
      const explained = new Set<string>();
      for (const step of steps) {
        const schema = declared.get(step.kind);
        expect(schema, `${model.model} writes undeclared step kind ${step.kind}`).toBeDefined();
        expect(schema?.safeParse(step).success, `${model.model}'s ${step.kind} step parses`).toBe(true);
        written.add(step.kind);
        if (explained.has(step.kind)) continue;
        explained.add(step.kind);
        const sentence = model.explainStep(step as never, { words: PLAIN_WORDS, steps });
        expect(sentence, `${model.model} explains its ${step.kind} step`).toMatch(/\S/);
      }
    }),
    { numRuns: 300 },
  );
  expect([...written].sort(), `the cases of ${model.model} write every kind it declares`).toEqual(
    [...declared.keys()].sort(),
  );
}
