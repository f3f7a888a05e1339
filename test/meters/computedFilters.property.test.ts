import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// Token counts as events carry them: whole numbers up to 300,000, as numbers or text.
const tokens = fc.oneof(
  fc.integer({ min: 0, max: 300_000 }),
  fc.integer({ min: 0, max: 300_000 }).map(String),
);
const PROMPT = { add: [{ property: "input" }, { property: "cached" }] };
const meterOf = (id: string, filters?: ReadonlyArray<unknown>) => ({
  id,
  eventType: "request",
  aggregation: "sum",
  valueProperty: "input",
  ...(filters === undefined ? {} : { filters }),
});

describe("a threshold on a computed value partitions the requests", () => {
  it("the requests at most and above the threshold add up to all of them, each where input + cached puts it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(tokens, tokens), { maxLength: 20 }),
        fc.integer({ min: 0, max: 400_000 }),
        (requests, threshold) => {
          const contract = buildContract({
            meters: [
              meterOf("below", [{ expression: PROMPT, op: "lte", value: String(threshold) }]),
              meterOf("above", [{ expression: PROMPT, op: "gt", value: String(threshold) }]),
              meterOf("all"),
            ],
            charges: ["below", "above", "all"].map((id) => ({
              id,
              name: id,
              meter: id,
              price: { model: "unit", unitPrice: "1" },
            })),
          } as never);
          const usage = requests.map(([input, cached], i) =>
            usageEvent(`r${i}`, "request", "2026-02-03T00:00:00Z", { input, cached }),
          );
          const meters = rateInvoice(contract, usage, "2026-02").usage.meters;
          const [below, above, all] = ["below", "above", "all"].map(
            (id) => meters.find((m) => m.meter === id)!,
          );
          // by hand: a request is above when input + cached > threshold
          const isAbove = ([input, cached]: readonly [number | string, number | string]) =>
            new Decimal(input).plus(cached).greaterThan(threshold);
          const sumOf = (list: typeof requests) =>
            list.reduce((sum, [input]) => sum.plus(input), new Decimal(0)).toFixed();
          expect(above!.events).toBe(requests.filter(isAbove).length);
          expect(below!.events + above!.events).toBe(all!.events);
          expect(above!.quantity).toBe(sumOf(requests.filter(isAbove)));
          expect(new Decimal(below!.quantity).plus(above!.quantity).toFixed()).toBe(all!.quantity);
        },
      ),
      { numRuns: 60 },
    );
  });
});
