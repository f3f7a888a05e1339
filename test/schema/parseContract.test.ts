import { describe, expect, it } from "vitest";
import { parseContract, safeParseContract } from "../../src/contracts/index.js";
import { ContractError } from "../../src/errors/index.js";
import type { Decimal } from "../../src/money/index.js";
import type { InputProblem } from "../../src/schema/index.js";

// A small but complete contract in the JSON format of fixtures/cdn-basic/contract.json:
// charges[0] graduated bandwidth, charges[1] volume-priced requests, charges[2] a flat platform fee.
function validContract() {
  return {
    schemaVersion: 1,
    id: "ctr_acme_cdn",
    customer: { id: "cus_acme", name: "Acme Edge" },
    currency: "USD",
    timeZone: "America/New_York",
    billing: { cadence: "monthly", alignment: "calendar", anchorDay: 1 },
    term: { start: "2026-01-01", end: "2027-01-01" },
    meters: [
      { id: "bandwidth", eventType: "cdn.bandwidth", aggregation: "sum", valueProperty: "gb", unit: "GB" },
      { id: "requests", eventType: "cdn.request", aggregation: "count" },
    ],
    charges: [
      {
        id: "bandwidth",
        name: "Bandwidth",
        meter: "bandwidth",
        price: {
          model: "graduated",
          tiers: [{ upTo: "10000", unitPrice: "0.08" }, { unitPrice: "0.06" }],
        },
      },
      {
        id: "requests",
        name: "Requests",
        meter: "requests",
        price: {
          model: "volume",
          tiers: [
            { upTo: "1000000", unitPrice: "0.000001" },
            { upTo: "5000000", unitPrice: "0.0000008" },
            { unitPrice: "0.0000005" },
          ],
        },
      },
      { id: "platform_fee", name: "Platform fee", price: { model: "flat", amount: "500.00" } },
    ],
  };
}

type Draft = ReturnType<typeof validContract> & Record<string, unknown>;

/** The valid contract with one change applied (on a fresh copy). */
function changed(change: (draft: Draft) => void): unknown {
  const draft = validContract() as Draft;
  change(draft);
  return draft;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The error safeParseContract returns (failing the test if it succeeds or throws). */
function failure(input: unknown): ContractError {
  const result = safeParseContract(input);
  if (result.success) throw new Error("expected the contract to be refused");
  expect(result.error).toBeInstanceOf(ContractError);
  return result.error;
}

const problemsOf = (error: ContractError) => error.details.problems as ReadonlyArray<InputProblem>;
const codesAndPaths = (error: ContractError) => problemsOf(error).map(({ code, path }) => ({ code, path }));

describe("parseContract: a valid contract", () => {
  it("resolves currency, zone, cycle, term and defaults", () => {
    const contract = parseContract(deepFreeze(validContract()));
    expect(contract.id).toBe("ctr_acme_cdn");
    expect(contract.customer).toEqual({ id: "cus_acme", name: "Acme Edge" });
    // USD has 2 minor units.
    expect(contract.currency).toEqual({ code: "USD", minorUnits: 2 });
    // 2026-01-01 is local midnight in New York, EST (−05:00): 05:00Z.
    expect(contract.term).toEqual({ start: Date.UTC(2026, 0, 1, 5), end: Date.UTC(2027, 0, 1, 5) });
    expect(contract.cycle).toEqual({
      cadence: "monthly",
      alignment: "calendar",
      timeZone: "America/New_York",
      termStart: Date.UTC(2026, 0, 1, 5),
      anchorDay: 1,
    });
    // Not given, so the documented defaults: proration by second, half-even rounding, no metadata.
    expect(contract.proration).toBe("second");
    expect(contract.rounding).toBe("half_even");
    expect(contract.metadata).toEqual({});
    expect(contract.customUnits).toEqual([]);
    expect(contract.charges.map((charge) => charge.id)).toEqual(["bandwidth", "requests", "platform_fee"]);
  });

  it("turns price decimals into exact Decimals", () => {
    const contract = parseContract(validContract());
    const requests = contract.charges[1]!.price;
    if (requests.model !== "volume") throw new Error("expected the volume price");
    // "0.0000008" stays 0.0000008; "1000000" is 1,000,000.
    expect(requests.tiers[1]!.unitPrice.toFixed()).toBe("0.0000008");
    expect(requests.tiers[0]!.upTo?.toFixed()).toBe("1000000");
    const fee = contract.charges[2]!.price;
    if (fee.model !== "flat") throw new Error("expected the flat price");
    // "500.00" has the value 500.
    expect(fee.amount.toFixed()).toBe("500");
  });

  it("parses the smallest contract: one flat charge, no meters, no optional fields", () => {
    const contract = parseContract({
      schemaVersion: 1,
      id: "ctr_min",
      customer: { id: "cus_min" },
      currency: "EUR",
      timeZone: "UTC",
      billing: { cadence: "annual" },
      term: { start: "2026-01-01T00:00:00Z" },
      meters: [],
      charges: [{ id: "fee", name: "Annual fee", price: { model: "flat", amount: "1200" } }],
    });
    expect(contract.customer).toEqual({ id: "cus_min" });
    // The term starts at 2026-01-01T00:00Z and has no end; alignment defaults to calendar.
    expect(contract.term).toEqual({ start: Date.UTC(2026, 0, 1) });
    expect(contract.cycle).toEqual({
      cadence: "annual",
      alignment: "calendar",
      timeZone: "UTC",
      termStart: Date.UTC(2026, 0, 1),
    });
  });

  it("reads a JSON number price through its shortest string, so 0.1 is exactly 0.1", () => {
    const contract = parseContract(
      changed((c) => {
        c.charges[2]!.price = { model: "flat", amount: 0.1 } as never;
      }),
    );
    const fee = contract.charges[2]!.price as { amount: Decimal };
    expect(fee.amount.toFixed()).toBe("0.1");
  });

  it("accepts a custom unit as the contract currency, with its own minor units", () => {
    const contract = parseContract(
      changed((c) => {
        c.currency = "CREDIT";
        c.customUnits = [{ code: "CREDIT", minorUnits: 4 }];
      }),
    );
    expect(contract.currency).toEqual({ code: "CREDIT", minorUnits: 4 });
  });

  it("reads a term given as timestamps with offsets, proration, rounding and metadata", () => {
    const contract = parseContract(
      changed((c) => {
        c.term = { start: "2026-03-15T12:00:00+01:00", end: "2026-09-15T00:00:00Z" };
        c.billing = { cadence: "monthly", alignment: "anniversary", proration: "day" } as never;
        c.rounding = { mode: "half_up" };
        c.metadata = { poNumber: "PO-1" };
      }),
    );
    // 12:00 at +01:00 = 11:00Z.
    expect(contract.term).toEqual({ start: Date.UTC(2026, 2, 15, 11), end: Date.UTC(2026, 8, 15) });
    expect(contract.cycle.alignment).toBe("anniversary");
    expect(contract.proration).toBe("day");
    expect(contract.rounding).toBe("half_up");
    expect(contract.metadata).toEqual({ poNumber: "PO-1" });
  });
});

describe("parseContract: refused contracts, with code and path", () => {
  it("throws a ContractError from parseContract", () => {
    let error: unknown;
    try {
      parseContract(changed((c) => (c.currency = "XYZ")));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: "unknown_currency", path: "currency" });
  });

  it("refuses an unknown field at the top", () => {
    expect(failure(changed((c) => (c.colour = "blue")))).toMatchObject({
      code: "unknown_field",
      path: "colour",
    });
  });

  it("quotes an unknown field name that is not an identifier", () => {
    expect(failure(changed((c) => (c["po-number"] = "PO-1")))).toMatchObject({
      code: "unknown_field",
      path: '["po-number"]',
    });
  });

  it("refuses a misspelt field deep in a price (tirs)", () => {
    const error = failure(
      changed((c) => {
        (c.charges[0]!.price as Record<string, unknown>).tirs = [];
      }),
    );
    expect(error).toMatchObject({ code: "unknown_field", path: "charges[0].price.tirs" });
  });

  it("reports both the misspelt field and the missing one it was meant to be", () => {
    const error = failure(
      changed((c) => {
        const price = c.charges[0]!.price as Record<string, unknown>;
        price.tirs = price.tiers;
        delete price.tiers;
      }),
    );
    expect(codesAndPaths(error)).toEqual(
      expect.arrayContaining([
        { code: "missing_field", path: "charges[0].price.tiers" },
        { code: "unknown_field", path: "charges[0].price.tirs" },
      ]),
    );
  });

  it("refuses tiers whose upTo does not increase", () => {
    const error = failure(
      changed((c) => {
        c.charges[1]!.price.tiers![1]!.upTo = "1000000";
      }),
    );
    // tier 2's upTo (1,000,000) is not greater than tier 1's (1,000,000).
    expect(error).toMatchObject({
      code: "tier_up_to_not_increasing",
      path: "charges[1].price.tiers[1].upTo",
    });
  });

  it("refuses tiers whose upTo goes down", () => {
    const error = failure(
      changed((c) => {
        c.charges[1]!.price.tiers![1]!.upTo = "500000";
      }),
    );
    // 500,000 < 1,000,000.
    expect(error).toMatchObject({
      code: "tier_up_to_not_increasing",
      path: "charges[1].price.tiers[1].upTo",
    });
  });

  it("refuses a bounded last tier", () => {
    const error = failure(
      changed((c) => {
        c.charges[1]!.price.tiers = [
          { upTo: "1000000", unitPrice: "0.000001" },
          { upTo: "5000000", unitPrice: "0.0000008" },
        ];
      }),
    );
    expect(error).toMatchObject({
      code: "last_tier_must_be_unbounded",
      path: "charges[1].price.tiers[1].upTo",
    });
  });

  it("refuses an unbounded tier before the last", () => {
    const error = failure(
      changed((c) => {
        c.charges[1]!.price.tiers = [
          { upTo: "1000000", unitPrice: "0.000001" },
          { unitPrice: "0.0000008" },
          { unitPrice: "0.0000005" },
        ];
      }),
    );
    expect(error).toMatchObject({ code: "only_last_tier_unbounded", path: "charges[1].price.tiers[1].upTo" });
  });

  it.each([
    [
      "a flat amount",
      (c: Draft) => {
        c.charges[2]!.price = { model: "flat", amount: "-500.00" } as never;
      },
      "charges[2].price.amount",
    ],
    [
      "a tier unit price",
      (c: Draft) => {
        c.charges[0]!.price.tiers![1]!.unitPrice = "-0.06";
      },
      "charges[0].price.tiers[1].unitPrice",
    ],
  ])("refuses a negative price (%s) with negative_price", (_label, change, path) => {
    expect(failure(changed(change))).toMatchObject({ code: "negative_price", path });
  });

  it('accepts a price of "-0", which is zero', () => {
    const result = safeParseContract(
      changed((c) => {
        c.charges[2]!.price = { model: "flat", amount: "-0" } as never;
      }),
    );
    expect(result.success).toBe(true);
  });

  it("refuses a charge that names a meter the contract does not define", () => {
    expect(failure(changed((c) => (c.charges[0]!.meter = "bandwith")))).toMatchObject({
      code: "unknown_meter",
      path: "charges[0].meter",
    });
  });

  it("refuses two charges with the same id, pointing at the second", () => {
    expect(failure(changed((c) => (c.charges[1]!.id = "bandwidth")))).toMatchObject({
      code: "duplicate_id",
      path: "charges[1].id",
    });
  });

  it("refuses two meters with the same id, pointing at the second", () => {
    expect(failure(changed((c) => (c.meters[1]!.id = "bandwidth")))).toMatchObject({
      code: "duplicate_id",
      path: "meters[1].id",
    });
  });

  it("refuses a sum meter without a valueProperty", () => {
    const error = failure(
      changed((c) => {
        delete (c.meters[0] as { valueProperty?: string }).valueProperty;
      }),
    );
    expect(error).toMatchObject({ code: "value_property_required", path: "meters[0].valueProperty" });
  });

  it("refuses an unknown currency", () => {
    expect(failure(changed((c) => (c.currency = "XYZ")))).toMatchObject({
      code: "unknown_currency",
      path: "currency",
    });
  });

  it("refuses a custom unit that redefines an ISO 4217 currency", () => {
    const error = failure(changed((c) => (c.customUnits = [{ code: "USD", minorUnits: 4 }])));
    expect(error).toMatchObject({ code: "invalid_custom_unit", path: "customUnits[0].code" });
  });

  it("refuses a time zone in the wrong case, naming the standard spelling", () => {
    const error = failure(changed((c) => (c.timeZone = "america/new_york")));
    expect(error).toMatchObject({ code: "invalid_time_zone", path: "timeZone" });
    expect(error.message).toContain("America/New_York");
  });

  it("accepts an IANA alias such as US/Eastern as written", () => {
    expect(parseContract(changed((c) => (c.timeZone = "US/Eastern"))).timeZone).toBe("US/Eastern");
  });

  it("refuses a custom-unit currency that the contract does not declare", () => {
    expect(failure(changed((c) => (c.currency = "CREDIT")))).toMatchObject({
      code: "unknown_currency",
      path: "currency",
    });
  });

  it.each(["America/New_Yrok", "EST5EDT+1", "+05:00"])("refuses the time zone %j", (zone) => {
    expect(failure(changed((c) => (c.timeZone = zone)))).toMatchObject({
      code: "invalid_time_zone",
      path: "timeZone",
    });
  });

  it("refuses another schemaVersion with unsupported_version", () => {
    expect(failure(changed((c) => (c.schemaVersion = 2)))).toMatchObject({
      code: "unsupported_version",
      path: "schemaVersion",
    });
  });

  it.each([
    ["currency", "currency"],
    ["timeZone", "timeZone"],
    ["billing", "billing"],
  ])("refuses a contract without %s with missing_field", (field, path) => {
    expect(failure(changed((c) => delete c[field]))).toMatchObject({ code: "missing_field", path });
  });

  it("refuses a term without a start with missing_field", () => {
    const error = failure(
      changed((c) => {
        c.term = { end: "2027-01-01" } as never;
      }),
    );
    expect(error).toMatchObject({ code: "missing_field", path: "term.start" });
  });

  it.each([
    [
      "the contract id",
      (c: Draft) => {
        delete (c as Partial<Draft>).id;
      },
      "id",
    ],
    [
      "the schemaVersion",
      (c: Draft) => {
        delete (c as Partial<Draft>).schemaVersion;
      },
      "schemaVersion",
    ],
    [
      "a charge id",
      (c: Draft) => {
        delete (c.charges[2] as { id?: string }).id;
      },
      "charges[2].id",
    ],
    [
      "a flat amount",
      (c: Draft) => {
        c.charges[2]!.price = { model: "flat" } as never;
      },
      "charges[2].price.amount",
    ],
  ])("refuses a contract without %s with missing_field", (_label, change, path) => {
    expect(failure(changed(change))).toMatchObject({ code: "missing_field", path });
  });

  it("refuses anchorDay with anniversary alignment", () => {
    const error = failure(
      changed((c) => {
        c.billing = { cadence: "monthly", alignment: "anniversary", anchorDay: 15 };
      }),
    );
    expect(error).toMatchObject({ code: "anchor_not_allowed", path: "billing.anchorDay" });
  });

  it("refuses anchorMonth with anniversary alignment", () => {
    const error = failure(
      changed((c) => {
        c.billing = { cadence: "annual", alignment: "anniversary", anchorMonth: 4 } as never;
      }),
    );
    expect(error).toMatchObject({ code: "anchor_not_allowed", path: "billing.anchorMonth" });
  });

  // A weekly contract with "anchorDay": 3, meant as Wednesday, billed Monday-to-Monday weeks without a
  // word; a monthly one with "anchorMonth" ignored it. Both are refused now, as with anniversary billing.
  it.each([
    [{ cadence: "weekly", anchorDay: 3 }, "billing.anchorDay"],
    [{ cadence: "daily", anchorDay: 15 }, "billing.anchorDay"],
    [{ cadence: "weekly", anchorMonth: 4 }, "billing.anchorMonth"],
    [{ cadence: "daily", anchorMonth: 4 }, "billing.anchorMonth"],
    [{ cadence: "monthly", anchorDay: 15, anchorMonth: 4 }, "billing.anchorMonth"],
  ] as const)("refuses an anchor the cadence does not read: %j at %s", (billing, path) => {
    const error = failure(
      changed((c) => {
        c.billing = billing as never;
      }),
    );
    expect(error).toMatchObject({ code: "anchor_not_allowed", path });
  });

  it("accepts the anchors each calendar cadence reads", () => {
    for (const billing of [
      { cadence: "monthly", anchorDay: 31 },
      { cadence: "quarterly", anchorDay: 31, anchorMonth: 2 },
      { cadence: "annual", anchorDay: 29, anchorMonth: 2 },
    ] as const)
      expect(() =>
        parseContract(
          changed((c) => {
            c.billing = billing as never;
          }),
        ),
      ).not.toThrow();
  });

  it("refuses an anchor day 32", () => {
    expect(failure(changed((c) => (c.billing.anchorDay = 32)))).toMatchObject({
      code: "invalid_field",
      path: "billing.anchorDay",
    });
  });

  it("refuses a flat price with a meter", () => {
    const error = failure(
      changed((c) => {
        (c.charges[2] as { meter?: string }).meter = "bandwidth";
      }),
    );
    expect(error).toMatchObject({ code: "invalid_field", path: "charges[2].meter" });
  });

  it("refuses a metered price without a meter", () => {
    const error = failure(
      changed((c) => {
        delete (c.charges[0] as { meter?: string }).meter;
      }),
    );
    expect(error).toMatchObject({ code: "missing_field", path: "charges[0].meter" });
  });

  it("refuses a term that ends before it starts", () => {
    const error = failure(changed((c) => (c.term = { start: "2026-01-01", end: "2025-12-01" })));
    expect(error).toMatchObject({ code: "invalid_period", path: "term.end" });
  });

  it("refuses a term that ends when it starts", () => {
    const error = failure(changed((c) => (c.term = { start: "2026-01-01", end: "2026-01-01" })));
    expect(error).toMatchObject({ code: "invalid_period", path: "term.end" });
  });

  it("refuses a term start on February 30 instead of rolling it over to March 2", () => {
    const error = failure(changed((c) => (c.term = { start: "2026-02-30", end: "2027-01-01" })));
    expect(error).toMatchObject({ code: "invalid_field", path: "term.start" });
  });

  it("returns (never throws) an error for a term timestamp on February 30", () => {
    const input = changed((c) => (c.term = { start: "2026-02-30T00:00:00Z", end: "2027-01-01" }));
    let result: ReturnType<typeof safeParseContract> | undefined;
    expect(() => {
      result = safeParseContract(input);
    }).not.toThrow();
    expect(result?.success).toBe(false);
    if (result && !result.success) {
      expect(result.error).toBeInstanceOf(ContractError);
      expect(result.error).toMatchObject({ code: "invalid_instant", path: "term.start" });
    }
  });

  it("refuses a contract with no charges", () => {
    expect(failure(changed((c) => (c.charges = [])))).toMatchObject({
      code: "invalid_field",
      path: "charges",
    });
  });

  it("refuses input that is not an object", () => {
    expect(failure("not a contract")).toMatchObject({ code: "invalid_field", path: "" });
    expect(failure(null)).toMatchObject({ code: "invalid_field", path: "" });
  });

  it("lists every problem in details.problems, the first one leading", () => {
    const error = failure(
      changed((c) => {
        c.colour = "blue";
        c.currency = "XYZ";
        c.timeZone = "Mars/Olympus_Mons";
        c.charges[1]!.price.tiers![1]!.upTo = "10";
        c.charges[0]!.meter = "bandwith";
      }),
    );
    const problems = codesAndPaths(error);
    expect(problems).toHaveLength(5);
    expect(problems).toEqual(
      expect.arrayContaining([
        { code: "unknown_field", path: "colour" },
        { code: "unknown_currency", path: "currency" },
        { code: "invalid_time_zone", path: "timeZone" },
        { code: "tier_up_to_not_increasing", path: "charges[1].price.tiers[1].upTo" },
        { code: "unknown_meter", path: "charges[0].meter" },
      ]),
    );
    expect({ code: error.code, path: error.path }).toEqual(problems[0]);
    for (const problem of problemsOf(error)) expect(problem.message).not.toBe("");
  });

  it("does not change its input", () => {
    const input = deepFreeze(changed((c) => (c.currency = "XYZ")));
    expect(() => safeParseContract(input)).not.toThrow();
    expect((input as Draft).currency).toBe("XYZ");
  });
});

describe("parseContract: a list left out means none (docs/contracts.md#lists-left-out)", () => {
  const seatsOnly = () =>
    changed((c) => {
      c.charges = [{ id: "platform_fee", name: "Platform fee", price: { model: "flat", amount: "500.00" } }];
    }) as Draft;

  it("reads a contract without meters as one with `meters: []`", () => {
    const { meters: _none, ...withoutMeters } = seatsOnly();
    const written = parseContract({ ...seatsOnly(), meters: [] });
    const left = parseContract(withoutMeters);
    expect(left.meters).toEqual([]);
    // The same terms; only the digest of the text differs (the contract as written, invoice-format.md).
    expect({ ...left, digest: "" }).toEqual({ ...written, digest: "" });
    expect(left.digest).not.toBe(written.digest);
  });

  it("refuses a contract without charges and without a price book as it refuses `charges: []`", () => {
    const { charges: _none, ...withoutCharges } = validContract();
    const expected = [
      {
        code: "invalid_field",
        path: "charges",
        message: "charges must list at least one charge (or the contract follows a price book: priceBook)",
      },
    ];
    expect(problemsOf(failure(withoutCharges))).toEqual(expected);
    expect(problemsOf(failure({ ...validContract(), charges: [] }))).toEqual(expected);
  });

  it("still refuses a charge that names a meter when there are no meters", () => {
    const { meters: _none, ...withoutMeters } = validContract();
    expect(codesAndPaths(failure(withoutMeters))).toEqual([
      { code: "unknown_meter", path: "charges[0].meter" },
      { code: "unknown_meter", path: "charges[1].meter" },
    ]);
  });
});
