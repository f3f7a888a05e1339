import { describe, expect, it } from "vitest";
import { parseContract, safeParseContract } from "../../src/contracts/index.js";
import { ContractError } from "../../src/errors/index.js";
import { Decimal } from "../../src/money/index.js";
import { priceSchema } from "../../src/pricing/index.js";
import type { InputProblem } from "../../src/schema/index.js";

// A contract with three meters and one charge; each test swaps in the charge it is about.
function contractWith(...charges: unknown[]) {
  return {
    schemaVersion: 1,
    id: "ctr_models",
    customer: { id: "cus_a" },
    currency: "USD",
    timeZone: "UTC",
    billing: { cadence: "monthly" },
    term: { start: "2026-01-01" },
    meters: [
      { id: "gb", eventType: "cdn.bandwidth", aggregation: "sum", valueProperty: "gb" },
      { id: "requests", eventType: "api.request", aggregation: "count" },
      { id: "payments", eventType: "payment", aggregation: "sum", valueProperty: "amount" },
    ],
    charges,
  };
}
const charge = (price: unknown, extra: Record<string, unknown> = {}) => ({
  id: "c",
  name: "Charge",
  meter: "gb",
  price,
  ...extra,
});

/** The error safeParseContract returns (failing the test if the contract is accepted). */
function failure(input: unknown): ContractError {
  const result = safeParseContract(input);
  if (result.success) throw new Error("expected the contract to be refused");
  expect(result.error).toBeInstanceOf(ContractError);
  return result.error;
}
const problems = (error: ContractError) =>
  (error.details.problems as ReadonlyArray<InputProblem>).map(({ code, path }) => ({ code, path }));
/** The one problem of a contract refused for exactly one reason. */
const onlyProblem = (price: unknown, extra: Record<string, unknown> = {}) => {
  const error = failure(contractWith(charge(price, extra)));
  expect(problems(error)).toHaveLength(1);
  return { code: error.code, path: error.path };
};
/**
 * The leading problem of a refused contract. Used where a value breaks its own field's rule and is also
 * negative: the contract-level sign check then reports it a second time as negative_price at the same path.
 */
const leadingProblem = (price: unknown, extra: Record<string, unknown> = {}) => {
  const error = failure(contractWith(charge(price, extra)));
  return { code: error.code, path: error.path };
};
const accepted = (price: unknown, extra: Record<string, unknown> = {}) =>
  parseContract(contractWith(charge(price, extra))).charges[0]!;

describe("schema: tiered package", () => {
  const tiers = [
    { upTo: "1000", packageSize: "100", packagePrice: "5" },
    { packageSize: "500", packagePrice: "20" },
  ];

  it("accepts graduated and volume modes with decimal terms", () => {
    for (const mode of ["graduated", "volume"]) {
      const parsed = accepted({ model: "tiered_package", mode, tiers });
      expect(parsed.price).toMatchObject({ model: "tiered_package", mode });
    }
  });

  it("requires a mode", () => {
    expect(onlyProblem({ model: "tiered_package", tiers })).toEqual({
      code: "missing_field",
      path: "charges[0].price.mode",
    });
  });

  it("refuses a zero block size", () => {
    const zero = [{ ...tiers[0], packageSize: "0" }, tiers[1]];
    expect(leadingProblem({ model: "tiered_package", mode: "volume", tiers: zero })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.tiers[0].packageSize",
    });
  });

  it("refuses a bounded tier that is not a whole number of its blocks, at that tier's upTo", () => {
    // tier 1: 1,000 = 10 blocks of 100 (fine); tier 2: 1,250 − 1,000 = 250, not a multiple of 500
    const straddling = [
      tiers[0],
      { upTo: "1250", packageSize: "500", packagePrice: "20" },
      { packageSize: "10", packagePrice: "1" },
    ];
    expect(onlyProblem({ model: "tiered_package", mode: "graduated", tiers: straddling })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.tiers[1].upTo",
    });
    // tier 2 up to 1,500: 500 = 1 block of 500 (fine); fractional widths work too: 0.5 in blocks of 0.25
    accepted({
      model: "tiered_package",
      mode: "graduated",
      tiers: [tiers[0], { upTo: "1500", packageSize: "500", packagePrice: "20" }, tiers[1]],
    });
    accepted({
      model: "tiered_package",
      mode: "volume",
      tiers: [{ upTo: "0.5", packageSize: "0.25", packagePrice: "1" }, tiers[1]],
    });
  });

  it("checks its tier bounds like every tiered model", () => {
    const descending = [tiers[0], { upTo: "1000", packageSize: "10", packagePrice: "1" }, tiers[1]];
    expect(onlyProblem({ model: "tiered_package", mode: "graduated", tiers: descending })).toEqual({
      code: "tier_up_to_not_increasing",
      path: "charges[0].price.tiers[1].upTo",
    });
  });
});

describe("schema: percentage", () => {
  it("accepts a rate in percent or in basis points, with every option", () => {
    const parsed = accepted(
      {
        model: "percentage",
        basisPoints: "290",
        fixedFee: "0.30",
        minimumPerEvent: "0.50",
        maximumPerEvent: "5",
        freeEvents: 10,
        freeAmount: "1000",
      },
      { meter: "payments" },
    );
    expect(parsed.price).toMatchObject({ model: "percentage", freeEvents: 10 });
    if (parsed.price.model !== "percentage") throw new Error("expected a percentage price");
    expect(parsed.price.basisPoints?.equals(290)).toBe(true);
    expect(accepted({ model: "percentage", percent: "2.9" }).price).toMatchObject({ model: "percentage" });
  });

  it("needs exactly one of percent and basisPoints", () => {
    const expected = { code: "invalid_field", path: "charges[0].price.percent" };
    expect(onlyProblem({ model: "percentage" })).toEqual(expected);
    expect(onlyProblem({ model: "percentage", percent: "2.9", basisPoints: "290" })).toEqual(expected);
  });

  it("refuses a negative rate", () => {
    expect(leadingProblem({ model: "percentage", percent: "-1" })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.percent",
    });
  });

  it("refuses a maximum per event below the minimum per event", () => {
    expect(
      onlyProblem({ model: "percentage", percent: "1", minimumPerEvent: "2", maximumPerEvent: "1" }),
    ).toEqual({
      code: "invalid_field",
      path: "charges[0].price.maximumPerEvent",
    });
  });

  it("accepts a maximum per event equal to the minimum", () => {
    expect(
      accepted({ model: "percentage", percent: "1", minimumPerEvent: "2", maximumPerEvent: "2" }).id,
    ).toBe("c");
  });

  it("refuses a fractional or negative number of free events and a negative free amount", () => {
    expect(onlyProblem({ model: "percentage", percent: "1", freeEvents: 1.5 })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.freeEvents",
    });
    expect(onlyProblem({ model: "percentage", percent: "1", freeEvents: -1 })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.freeEvents",
    });
    expect(leadingProblem({ model: "percentage", percent: "1", freeAmount: "-10" })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.freeAmount",
    });
  });

  it("refuses a negative fixed fee unless the charge is a credit", () => {
    expect(onlyProblem({ model: "percentage", percent: "1", fixedFee: "-0.30" })).toEqual({
      code: "negative_price",
      path: "charges[0].price.fixedFee",
    });
    expect(accepted({ model: "percentage", percent: "1", fixedFee: "-0.30" }, { credit: true }).credit).toBe(
      true,
    );
  });

  it("needs a meter", () => {
    const error = failure(
      contractWith({ id: "c", name: "Charge", price: { model: "percentage", percent: "1" } }),
    );
    expect({ code: error.code, path: error.path }).toEqual({
      code: "missing_field",
      path: "charges[0].meter",
    });
  });
});

describe("schema: graduated percentage, threshold, tiered with minimum, dynamic", () => {
  it("accepts each of them", () => {
    accepted({
      model: "graduated_percentage",
      tiers: [{ upTo: "10000", percent: "2", flatFee: "1" }, { percent: "1.5" }],
    });
    accepted({ model: "threshold", bands: [{ upTo: "10", amount: "49" }, { amount: "199" }] });
    accepted({
      model: "tiered_with_minimum",
      tiers: [{ upTo: "1000", unitPrice: "0.1", minimum: "50" }, { unitPrice: "0.08" }],
    });
    accepted({ model: "dynamic" });
    accepted({ model: "dynamic", multiplier: "1.2" });
  });

  it("accepts flatFeeAtZeroUsage on threshold and tiered_with_minimum, but not on dynamic", () => {
    accepted({ model: "threshold", bands: [{ amount: "49" }], flatFeeAtZeroUsage: false });
    accepted({
      model: "tiered_with_minimum",
      tiers: [{ unitPrice: "1", minimum: "5" }],
      flatFeeAtZeroUsage: false,
    });
    expect(onlyProblem({ model: "dynamic", flatFeeAtZeroUsage: false })).toEqual({
      code: "unknown_field",
      path: "charges[0].price.flatFeeAtZeroUsage",
    });
  });

  it("refuses a negative percent in a tier", () => {
    expect(leadingProblem({ model: "graduated_percentage", tiers: [{ percent: "-2" }] })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.tiers[0].percent",
    });
  });

  it("needs an unbounded last band", () => {
    expect(
      onlyProblem({
        model: "threshold",
        bands: [
          { upTo: "10", amount: "49" },
          { upTo: "50", amount: "199" },
        ],
      }),
    ).toEqual({
      code: "last_tier_must_be_unbounded",
      path: "charges[0].price.bands[1].upTo",
    });
  });

  it("refuses negative band amounts, tier minimums and multipliers unless the charge is a credit", () => {
    expect(onlyProblem({ model: "threshold", bands: [{ amount: "-49" }] })).toEqual({
      code: "negative_price",
      path: "charges[0].price.bands[0].amount",
    });
    expect(onlyProblem({ model: "tiered_with_minimum", tiers: [{ unitPrice: "1", minimum: "-5" }] })).toEqual(
      {
        code: "negative_price",
        path: "charges[0].price.tiers[0].minimum",
      },
    );
    expect(onlyProblem({ model: "dynamic", multiplier: "-1" })).toEqual({
      code: "negative_price",
      path: "charges[0].price.multiplier",
    });
    expect(accepted({ model: "dynamic", multiplier: "-1" }, { credit: true }).price).toMatchObject({
      model: "dynamic",
    });
  });
});

describe("schema: capacity", () => {
  const tiers = [
    {
      limits: [
        { meter: "gb", max: "100" },
        { meter: "requests", max: "1000000" },
      ],
      amount: "20",
    },
    { limits: [{ meter: "gb", max: "1000" }], amount: "150" },
    { amount: "900" },
  ];

  it("accepts limits on any of the contract's meters and an unlimited last tier", () => {
    expect(accepted({ model: "capacity", tiers }).price).toMatchObject({ model: "capacity" });
  });

  it("refuses a limit on a meter the contract does not define, at the limit's meter", () => {
    const unknown = [
      tiers[0],
      {
        limits: [
          { meter: "gb", max: "1000" },
          { meter: "seats", max: "10" },
        ],
        amount: "150",
      },
    ];
    expect(onlyProblem({ model: "capacity", tiers: unknown })).toEqual({
      code: "unknown_meter",
      path: "charges[0].price.tiers[1].limits[1].meter",
    });
  });

  it("lets only the last tier go without limits", () => {
    expect(onlyProblem({ model: "capacity", tiers: [{ amount: "20" }, { amount: "150" }] })).toEqual({
      code: "only_last_tier_unbounded",
      path: "charges[0].price.tiers[0].limits",
    });
  });

  it("needs at least one tier", () => {
    expect(onlyProblem({ model: "capacity", tiers: [] })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.tiers",
    });
  });

  it("refuses a negative limit and a negative amount", () => {
    expect(
      leadingProblem({
        model: "capacity",
        tiers: [{ limits: [{ meter: "gb", max: "-1" }], amount: "1" }, { amount: "2" }],
      }),
    ).toEqual({
      code: "invalid_field",
      path: "charges[0].price.tiers[0].limits[0].max",
    });
    expect(onlyProblem({ model: "capacity", tiers: [{ amount: "-20" }] })).toEqual({
      code: "negative_price",
      path: "charges[0].price.tiers[0].amount",
    });
  });

  it("refuses a transform, since the limits read the meters as measured", () => {
    expect(onlyProblem({ model: "capacity", tiers }, { transform: { divideBy: "1000" } })).toEqual({
      code: "invalid_field",
      path: "charges[0].transform",
    });
  });

  it("accepts flatFeeAtZeroUsage", () => {
    expect(accepted({ model: "capacity", tiers, flatFeeAtZeroUsage: false }).price).toMatchObject({
      flatFeeAtZeroUsage: false,
    });
  });

  it("is not allowed as a matrix cell", () => {
    const cell = { match: { region: "na" }, price: { model: "capacity", tiers: [{ amount: "1" }] } };
    expect(onlyProblem({ model: "matrix", dimensions: ["region"], cells: [cell] })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.cells[0].price.model",
    });
  });
});

describe("schema: matrix", () => {
  const unit = (unitPrice: string) => ({ model: "unit", unitPrice });
  const matrix = (cells: unknown[], extra: Record<string, unknown> = {}) => ({
    model: "matrix",
    dimensions: ["region", "service"],
    cells,
    ...extra,
  });

  it("accepts cells that give exactly the dimensions, in any key order, and a default", () => {
    const parsed = accepted(
      matrix(
        [
          { match: { region: "na", service: "http" }, price: unit("0.08") },
          { match: { service: "http", region: "eu" }, price: unit("0.06") },
          { match: { region: "na", service: 2 }, price: unit("0.07") },
        ],
        { defaultPrice: unit("0.10"), onUnpriced: "warn" },
      ),
    );
    expect(parsed.price).toMatchObject({ model: "matrix", onUnpriced: "warn" });
  });

  it("refuses a cell missing a dimension or naming one the matrix does not have", () => {
    const error = failure(
      contractWith(
        charge(
          matrix([
            { match: { region: "na" }, price: unit("1") },
            { match: { region: "na", service: "http", tier: "gold" }, price: unit("1") },
          ]),
        ),
      ),
    );
    expect(problems(error)).toEqual([
      { code: "invalid_field", path: "charges[0].price.cells[0].match" },
      { code: "invalid_field", path: "charges[0].price.cells[1].match" },
    ]);
  });

  it("refuses a cell repeating an earlier cell's combination, at the repeat", () => {
    const repeated = matrix([
      { match: { region: "na", service: "http" }, price: unit("1") },
      { match: { region: "eu", service: "http" }, price: unit("1") },
      { match: { service: "http", region: "na" }, price: unit("2") },
    ]);
    expect(onlyProblem(repeated)).toEqual({ code: "duplicate_id", path: "charges[0].price.cells[2].match" });
  });

  it("tells a number from the same digits as text when looking for repeats", () => {
    // { service: 2 } and { service: "2" } are different combinations: events carry either.
    accepted(
      matrix([
        { match: { region: "na", service: 2 }, price: unit("1") },
        { match: { region: "na", service: "2" }, price: unit("1") },
      ]),
    );
  });

  it("needs at least one dimension and no repeated dimension", () => {
    expect(onlyProblem({ model: "matrix", dimensions: [], cells: [] })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.dimensions",
    });
    expect(onlyProblem({ model: "matrix", dimensions: ["region", "region"], cells: [] })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.dimensions",
    });
  });

  it("refuses a matrix or grouped price inside a cell", () => {
    const nested = { model: "grouped", groupBy: ["project"], price: unit("1") };
    expect(onlyProblem(matrix([{ match: { region: "na", service: "http" }, price: nested }]))).toEqual({
      code: "invalid_field",
      path: "charges[0].price.cells[0].price.model",
    });
  });

  it("refuses a negative cell or default price at its exact path unless the charge is a credit", () => {
    const cells = [
      { match: { region: "na", service: "http" }, price: unit("1") },
      { match: { region: "eu", service: "http" }, price: unit("-1") },
    ];
    expect(onlyProblem(matrix(cells))).toEqual({
      code: "negative_price",
      path: "charges[0].price.cells[1].price.unitPrice",
    });
    expect(onlyProblem(matrix([], { defaultPrice: unit("-0.1") }))).toEqual({
      code: "negative_price",
      path: "charges[0].price.defaultPrice.unitPrice",
    });
    expect(accepted(matrix(cells), { credit: true }).credit).toBe(true);
  });

  it("refuses an onUnpriced other than error or warn", () => {
    expect(onlyProblem(matrix([], { onUnpriced: "ignore" }))).toEqual({
      code: "invalid_field",
      path: "charges[0].price.onUnpriced",
    });
  });
});

describe("schema: matrix and grouped charges take a maximum per group line, no charge-wide minimum", () => {
  const grouped = { model: "grouped", groupBy: ["project"], price: { model: "unit", unitPrice: "1" } };
  const matrix = {
    model: "matrix",
    dimensions: ["region"],
    cells: [],
    defaultPrice: { model: "unit", unitPrice: "1" },
  };

  it("refuses a minimum on a grouped or matrix charge, at the field", () => {
    expect(onlyProblem(grouped, { minimum: "100" })).toEqual({
      code: "invalid_field",
      path: "charges[0].minimum",
    });
    expect(onlyProblem(matrix, { minimum: "100" })).toEqual({
      code: "invalid_field",
      path: "charges[0].minimum",
    });
  });

  it("accepts a maximum on a grouped or matrix charge (applied to each group's line)", () => {
    expect(accepted(grouped, { maximum: "5" }).maximum?.toFixed()).toBe("5");
    expect(accepted(matrix, { maximum: "100" }).maximum?.toFixed()).toBe("100");
  });

  it("still accepts a transform on them (applied to each group's line)", () => {
    expect(accepted(grouped, { transform: { included: "1000" } }).transform?.included?.equals(1000)).toBe(
      true,
    );
  });
});

describe("schema: grouped", () => {
  it("accepts one simple price grouped by event properties", () => {
    const parsed = accepted({
      model: "grouped",
      groupBy: ["project", "region"],
      price: { model: "unit", unitPrice: "1" },
    });
    expect(parsed.price).toMatchObject({ model: "grouped", groupBy: ["project", "region"] });
  });

  it("needs at least one property to group by", () => {
    expect(onlyProblem({ model: "grouped", groupBy: [], price: { model: "unit", unitPrice: "1" } })).toEqual({
      code: "invalid_field",
      path: "charges[0].price.groupBy",
    });
  });

  it("refuses a capacity price inside", () => {
    expect(
      onlyProblem({
        model: "grouped",
        groupBy: ["p"],
        price: { model: "capacity", tiers: [{ amount: "1" }] },
      }),
    ).toEqual({
      code: "invalid_field",
      path: "charges[0].price.price.model",
    });
  });
});

describe("schema: credit charges and negative prices", () => {
  const rebate = { model: "graduated", tiers: [{ upTo: "10", unitPrice: "1" }, { unitPrice: "-0.5" }] };

  it("refuses a negative price at its exact path when the charge is not a credit", () => {
    expect(onlyProblem(rebate)).toEqual({
      code: "negative_price",
      path: "charges[0].price.tiers[1].unitPrice",
    });
  });

  it("refuses it the same way with credit: false", () => {
    expect(onlyProblem(rebate, { credit: false })).toEqual({
      code: "negative_price",
      path: "charges[0].price.tiers[1].unitPrice",
    });
  });

  it("accepts negative prices on a credit charge", () => {
    const parsed = accepted(rebate, { credit: true });
    if (parsed.price.model !== "graduated") throw new Error("expected a graduated price");
    expect(parsed.price.tiers[1]!.unitPrice.equals(new Decimal("-0.5"))).toBe(true);
  });

  it("treats -0 as zero, not as a negative price", () => {
    expect(accepted({ model: "unit", unitPrice: "-0" }).id).toBe("c");
  });
});

describe("schema: charge transform and line limits", () => {
  const unit = { model: "unit", unitPrice: "1" };

  it("accepts divideBy, included, round and unit", () => {
    const parsed = accepted(unit, {
      transform: { divideBy: "1000000000", included: "1", round: "up", unit: "GB" },
    });
    expect(parsed.transform?.unit).toBe("GB");
    expect(parsed.transform?.divideBy?.equals(1e9)).toBe(true);
    expect(parsed.transform?.round).toBe("up");
  });

  it("refuses a zero divisor, a negative allowance and an unknown rounding", () => {
    expect(onlyProblem(unit, { transform: { divideBy: "0" } })).toEqual({
      code: "invalid_field",
      path: "charges[0].transform.divideBy",
    });
    expect(onlyProblem(unit, { transform: { included: "-1" } })).toEqual({
      code: "invalid_field",
      path: "charges[0].transform.included",
    });
    expect(onlyProblem(unit, { transform: { round: "nearest" } })).toEqual({
      code: "invalid_field",
      path: "charges[0].transform.round",
    });
  });

  it("refuses a divisor whose quotients need not end unless the transform rounds them", () => {
    // 1,200 s ÷ 3,600 = 0.333…: carried to 50 digits, 0.333… × $0.03 came to $0.0099999…9, billed $0.00
    // rounded down where the amount is $0.01 exactly; rounded, the quantity is exact
    for (const transform of [{ divideBy: "3600" }, { divideBy: "3600", round: "none" }, { divideBy: "30" }])
      expect(onlyProblem(unit, { transform })).toEqual({
        code: "invalid_field",
        path: "charges[0].transform.divideBy",
      });
    // 1 ÷ 1,024 = 0.0009765625 and 1 ÷ 0.5 = 2 end; a rounding makes any quotient exact
    for (const transform of [
      { divideBy: "1024" },
      { divideBy: "0.5" },
      { divideBy: "1e9" },
      { divideBy: "3600", round: "up" },
      { divideBy: "3600", round: { mode: "half_even", decimals: 6 } },
    ])
      expect(accepted(unit, { transform }).transform?.divideBy?.isPositive()).toBe(true);
  });

  it("refuses a negative minimum or maximum unless the charge is a credit", () => {
    // maximum −5 would cap every line at −5.00: a negative bill from a charge that is not a credit
    expect(onlyProblem(unit, { maximum: "-5" })).toEqual({
      code: "negative_price",
      path: "charges[0].maximum",
    });
    expect(onlyProblem(unit, { minimum: "-5" })).toEqual({
      code: "negative_price",
      path: "charges[0].minimum",
    });
    expect(
      accepted({ model: "unit", unitPrice: "-0.02" }, { credit: true, minimum: "-10" }).minimum?.equals(-10),
    ).toBe(true);
  });

  it("refuses a maximum below the minimum, at the maximum", () => {
    expect(onlyProblem(unit, { minimum: "100", maximum: "50" })).toEqual({
      code: "invalid_field",
      path: "charges[0].maximum",
    });
  });

  it("accepts a maximum equal to the minimum", () => {
    expect(accepted(unit, { minimum: "50", maximum: "50" }).maximum?.equals(50)).toBe(true);
  });
});

describe("schema: priceSchema on its own", () => {
  it("parses any model's terms into Decimals", () => {
    const parsed = priceSchema.parse({
      model: "tiered_package",
      mode: "volume",
      tiers: [{ packageSize: "10", packagePrice: "2" }],
    });
    if (parsed.model !== "tiered_package") throw new Error("expected a tiered package");
    expect(parsed.tiers[0]!.packageSize).toBeInstanceOf(Decimal);
  });

  it("refuses an unknown model", () => {
    expect(priceSchema.safeParse({ model: "bogus" }).success).toBe(false);
  });
});

describe("schema: a matrix may group by an event property named meter", () => {
  it("accepts a matrix dimension named meter (an event property, not a meter reference)", () => {
    // "meter" is an ordinary event property name (say, the id of an electricity meter). The unknown_meter
    // check is for meter references (a charge's meter, a capacity limit's meter); a cell's match values are
    // event property values, so { meter: "gpu" } must not be looked up among the contract's meters.
    const result = safeParseContract(
      contractWith(
        charge({
          model: "matrix",
          dimensions: ["meter"],
          cells: [{ match: { meter: "gpu" }, price: { model: "unit", unitPrice: "1" } }],
        }),
      ),
    );
    expect(result.success ? [] : problems(result.error)).toEqual([]);
  });
});

describe("a price that reads each event's amount", () => {
  const percentage = { model: "percentage", percent: "2.9" };
  const problemsOf = (input: unknown) => {
    const result = safeParseContract(input);
    return result.success ? [] : (result.error.details.problems as InputProblem[]);
  };

  it("is refused on a count meter, whose events carry no amount (it priced 1 per event)", () => {
    // before: 2.9 % of 1 per request was billed, as if every request were a 1.00 payment
    const problems = problemsOf(contractWith(charge(percentage, { meter: "requests" })));
    expect(problems).toContainEqual(
      expect.objectContaining({ code: "invalid_field", path: "charges[0].meter" }),
    );
    expect(problems.find((problem) => problem.path === "charges[0].meter")?.message).toContain(
      'meter "requests" reads no value',
    );
  });

  it("is refused on weighted_sum and unique_count meters, in an amendment's charge too", () => {
    const input = {
      ...contractWith(charge({ model: "unit", unitPrice: "1" }, { meter: "payments" })),
      meters: [
        { id: "payments", eventType: "payment", aggregation: "sum", valueProperty: "amount" },
        { id: "level", eventType: "payment", aggregation: "weighted_sum", valueProperty: "amount" },
        { id: "payers", eventType: "payment", aggregation: "unique_count", valueProperty: "payer" },
      ],
      amendments: [
        {
          id: "a",
          effective: "2026-02-01",
          charges: [charge(percentage, { meter: "level" }), charge(percentage, { id: "d", meter: "payers" })],
        },
      ],
    };
    expect(problemsOf(input).map((problem) => problem.path)).toEqual([
      "amendments[0].charges[0].meter",
      "amendments[0].charges[1].meter",
    ]);
  });

  it("is accepted on a sum meter of the transaction amounts", () => {
    expect(problemsOf(contractWith(charge(percentage, { meter: "payments" })))).toEqual([]);
  });
});
