import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { type InvoiceLine, issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  buildContractJson,
  type ContractOverrides,
  sumMeter,
  unitCharge,
} from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Bandwidth priced per region × service (a matrix), egress per project (grouped), requests as one line.
const base = buildContractJson({
  id: "ctr_dims",
  meters: [
    sumMeter("bw", { valueProperty: "gb", unit: "GB" }),
    sumMeter("egress", { valueProperty: "gb", unit: "GB" }),
    sumMeter("req", { valueProperty: "n" }),
  ],
  charges: [
    {
      id: "bandwidth",
      name: "Bandwidth",
      meter: "bw",
      price: {
        model: "matrix",
        dimensions: ["region", "service"],
        cells: [
          { match: { region: "na", service: "http" }, price: { model: "unit", unitPrice: "0.05" } },
          { match: { region: "eu", service: "http" }, price: { model: "unit", unitPrice: "0.08" } },
          {
            match: { region: "eu", service: "video" },
            price: {
              model: "graduated",
              tiers: [{ upTo: "1000", unitPrice: "0.10" }, { unitPrice: "0.07" }],
            },
          },
        ],
        defaultPrice: { model: "unit", unitPrice: "0.02" },
      },
    },
    {
      id: "egress",
      name: "Egress",
      meter: "egress",
      price: { model: "grouped", groupBy: ["project"], price: { model: "unit", unitPrice: "0.10" } },
    },
    unitCharge("requests", "Requests", "req", "0.001"),
  ],
});
const contractWith = (extra: ContractOverrides) => buildContract(base, extra);

let sequence = 0;
const bw = (region: string, service: string, gb: string, day = 10) => ({
  id: `bw${++sequence}`,
  type: "bw",
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties: { region, service, gb },
});
const egress = (project: string, gb: string) => ({
  id: `eg${++sequence}`,
  type: "egress",
  customer: "cus",
  timestamp: "2026-03-10T12:00:00Z",
  properties: { project, gb },
});
const amounts = (lines: ReadonlyArray<InvoiceLine>) => lines.map((line) => [line.id, line.amount]);
const overrideSteps = (line: InvoiceLine | undefined) =>
  (line?.steps ?? []).filter((step) => step.kind === "override");
const lineOf = (lines: ReadonlyArray<InvoiceLine>, id: string) => lines.find((line) => line.id === id);

const NA_HTTP = 'bandwidth[region="na",service="http"]';
const EU_HTTP = 'bandwidth[region="eu",service="http"]';
const EU_VIDEO = 'bandwidth[region="eu",service="video"]';
const APAC_HTTP = 'bandwidth[region="apac",service="http"]';

describe("overrides for some dimensions only", () => {
  const usage = [
    bw("na", "http", "1000"),
    bw("eu", "http", "1000"),
    bw("eu", "video", "2000"),
    bw("apac", "http", "500"),
  ];

  it("multiplies the prices of the matching matrix cells only (region eu × 0.8)", () => {
    const contract = contractWith({
      overrides: [{ id: "eu_deal", charge: "bandwidth", where: { region: "eu" }, multiplier: "0.8" }],
    });
    const lines = rateInvoice(contract, usage, "2026-03").lines;
    // na/http: 1,000 × 0.05 = 50.00 (not eu: unchanged)
    // eu/http: 0.08 × 0.8 = 0.064; 1,000 × 0.064 = 64.00
    // eu/video: tiers 0.10 × 0.8 = 0.08 up to 1,000, 0.07 × 0.8 = 0.056 above:
    //           1,000 × 0.08 + 1,000 × 0.056 = 80 + 56 = 136.00
    // apac/http: default 0.02: 500 × 0.02 = 10.00 (not eu: unchanged)
    expect(amounts(lines.filter((line) => line.chargeId === "bandwidth"))).toEqual([
      [APAC_HTTP, "10.00"],
      [EU_HTTP, "64.00"],
      [EU_VIDEO, "136.00"],
      [NA_HTTP, "50.00"],
    ]);
    // the tier bound stays at 1,000 GB: a multiplier scales money, not quantities
    expect(
      lineOf(lines, EU_VIDEO)!
        .steps.filter((step) => step.kind === "tier")
        .map((step) => [step.upTo, step.unitPrice]),
    ).toEqual([
      ["1000", "0.08"],
      [null, "0.056"],
    ]);
    expect(overrideSteps(lineOf(lines, NA_HTTP))).toEqual([]);
    expect(overrideSteps(lineOf(lines, APAC_HTTP))).toEqual([]);
  });

  it("puts the override step after the usage and before the price model's steps", () => {
    const contract = contractWith({
      overrides: [{ id: "eu_deal", charge: "bandwidth", where: { region: "eu" }, multiplier: "0.8" }],
    });
    const line = lineOf(rateInvoice(contract, usage, "2026-03").lines, EU_HTTP)!;
    expect(line.steps.map((step) => step.kind)).toEqual(["usage", "override", "unit", "rounding"]);
    expect(line.steps[1]).toEqual({
      kind: "override",
      override: "eu_deal",
      where: { region: "eu" },
      multiplier: "0.8",
    });
    // 1,000 GB at 0.064 (0.08 × 0.8) = 64.00
    expect(line.steps[2]).toEqual({ kind: "unit", quantity: "1000", unitPrice: "0.064", amount: "64" });
  });

  it("multiplies the default price for a combination no cell lists, and matches on every key", () => {
    const contract = contractWith({
      overrides: [
        { id: "apac", charge: "bandwidth", where: { region: "apac" }, multiplier: "0.5" },
        { id: "eu_video", charge: "bandwidth", where: { region: "eu", service: "video" }, multiplier: "2" },
      ],
    });
    const lines = rateInvoice(contract, usage, "2026-03").lines;
    // apac/http: default 0.02 × 0.5 = 0.01; 500 × 0.01 = 5.00
    // eu/video (both keys match): tiers 0.20 / 0.14: 1,000 × 0.20 + 1,000 × 0.14 = 200 + 140 = 340.00
    // eu/http (service differs): 1,000 × 0.08 = 80.00, no override step
    expect(lineOf(lines, APAC_HTTP)!.amount).toBe("5.00");
    expect(lineOf(lines, EU_VIDEO)!.amount).toBe("340.00");
    expect(lineOf(lines, EU_HTTP)!.amount).toBe("80.00");
    expect(overrideSteps(lineOf(lines, EU_HTTP))).toEqual([]);
  });

  it("replaces the price of the matching groups of a grouped charge", () => {
    const contract = contractWith({
      overrides: [
        {
          id: "project_a",
          charge: "egress",
          where: { project: "A" },
          price: { model: "unit", unitPrice: "0.07" },
        },
      ],
    });
    const lines = rateInvoice(contract, [egress("A", "300"), egress("B", "300")], "2026-03").lines;
    // A: replaced price 300 × 0.07 = 21.00; B: the grouped price 300 × 0.10 = 30.00
    expect(amounts(lines.filter((line) => line.chargeId === "egress"))).toEqual([
      ['egress[project="A"]', "21.00"],
      ['egress[project="B"]', "30.00"],
    ]);
    expect(overrideSteps(lineOf(lines, 'egress[project="A"]'))).toEqual([
      { kind: "override", override: "project_a", where: { project: "A" }, replaced: true },
    ]);
    expect(overrideSteps(lineOf(lines, 'egress[project="B"]'))).toEqual([]);
  });

  it("gives a replaced price to a matrix combination that had none", () => {
    const contract = contractWith({
      charges: [
        {
          id: "bandwidth",
          name: "Bandwidth",
          meter: "bw",
          price: {
            model: "matrix",
            dimensions: ["region"],
            cells: [{ match: { region: "na" }, price: { model: "unit", unitPrice: "0.05" } }],
          },
        },
      ],
      overrides: [
        {
          id: "eu",
          charge: "bandwidth",
          where: { region: "eu" },
          price: { model: "unit", unitPrice: "0.03" },
        },
      ],
    });
    const lines = rateInvoice(contract, [bw("eu", "http", "100")], "2026-03").lines;
    // eu had no cell and there is no default; the override prices it: 100 × 0.03 = 3.00
    expect(amounts(lines)).toEqual([['bandwidth[region="eu"]', "3.00"]]);
  });

  it("splits the period where a dimension override starts, rating the groups it reaches piece by piece", () => {
    const contract = contractWith({
      overrides: [
        {
          id: "eu_half",
          charge: "bandwidth",
          from: "2026-03-16",
          where: { region: "eu" },
          multiplier: "0.5",
        },
      ],
    });
    const events = [bw("na", "http", "100", 10), bw("eu", "http", "100", 10), bw("eu", "http", "100", 20)];
    const lines = rateInvoice(contract, events, "2026-03").lines.filter(
      (line) => line.chargeId === "bandwidth",
    );
    // na, which the override does not reach, keeps its terms all month: one line, 100 × 0.05 = 5.00
    // (chargeRunsGroups.test.ts); eu, 1–15 March: 100 × 0.08 = 8.00; 16–31 March: 100 × 0.04
    // (0.08 × 0.5) = 4.00
    expect(amounts(lines)).toEqual([
      [NA_HTTP, "5.00"],
      [`${EU_HTTP}@2026-03-01`, "8.00"],
      [`${EU_HTTP}@2026-03-16`, "4.00"],
    ]);
    expect(overrideSteps(lines[0])).toEqual([]);
    expect(overrideSteps(lines[2])).toHaveLength(1);
  });

  it("applies overrides in contract order: a later whole-charge multiplier scales an earlier group replacement", () => {
    const replaceEu = {
      id: "eu_price",
      charge: "bandwidth",
      where: { region: "eu", service: "http" },
      price: { model: "unit" as const, unitPrice: "0.10" },
    };
    const halfOff = { id: "half", charge: "bandwidth", multiplier: "0.5" };
    const events = [bw("na", "http", "1000"), bw("eu", "http", "1000")];

    const replaceFirst = rateInvoice(
      contractWith({ overrides: [replaceEu, halfOff] }),
      events,
      "2026-03",
    ).lines;
    // eu/http: replaced by 0.10, then × 0.5 = 0.05: 1,000 × 0.05 = 50.00; na/http: 0.05 × 0.5 = 0.025: 25.00
    expect(lineOf(replaceFirst, EU_HTTP)!.amount).toBe("50.00");
    expect(lineOf(replaceFirst, NA_HTTP)!.amount).toBe("25.00");
    expect(overrideSteps(lineOf(replaceFirst, EU_HTTP)).map((step) => step.override)).toEqual([
      "eu_price",
      "half",
    ]);

    const halfFirst = rateInvoice(contractWith({ overrides: [halfOff, replaceEu] }), events, "2026-03").lines;
    // eu/http: × 0.5 first, then replaced by 0.10 as written: 1,000 × 0.10 = 100.00; only eu_price shows
    expect(lineOf(halfFirst, EU_HTTP)!.amount).toBe("100.00");
    expect(overrideSteps(lineOf(halfFirst, EU_HTTP)).map((step) => step.override)).toEqual(["eu_price"]);
    expect(lineOf(halfFirst, NA_HTTP)!.amount).toBe("25.00");
  });

  it("keeps an earlier group multiplier as written under a later whole-charge multiplier: the two compound", () => {
    const euDeal = { id: "eu_deal", charge: "bandwidth", where: { region: "eu" }, multiplier: "0.8" };
    const halfOff = { id: "half", charge: "bandwidth", multiplier: "0.5" };
    const events = [bw("na", "http", "1000"), bw("eu", "http", "1000")];
    const lines = rateInvoice(contractWith({ overrides: [euDeal, halfOff] }), events, "2026-03").lines;
    // eu/http: 0.08 × 0.5 (the whole charge) × 0.8 (eu's deal, on the price in force) = 0.032:
    // 1,000 × 0.032 = 32.00; na/http: 0.05 × 0.5 = 0.025: 25.00
    expect(lineOf(lines, EU_HTTP)!.amount).toBe("32.00");
    expect(lineOf(lines, NA_HTTP)!.amount).toBe("25.00");
  });

  it("explains the override step in words", () => {
    const contract = contractWith({
      overrides: [
        { id: "eu_deal", charge: "bandwidth", where: { region: "eu" }, multiplier: "0.8" },
        {
          id: "project_a",
          charge: "egress",
          where: { project: "A" },
          price: { model: "unit", unitPrice: "0.07" },
        },
      ],
    });
    const text = explainText(
      rateInvoice(contract, [bw("eu", "http", "1000"), egress("A", "300")], "2026-03"),
    );
    expect(text).toContain("Price changed by override eu_deal for region eu: every price and fee × 0.8.");
    expect(text).toContain("Price replaced by override project_a for project A.");
  });
});

describe("the override step on whole-charge overrides", () => {
  it("marks every line of an overridden charge, with the multiplier or the replacement", () => {
    const contract = contractWith({
      overrides: [
        { id: "cheap_requests", charge: "requests", price: { model: "unit", unitPrice: "0.0005" } },
        { id: "bw_discount", charge: "bandwidth", multiplier: "0.9" },
      ],
    });
    const events = [
      bw("na", "http", "1000"),
      {
        id: "r",
        type: "req",
        customer: "cus",
        timestamp: "2026-03-10T00:00:00Z",
        properties: { n: "10000" },
      },
    ];
    const lines = rateInvoice(contract, events, "2026-03").lines;
    // requests: 10,000 × 0.0005 = 5.00 (replaced); na/http: 0.05 × 0.9 = 0.045: 1,000 × 0.045 = 45.00
    expect(lineOf(lines, "requests")!.amount).toBe("5.00");
    expect(overrideSteps(lineOf(lines, "requests"))).toEqual([
      { kind: "override", override: "cheap_requests", replaced: true },
    ]);
    expect(lineOf(lines, NA_HTTP)!.amount).toBe("45.00");
    expect(overrideSteps(lineOf(lines, NA_HTTP))).toEqual([
      { kind: "override", override: "bw_discount", multiplier: "0.9" },
    ]);
  });

  it("refuses to credit an overridden line by quantity (the contract's price is not the one it was rated with)", () => {
    const contract = contractWith({ overrides: [{ id: "o", charge: "requests", multiplier: "2" }] });
    const events = [
      {
        id: "r",
        type: "req",
        customer: "cus",
        timestamp: "2026-03-10T00:00:00Z",
        properties: { n: "10000" },
      },
    ];
    const invoice = rateInvoice(contract, events, "2026-03");
    // 10,000 × 0.002 (0.001 × 2) = 20.00. Taking 1,000 off and re-rating the 9,000 left at the list 0.001
    // (9.00) would credit 11.00 where 1,000 × 0.002 = 2.00 was billed for them: refused instead
    expect(invoice.lines[0]!.amount).toBe("20.00");
    expect(
      thrown(() =>
        issueCreditNote(contract, invoice, [
          { kind: "quantity", line: "requests", quantity: "1000", reason: "outage" },
        ]),
      ),
    ).toMatchObject({ code: "invalid_field", path: "corrections[0].kind" });
  });
});

describe("override checks", () => {
  it("refuses where on a charge that bills one line", () => {
    expect(
      thrown(() =>
        contractWith({
          overrides: [{ id: "o", charge: "requests", where: { region: "eu" }, multiplier: "0.5" }],
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "overrides[0].where" });
  });

  it("refuses where naming a dimension the charge does not group by", () => {
    expect(
      thrown(() =>
        contractWith({
          overrides: [{ id: "o", charge: "bandwidth", where: { zone: "eu" }, multiplier: "0.5" }],
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "overrides[0].where" });
  });

  it("refuses where when an amendment or an earlier replacement gives the charge a price without that dimension", () => {
    expect(
      thrown(() =>
        contractWith({
          amendments: [
            {
              id: "flat_rate",
              effective: "2026-06-01",
              charges: [
                {
                  id: "bandwidth",
                  name: "Bandwidth",
                  meter: "bw",
                  price: { model: "unit", unitPrice: "0.04" },
                },
              ],
            },
          ],
          overrides: [{ id: "o", charge: "bandwidth", where: { region: "eu" }, multiplier: "0.5" }],
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "overrides[0].where" });
    expect(
      thrown(() =>
        contractWith({
          overrides: [
            { id: "unit", charge: "bandwidth", price: { model: "unit", unitPrice: "0.04" } },
            { id: "o", charge: "bandwidth", where: { region: "eu" }, multiplier: "0.5" },
          ],
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "overrides[1].where" });
    // a replacement listed after the dimension override makes it moot, and is allowed
    expect(() =>
      contractWith({
        overrides: [
          { id: "o", charge: "bandwidth", where: { region: "eu" }, multiplier: "0.5" },
          { id: "unit", charge: "bandwidth", price: { model: "unit", unitPrice: "0.04" } },
        ],
      }),
    ).not.toThrow();
  });

  it("refuses an empty where, and a group replacement that is not a single price model", () => {
    expect(
      thrown(() =>
        contractWith({ overrides: [{ id: "o", charge: "bandwidth", where: {}, multiplier: "0.5" }] }),
      ),
    ).toMatchObject({ path: "overrides[0].where" });
    expect(
      thrown(() =>
        contractWith({
          overrides: [
            {
              id: "o",
              charge: "egress",
              where: { project: "A" },
              price: { model: "grouped", groupBy: ["project"], price: { model: "unit", unitPrice: "0.01" } },
            },
          ],
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "overrides[0].price.model" });
  });

  it("refuses a negative override price on a charge that is not a credit, and a negative multiplier", () => {
    expect(
      thrown(() =>
        contractWith({
          overrides: [{ id: "o", charge: "requests", price: { model: "unit", unitPrice: "-0.001" } }],
        }),
      ),
    ).toMatchObject({ code: "negative_price", path: "overrides[0].price.unitPrice" });
    expect(
      thrown(() =>
        contractWith({
          overrides: [
            {
              id: "o",
              charge: "bandwidth",
              where: { region: "eu" },
              price: {
                model: "graduated",
                tiers: [{ upTo: "10", unitPrice: "0.01" }, { unitPrice: "-0.01" }],
              },
            },
          ],
        }),
      ),
    ).toMatchObject({ code: "negative_price", path: "overrides[0].price.tiers[1].unitPrice" });
    expect(
      thrown(() => contractWith({ overrides: [{ id: "o", charge: "requests", multiplier: "-0.5" }] })),
    ).toMatchObject({ code: "invalid_field", path: "overrides[0].multiplier" });
  });

  it("accepts a negative override price on a credit charge", () => {
    const contract = contractWith({
      charges: [
        ...base.charges!,
        { id: "goodwill", name: "Goodwill", credit: true, price: { model: "flat", amount: "-10" } },
      ],
      overrides: [{ id: "more", charge: "goodwill", price: { model: "flat", amount: "-25" } }],
    });
    // the flat credit replaced: -25.00
    expect(lineOf(rateInvoice(contract, [], "2026-03").lines, "goodwill")!.amount).toBe("-25.00");
  });
});

describe("overrides that change the price model (what the meters must compute)", () => {
  it("rates an override to a grouped price per group, not silently nothing", () => {
    const contract = contractWith({
      overrides: [
        {
          id: "per_project",
          charge: "requests",
          price: { model: "grouped", groupBy: ["project"], price: { model: "unit", unitPrice: "0.002" } },
        },
      ],
    });
    const req = (id: string, project: string, n: string) => ({
      id,
      type: "req",
      customer: "cus",
      timestamp: "2026-03-10T12:00:00Z",
      properties: { project, n },
    });
    const lines = rateInvoice(contract, [req("r1", "A", "1000"), req("r2", "B", "500")], "2026-03").lines;
    // project A: 1,000 × 0.002 = 2.00; project B: 500 × 0.002 = 1.00
    expect(amounts(lines.filter((line) => line.chargeId === "requests"))).toEqual([
      ['requests[project="A"]', "2.00"],
      ['requests[project="B"]', "1.00"],
    ]);
  });

  it("rates an override to a percentage price from each event's value", () => {
    const contract = contractWith({
      overrides: [{ id: "pct", charge: "requests", price: { model: "percentage", percent: "1" } }],
    });
    const req = (id: string, n: string) => ({
      id,
      type: "req",
      customer: "cus",
      timestamp: "2026-03-10T12:00:00Z",
      properties: { n },
    });
    const lines = rateInvoice(contract, [req("p1", "300"), req("p2", "200")], "2026-03").lines;
    // 1 % of (300 + 200) = 5.00
    expect(lineOf(lines, "requests")?.amount).toBe("5.00");
  });
});
