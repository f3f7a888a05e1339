import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AllowanceTerms } from "../../src/contracts/index.js";
import { Decimal } from "../../src/money/index.js";
import { type AllowanceDraw, planAllowanceDraws, type RatedLine } from "../../src/rating/index.js";

type PlannedLine = Pick<RatedLine, "id" | "chargeId" | "quantity" | "steps">;

const d = (value: string | number) => new Decimal(value);
const usageStep = {
  kind: "usage",
  meter: "gb",
  aggregation: "sum",
  events: 1,
  quantity: "0",
} as unknown as RatedLine["steps"][number];
const feeStep = { kind: "flat_fee", amount: "10" } as unknown as RatedLine["steps"][number];

const line = (id: string, chargeId: string, quantity: string, steps = [usageStep]): PlannedLine => ({
  id,
  chargeId,
  quantity,
  steps,
});
const pool = (id: string, quantity: string, charges: string[]): AllowanceTerms => ({
  id,
  name: `Pool ${id}`,
  quantity: d(quantity),
  charges,
});
const drawOf = (draws: ReadonlyMap<string, AllowanceDraw>, id: string) => {
  const draw = draws.get(id);
  return draw === undefined
    ? undefined
    : { pool: draw.pool, available: draw.available.toFixed(), drawn: draw.drawn.toFixed() };
};

describe("planAllowanceDraws", () => {
  it("draws charge by charge in the pool's order and line by line in id order (the doc's example)", () => {
    // 1,000 GB on [egress, cdn]; egress lines given as na 500 then eu 700, cdn 200.
    // Id order: "egress[eu]" < "egress[na]", so eu draws min(700, 1000) = 700 (300 left), na draws
    // min(500, 300) = 300 (0 left), cdn draws min(200, 0) = 0.
    const plan = planAllowanceDraws(
      [pool("free", "1000", ["egress", "cdn"])],
      [line("cdn", "cdn", "200"), line("egress[na]", "egress", "500"), line("egress[eu]", "egress", "700")],
    );
    expect(drawOf(plan.draws, "egress[eu]")).toEqual({ pool: "free", available: "1000", drawn: "700" });
    expect(drawOf(plan.draws, "egress[na]")).toEqual({ pool: "free", available: "300", drawn: "300" });
    expect(drawOf(plan.draws, "cdn")).toEqual({ pool: "free", available: "0", drawn: "0" });
    expect(plan.pools).toEqual([
      {
        id: "free",
        name: "Pool free",
        quantity: "1000",
        // A line that drew nothing is left out of the pool's list.
        drawn: [
          { line: "egress[eu]", quantity: "700" },
          { line: "egress[na]", quantity: "300" },
        ],
        remaining: "0",
      },
    ]);
  });

  it("follows the pool's charge order, not the order of the lines", () => {
    // [cdn, egress]: cdn draws 200 of 250 first (50 left), egress then 50 of 700.
    const plan = planAllowanceDraws(
      [pool("free", "250", ["cdn", "egress"])],
      [line("egress", "egress", "700"), line("cdn", "cdn", "200")],
    );
    expect(drawOf(plan.draws, "cdn")?.drawn).toBe("200");
    expect(drawOf(plan.draws, "egress")).toEqual({ pool: "free", available: "50", drawn: "50" });
    expect(plan.pools[0]?.remaining).toBe("0");
  });

  it("leaves what a smaller usage does not take in the pool", () => {
    // 1,000 − 120.5 − 0.25 = 879.25
    const plan = planAllowanceDraws(
      [pool("free", "1000", ["a", "b"])],
      [line("a", "a", "120.5"), line("b", "b", "0.25")],
    );
    expect(plan.pools[0]?.remaining).toBe("879.25");
    expect(plan.pools[0]?.drawn).toEqual([
      { line: "a", quantity: "120.5" },
      { line: "b", quantity: "0.25" },
    ]);
  });

  it("draws nothing for a negative quantity, so the pool never grows", () => {
    // a: −40 draws 0 (100 left, not 140); b: 150 draws 100.
    const plan = planAllowanceDraws(
      [pool("free", "100", ["a", "b"])],
      [line("a", "a", "-40"), line("b", "b", "150")],
    );
    expect(drawOf(plan.draws, "a")).toEqual({ pool: "free", available: "100", drawn: "0" });
    expect(drawOf(plan.draws, "b")).toEqual({ pool: "free", available: "100", drawn: "100" });
    expect(plan.pools[0]?.drawn).toEqual([{ line: "b", quantity: "100" }]);
  });

  it("ignores a line without a usage step (nothing measured for a pool to reduce)", () => {
    const plan = planAllowanceDraws(
      [pool("free", "100", ["a"])],
      [line("a", "a", "30", [feeStep]), line("a[x]", "a", "20")],
    );
    expect(plan.draws.has("a")).toBe(false);
    expect(drawOf(plan.draws, "a[x]")?.drawn).toBe("20");
    expect(plan.pools[0]?.remaining).toBe("80");
  });

  it("keeps pools apart and gives lines of charges in no pool no draw", () => {
    const plan = planAllowanceDraws(
      [pool("p1", "10", ["a"]), pool("p2", "5", ["b"])],
      [line("a", "a", "4"), line("b", "b", "9"), line("c", "c", "7")],
    );
    expect(drawOf(plan.draws, "a")).toEqual({ pool: "p1", available: "10", drawn: "4" });
    expect(drawOf(plan.draws, "b")).toEqual({ pool: "p2", available: "5", drawn: "5" });
    expect(plan.draws.has("c")).toBe(false);
    expect(plan.pools.map((applied) => applied.remaining)).toEqual(["6", "0"]);
  });

  it("orders line ids by code unit, so upper case comes before lower case in every locale", () => {
    // "B" (66) < "a" (97): line "x[B]" draws first and takes all 5.
    const plan = planAllowanceDraws(
      [pool("free", "5", ["x"])],
      [line("x[a]", "x", "5"), line("x[B]", "x", "5")],
    );
    expect(drawOf(plan.draws, "x[B]")?.drawn).toBe("5");
    expect(drawOf(plan.draws, "x[a]")?.drawn).toBe("0");
  });

  it("gives a pool of charges without lines its whole quantity back", () => {
    const plan = planAllowanceDraws([pool("free", "42", ["idle"])], []);
    expect(plan.pools).toEqual([
      { id: "free", name: "Pool free", quantity: "42", drawn: [], remaining: "42" },
    ]);
    expect(plan.draws.size).toBe(0);
  });
});

describe("planAllowanceDraws: laws", () => {
  it("draws min(quantity, available) per line, and drawn + remaining = the pool", () => {
    const quantity = fc.integer({ min: -50, max: 500 }).map(String);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.tuple(fc.constantFrom("a", "b", "c"), quantity), { maxLength: 8 }),
        (size, entries) => {
          const lines = entries.map(([charge, q], index) => line(`${charge}[${index}]`, charge, q));
          const plan = planAllowanceDraws([pool("p", String(size), ["a", "b", "c"])], lines);
          let total = new Decimal(0);
          for (const planned of lines) {
            const draw = plan.draws.get(planned.id)!;
            const billable = d(planned.quantity);
            const expected = billable.isNegative() ? d(0) : Decimal.min(billable, draw.available);
            expect(draw.drawn.equals(expected)).toBe(true);
            total = total.plus(draw.drawn);
          }
          expect(total.plus(plan.pools[0]!.remaining).equals(size)).toBe(true);
          expect(d(plan.pools[0]!.remaining).isNegative()).toBe(false);
        },
      ),
    );
  });
});
