import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contractSchema } from "../../src/contracts/contract.js";
import { parseContract } from "../../src/contracts/index.js";
import { isRatecardError } from "../../src/errors/index.js";
import { choiceHint } from "../../src/schema/choiceHint.js";
import { closestChoice } from "../../src/schema/closestChoice.js";
import { fieldsAt } from "../../src/schema/fieldsAt.js";
import { buildContractJson } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

const CADENCES = ["daily", "weekly", "monthly", "quarterly", "annual"];

describe("closestChoice", () => {
  it("finds a choice written in another case or with underscores", () => {
    expect(closestChoice("unit_price", ["unitPrice", "quantity"])).toBe("unitPrice");
    expect(closestChoice("UNIQUE_COUNT", ["sum", "unique_count"])).toBe("unique_count");
  });

  it("finds a choice the text begins, or that begins the text", () => {
    expect(closestChoice("quarter", CADENCES)).toBe("quarterly");
    expect(closestChoice("maximum", ["min", "max", "sum"])).toBe("max");
  });

  it("finds a choice one edit away (two for a long one)", () => {
    // graduatd → graduated: one letter left out; tierd_package → tiered_package: one.
    expect(closestChoice("graduatd", ["graduated", "volume"])).toBe("graduated");
    // monthy → monthly: one insertion, within one edit for a 7-letter word.
    expect(closestChoice("monthy", CADENCES)).toBe("monthly");
  });

  it("guesses nothing when no choice is close, or two are equally close", () => {
    expect(closestChoice("hourly", CADENCES)).toBeUndefined();
    // "mi" begins both "min" and "minute": no guess between the two.
    expect(closestChoice("mi", ["min", "minute"])).toBeUndefined();
    expect(closestChoice("", CADENCES)).toBeUndefined();
  });

  it("only ever answers one of the choices, and a choice itself with itself", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 6 }),
        (found, choices) => {
          const meant = closestChoice(found, choices);
          if (meant !== undefined) expect(choices).toContain(meant);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,10}$/), { minLength: 1, maxLength: 6 }),
        (choices) => {
          for (const choice of choices) expect(closestChoice(choice, choices)).toBe(choice);
        },
      ),
    );
  });
});

describe("fieldsAt", () => {
  it("lists the fields of the object at a path, through arrays, optionals and every option of a union", () => {
    // A tier of any tiered price model: upTo, unitPrice and flatFee at least (contracts.md, tiers).
    expect(fieldsAt(contractSchema, ["charges", 0, "price", "tiers", 0])).toEqual(
      expect.arrayContaining(["flatFee", "unitPrice", "upTo"]),
    );
    expect(fieldsAt(contractSchema, ["billing"])).toEqual(expect.arrayContaining(["anchorDay", "cadence"]));
    expect(fieldsAt(contractSchema, ["no_such_field"])).toEqual([]);
  });
});

describe("choiceHint", () => {
  const otherNames = [{ name: "per_unit", whose: "Stripe's billing_scheme", choice: "unit" }];

  it("names ratecard's choice for another system's name, in any case", () => {
    expect(choiceHint("PER_UNIT", ["flat", "unit"], otherNames)).toBe(
      `"PER_UNIT" is Stripe's billing_scheme; ratecard writes it "unit"`,
    );
  });

  it("says what each choice means when one name stands for several", () => {
    const tiered = [
      { name: "tiered", whose: "theirs", choice: "graduated", meaning: "each tier prices its own units" },
      { name: "tiered", whose: "theirs", choice: "volume", meaning: "the tier reached prices every unit" },
    ];
    expect(choiceHint("tiered", ["graduated", "volume"], tiered)).toBe(
      `"tiered" is theirs; ratecard writes it "graduated" (each tier prices its own units) or "volume" (the tier reached prices every unit)`,
    );
  });

  it("says nothing for a valid choice or a value that is not text", () => {
    expect(choiceHint("unit", ["unit"], otherNames)).toBeUndefined();
    expect(choiceHint(95, ["unit"], otherNames)).toBeUndefined();
  });
});

// A contract written from another billing system's habits: each mistake's problem names what ratecard
// expects and what the value most likely meant.
describe("a contract's problems say what a mistyped or foreign name meant", () => {
  // The default test contract (a unit-priced charge on a sum meter), changed by the test as a user would.
  type Editable = {
    billing: Record<string, unknown>;
    meters: [Record<string, unknown>, ...Record<string, unknown>[]];
    charges: [Record<string, unknown> & { price: Record<string, unknown> }];
    credits?: Record<string, unknown>[];
  };
  const problems = (change: (json: Editable) => void) => {
    const json = buildContractJson() as unknown as Editable;
    change(json);
    const error = thrown(() => parseContract(json));
    if (!isRatecardError(error)) throw new Error("expected a ratecard error");
    return (error.details as { problems: { path: string; message: string }[] }).problems;
  };
  const messageAt = (list: { path: string; message: string }[], path: string) =>
    list.find((problem) => problem.path === path)?.message;

  it("a cadence cut short", () => {
    const list = problems((json) => {
      json.billing.cadence = "quarter";
    });
    expect(messageAt(list, "billing.cadence")).toMatch(/not the text "quarter"; did you mean "quarterly"\?$/);
  });

  it("Stripe's per_unit and Orb's bulk as price models", () => {
    expect(
      messageAt(
        problems((json) => {
          json.charges[0].price.model = "per_unit";
        }),
        "charges[0].price.model",
      ),
    ).toMatch(/; "per_unit" is Stripe's billing_scheme; ratecard writes it "unit"$/);
    expect(
      messageAt(
        problems((json) => {
          json.charges[0].price.model = "bulk";
        }),
        "charges[0].price.model",
      ),
    ).toMatch(/; "bulk" is Orb's name; ratecard writes it "volume"$/);
  });

  it("tiered, which is graduated or volume", () => {
    const message = messageAt(
      problems((json) => {
        json.charges[0].price.model = "tiered";
      }),
      "charges[0].price.model",
    );
    expect(message).toContain(`ratecard writes it "graduated" (each tier prices its own units) or "volume"`);
  });

  it("SQL's count_distinct, a filter written eq, and a snake_case field", () => {
    const list = problems((json) => {
      json.meters[0].aggregation = "count_distinct";
      json.meters.push({
        id: "eu",
        eventType: "gb",
        aggregation: "sum",
        valueProperty: "gb",
        filters: [{ property: "region", op: "eq", value: "eu" }],
      });
      json.charges[0].price = { model: "unit", unit_price: "1" };
    });
    expect(messageAt(list, "meters[0].aggregation")).toMatch(/ratecard writes it "unique_count"$/);
    expect(messageAt(list, "meters[1].filters[0].op")).toMatch(
      /"eq" is a short form of the operator; ratecard writes it "equals"$/,
    );
    expect(messageAt(list, "charges[0].price.unit_price")).toContain(`did you mean "unitPrice"?`);
  });

  it("Stripe's tier fields, optional or required, are told ratecard's (up_to, unit_amount, flat_amount)", () => {
    const list = problems((json) => {
      json.charges[0].price = {
        model: "graduated",
        tiers: [{ up_to: "100", unit_amount: "1", flat_amount: "5" }, { unitPrice: "0.5" }],
      };
    });
    // upTo and flatFee are optional, so only the schema knows them; unitPrice is also left out (required).
    expect(messageAt(list, "charges[0].price.tiers[0].up_to")).toContain(`did you mean "upTo"?`);
    expect(messageAt(list, "charges[0].price.tiers[0].unit_amount")).toContain(`did you mean "unitPrice"?`);
    expect(messageAt(list, "charges[0].price.tiers[0].flat_amount")).toContain(`did you mean "flatFee"?`);
  });

  it("a credit grant's window as other systems write it is told ratecard's (effective, expires)", () => {
    // Failed before: "credits[0].starts is not a field ratecard knows here; check the spelling".
    const list = problems((json) => {
      json.credits = [
        { id: "a", name: "A", kind: "promotional", amount: "10", priority: 1, starts: "2026-01-01" },
        {
          id: "b",
          name: "B",
          kind: "promotional",
          amount: "10",
          priority: 2,
          starting_at: "2026-01-01",
          ending_before: "2027-01-01",
        },
        {
          id: "c",
          name: "C",
          kind: "promotional",
          amount: "10",
          priority: 3,
          effective_date: "2026-01-01",
          expiry_date: "2027-01-01",
        },
      ];
    });
    expect(messageAt(list, "credits[0].starts")).toContain(`did you mean "effective"?`);
    expect(messageAt(list, "credits[1].starting_at")).toContain(`did you mean "effective"?`);
    expect(messageAt(list, "credits[1].ending_before")).toContain(`did you mean "expires"?`);
    expect(messageAt(list, "credits[2].effective_date")).toContain(`did you mean "effective"?`);
    expect(messageAt(list, "credits[2].expiry_date")).toContain(`did you mean "expires"?`);
  });

  it("never suggests a field the object already has", () => {
    // "name" is taken; "nam" is one edit from it, but the charge has a name, so no guess.
    const list = problems((json) => {
      json.charges[0].nam = "Use";
    });
    expect(messageAt(list, "charges[0].nam")).toContain("check the spelling");
  });

  it("an unknown field with no close field left out is only told to check the spelling", () => {
    const list = problems((json) => {
      json.charges[0].colour = "blue";
    });
    expect(messageAt(list, "charges[0].colour")).toContain("check the spelling");
  });

  it("a sentence of its own after a path reads after a colon", () => {
    const list = problems((json) => {
      json.meters[0] = {
        id: "gb",
        eventType: "gb",
        aggregation: "percentile",
        valueProperty: "gb",
        percentile: { rank: "95" },
      };
    });
    expect(messageAt(list, "meters[0].window")).toMatch(
      /^meters\[0\]\.window: a percentile meter ranks window samples/,
    );
  });
});
