import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ContractInput, parseContract, safeParseContract } from "../../src/contracts/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { parseUsageEvent } from "../../src/schema/index.js";
import { buildContractJson, meteredEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Hostile numbers: values, dates, commitments and sizes a careless or hostile user could send.
// Each case asserts the typed error (code and path), the CLI's exit 2, or the exact amount worked out
// by hand. Bounds: docs/decisions/numeric-bounds.md; years: docs/decisions/date-range.md.

type Draft = ContractInput & Record<string, unknown>;

const base = (): Draft => buildContractJson({ id: "ctr_metered" }) as Draft;

const withCharge = (charge: Record<string, unknown>, extra: Partial<Draft> = {}): Draft => ({
  ...base(),
  charges: [{ id: "c", name: "C", ...charge } as NonNullable<ContractInput["charges"]>[number]],
  ...extra,
});
const flat = (amount: unknown) => withCharge({ price: { model: "flat", amount } });
const metered = (price: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  withCharge({ meter: "m", price, ...extra });

const event = meteredEvent;

function refusal(input: Draft) {
  const result = safeParseContract(input);
  if (result.success) return "accepted";
  return { code: result.error.code, path: result.error.path };
}

describe("hostile decimals in a contract are refused at their path", () => {
  const cases: [string, Draft, string, string][] = [
    [
      "a flat fee of 1e48 (with 0.01 it totalled 1e48)",
      flat("1e48"),
      "decimal_out_of_range",
      "charges[0].price.amount",
    ],
    ["a flat fee of 1e48 as a JSON number", flat(1e48), "decimal_out_of_range", "charges[0].price.amount"],
    [
      "a fee that is a float artifact, 0.30000000000000004",
      flat(0.1 + 0.2),
      "decimal_out_of_range",
      "charges[0].price.amount",
    ],
    [
      "a unit price of 1e400",
      metered({ model: "unit", unitPrice: "1e400" }),
      "decimal_out_of_range",
      "charges[0].price.unitPrice",
    ],
    [
      "a credit charge's unit price of -1e400 (a credit may be negative, not unbounded)",
      metered({ model: "unit", unitPrice: "-1e400" }, { credit: true }),
      "decimal_out_of_range",
      "charges[0].price.unitPrice",
    ],
    [
      "a package size of 1e-60",
      metered({ model: "package", packageSize: "1e-60", packagePrice: "1" }),
      "decimal_out_of_range",
      "charges[0].price.packageSize",
    ],
    [
      "a package size of 0.0000000001 (10 decimals)",
      metered({ model: "package", packageSize: "0.0000000001", packagePrice: "1" }),
      "decimal_out_of_range",
      "charges[0].price.packageSize",
    ],
    [
      "a tier bound of 1e15",
      metered({ model: "graduated", tiers: [{ upTo: "1e15", unitPrice: "1" }, { unitPrice: "0.5" }] }),
      "decimal_out_of_range",
      "charges[0].price.tiers[0].upTo",
    ],
    [
      "a divisor of 1e-12 (it multiplies usage by a trillion)",
      metered({ model: "unit", unitPrice: "1" }, { transform: { divideBy: "1e-12" } }),
      "decimal_out_of_range",
      "charges[0].transform.divideBy",
    ],
    [
      "an included quantity of 1e20",
      metered({ model: "unit", unitPrice: "1" }, { transform: { included: "1e20" } }),
      "decimal_out_of_range",
      "charges[0].transform.included",
    ],
    [
      "10^15 seats",
      withCharge({ quantity: "1000000000000000", price: { model: "unit", unitPrice: "1" } }),
      "decimal_out_of_range",
      "charges[0].quantity",
    ],
    [
      "a line minimum with 13 decimals",
      metered({ model: "unit", unitPrice: "1" }, { minimum: "0.0000000000001" }),
      "decimal_out_of_range",
      "charges[0].minimum",
    ],
    [
      "10,001 basis points",
      metered({ model: "percentage", basisPoints: "10001" }),
      "decimal_out_of_range",
      "charges[0].price.basisPoints",
    ],
    [
      "a fixed fee per transaction of 1e16",
      metered({ model: "percentage", percent: "2.9", fixedFee: "1e16" }),
      "decimal_out_of_range",
      "charges[0].price.fixedFee",
    ],
    [
      "a band amount of 1e15",
      metered({ model: "threshold", bands: [{ upTo: "10", amount: "1e15" }, { amount: "1" }] }),
      "decimal_out_of_range",
      "charges[0].price.bands[0].amount",
    ],
    [
      "a dynamic markup of 1000",
      metered({ model: "dynamic", multiplier: "1000" }),
      "decimal_out_of_range",
      "charges[0].price.multiplier",
    ],
    [
      "a tax rate of 1e400 %",
      { ...base(), tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "1e400" }] } },
      "decimal_out_of_range",
      "tax.rates[0].percent",
    ],
    [
      "a tax rate of 100.5 %",
      { ...base(), tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "100.5" }] } },
      "decimal_out_of_range",
      "tax.rates[0].percent",
    ],
    [
      "a discount of 10.0000001 % (7 decimals)",
      { ...base(), discounts: [{ id: "d", name: "D", percent: "10.0000001" }] },
      "decimal_out_of_range",
      "discounts[0].percent",
    ],
    [
      "a fixed discount of 1e15",
      { ...base(), discounts: [{ id: "d", name: "D", amount: "1e15" }] },
      "decimal_out_of_range",
      "discounts[0].amount",
    ],
    [
      "a commitment minimum of 1e300",
      { ...base(), commitments: [{ id: "k", name: "K", minimum: "1e300" }] },
      "decimal_out_of_range",
      "commitments[0].minimum",
    ],
    [
      "an overage factor of 1e6",
      { ...base(), commitments: [{ id: "k", name: "K", minimum: "100", overageFactor: "1e6" }] },
      "decimal_out_of_range",
      "commitments[0].overageFactor",
    ],
    [
      "an override multiplier of 1000",
      { ...base(), overrides: [{ id: "o", charge: "use", multiplier: "1000" }] },
      "decimal_out_of_range",
      "overrides[0].multiplier",
    ],
    [
      "an override multiplier that makes a unit price of 21 decimals",
      {
        ...base(),
        charges: [
          { id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "0.000000000000025" } },
        ],
        overrides: [{ id: "o", charge: "use", multiplier: "0.333333" }],
      },
      "decimal_out_of_range",
      "overrides[0].multiplier",
    ],
    [
      "a credit grant of 1e15 USD",
      { ...base(), credits: [{ id: "g", name: "G", kind: "promotional", amount: "1e15" }] },
      "decimal_out_of_range",
      "credits[0].amount",
    ],
    [
      "a credit grant of 50.005 USD (a fraction of a cent)",
      { ...base(), credits: [{ id: "g", name: "G", kind: "promotional", amount: "50.005" }] },
      "amount_not_in_minor_units",
      "credits[0].amount",
    ],
    [
      "a credit unit worth 1e9 USD",
      {
        ...base(),
        customUnits: [{ code: "CREDIT", minorUnits: 0 }],
        credits: [
          { id: "g", name: "G", kind: "promotional", amount: "10", unit: "CREDIT", unitValue: "1e9" },
        ],
      },
      "decimal_out_of_range",
      "credits[0].unitValue",
    ],
    [
      "an allowance pool of 1e15 units",
      { ...base(), allowances: [{ id: "p", name: "P", quantity: "1e15", charges: ["use"] }] },
      "decimal_out_of_range",
      "allowances[0].quantity",
    ],
    [
      "a meter filter threshold of 1e400",
      {
        ...base(),
        meters: [
          {
            id: "m",
            eventType: "e",
            aggregation: "sum",
            valueProperty: "v",
            filters: [{ property: "size", op: "gt", value: "1e400" }],
          },
        ],
      },
      "decimal_out_of_range",
      "meters[0].filters[0].value",
    ],
    [
      "a percentile rank with 7 decimals",
      {
        ...base(),
        meters: [
          {
            id: "m",
            eventType: "e",
            aggregation: "percentile",
            valueProperty: "v",
            window: { size: "5m", aggregation: "sum" },
            percentile: { rank: "95.1234567" },
          },
        ],
      },
      "decimal_out_of_range",
      "meters[0].percentile.rank",
    ],
  ];
  it.each(cases)("refuses %s", (_what, input, code, path) => {
    expect(refusal(input)).toEqual({ code, path });
  });
});

describe("hostile years are refused, never read as 1900–1999", () => {
  const cases: [string, Draft, string, string][] = [
    [
      "a term starting 0026-01-01",
      { ...base(), term: { start: "0026-01-01" } },
      "invalid_field",
      "term.start",
    ],
    [
      "a term starting at the instant 0026-01-01T00:00:00Z",
      { ...base(), term: { start: "0026-01-01T00:00:00Z" } },
      "invalid_instant",
      "term.start",
    ],
    ["a trial ending 1969-12-31", { ...base(), trial: { end: "1969-12-31" } }, "invalid_field", "trial.end"],
    [
      "an amendment effective 0099-12-31",
      { ...base(), amendments: [{ id: "a", effective: "0099-12-31", remove: ["use"] }] },
      "invalid_field",
      "amendments[0].effective",
    ],
  ];
  it.each(cases)("refuses %s", (_what, input, code, path) => {
    expect(refusal(input)).toEqual({ code, path });
  });

  it("refuses an event stamped 0026-02-03 (a typo of 2026), with the event's path", () => {
    const event = {
      id: "e1",
      type: "e",
      customer: "cus",
      timestamp: "0026-02-03T00:00:00Z",
      properties: { v: "1" },
    };
    expect(thrown(() => parseUsageEvent(event, 0))).toMatchObject({
      code: "invalid_instant",
      path: "[0].timestamp",
    });
  });

  it("refuses the periods 0026-02 and 9999-12 (which ends in year 10000)", () => {
    const contract = parseContract(base());
    expect(thrown(() => rateInvoice(contract, [], "0026-02"))).toMatchObject({
      code: "invalid_period",
      path: "period",
    });
    const late = parseContract({ ...base(), term: { start: "9999-01-01" } });
    expect(thrown(() => rateInvoice(late, [], "9999-12"))).toMatchObject({
      code: "invalid_period",
      path: "period",
    });
  });
});

describe("hostile usage and balances", () => {
  it("excludes values past a quantity's bounds as text or number alike, and bills the rest exactly", () => {
    const invoice = rateInvoice(
      parseContract(base()),
      [
        event("a", "5e50"),
        event("b", 5e50),
        event("c", "0.0000000001"),
        event("d", 1e-10),
        event("e", "0.1"),
        event("f", 0.2),
      ],
      "2026-02",
    );
    // e + f = 0.1 + 0.2 = 0.3 units × 1.00 = 0.30 (never 0.30000000000000004); a–d reported
    expect(invoice.total).toBe("0.30");
    expect(invoice.usage.excluded).toEqual([
      { reason: "invalid_value", events: 4, sampleIds: ["a", "b", "c", "d"] },
    ]);
  });

  it("refuses a meter total of 10^15 units built from values each within bounds", () => {
    const events = [event("a", "999999999999999"), event("b", "1")];
    // 999,999,999,999,999 + 1 = 10^15: not priced
    expect(thrown(() => rateInvoice(parseContract(base()), events, "2026-02"))).toMatchObject({
      code: "decimal_out_of_range",
      path: "charges[0].meter",
    });
  });

  it("refuses a carried credit balance of a fraction of a cent", () => {
    const contract = parseContract({
      ...base(),
      credits: [{ id: "g", name: "G", kind: "promotional", amount: "50" }],
    });
    expect(
      thrown(() => rateInvoice(contract, [], "2026-02", { creditBalances: { g: "10.005" } })),
    ).toMatchObject({
      code: "amount_not_in_minor_units",
      path: "options.creditBalances.g",
    });
  });
});

describe("exact amounts at the edges of the bounds", () => {
  it("adds a fee of 999,999,999,999,999.99 and one of 0.01 to exactly 10^15", () => {
    const contract = parseContract({
      ...base(),
      charges: [
        { id: "big", name: "Big", price: { model: "flat", amount: "999999999999999.99" } },
        { id: "cent", name: "Cent", price: { model: "flat", amount: "0.01" } },
      ],
    });
    // 999,999,999,999,999.99 + 0.01 = 1,000,000,000,000,000.00
    expect(rateInvoice(contract, [], "2026-02").total).toBe("1000000000000000.00");
  });

  it("prices the largest quantity at the largest unit price to the cent", () => {
    const contract = parseContract(
      withCharge({
        quantity: "999999999999999.999999999",
        price: { model: "unit", unitPrice: "999999999.999999999999999" },
      }),
    );
    // (10^15 − 10^-9) × (10^9 − 10^-15) = 10^24 − 1 − 1 + 10^-24 = 999,999,999,999,999,999,999,998.000…0001
    const line = rateInvoice(contract, [], "2026-02").lines[0]!;
    expect(line.steps.at(-1)).toMatchObject({ before: "999999999999999999999998.000000000000000000000001" });
    expect(line.amount).toBe("999999999999999999999998.00");
  });

  it("leaves the next period's fee billed in advance out of this period's minimum: true-up 98.00", () => {
    const contract = parseContract({
      ...base(),
      charges: [
        { id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "1" } },
        { id: "fee", name: "Fee", price: { model: "flat", amount: "5" }, billed: "in_advance" },
      ],
      commitments: [{ id: "min", name: "Minimum", minimum: "100" }],
    });
    const invoice = rateInvoice(contract, [event("u", "2")], "2026-02");
    // spend 2.00 (March's 5.00 fee, billed now, is March's): 100.00 − 2.00 = 98.00; total 2.00 + 5.00 + 98.00
    expect(invoice.commitments?.[0]).toMatchObject({ spend: "2.00", trueUp: "98.00" });
    expect(invoice.total).toBe("105.00");
  });
});

describe("the CLI on hostile numbers and dates: exit 2, a sentence, no stack", () => {
  const ROOT = join(import.meta.dirname, "..", "..");
  const CLI = join(ROOT, "dist", "cli.js");
  let scratch = "";
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npm run build` first");
    scratch = mkdtempSync(join(tmpdir(), "ratecard-numbers-"));
  });
  const file = (name: string, content: unknown) => {
    const path = join(scratch, name);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };
  const ratecard = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });

  it("refuses --period 0026-02 naming the year", () => {
    const result = ratecard(
      "invoice",
      "--contract",
      file("contract.json", base()),
      "--usage",
      file("usage.ndjson", ""),
      "--period",
      "0026-02",
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("year 0026 is outside the years ratecard rates (1970–9999)");
    expect(result.stderr).not.toContain("    at ");
  });

  it("refuses to validate a fee of 1e48, naming the path, the value and the bound", () => {
    const result = ratecard("validate", file("huge.json", flat("1e48")));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("charges[0].price.amount is 1e+48 (too large)");
    expect(result.stderr).toContain("less than 10^15");
  });
});
