import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { invoiceSchema, rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  buildContractJson,
  type ContractOverrides,
  sumMeter,
  unitCharge,
} from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";
import { withoutDigests } from "../_support/withoutDigests.js";

// egress: grouped by region at 0.05 a GB; cdn: 0.08 a GB. Both meters count GB.
const base = buildContractJson({
  id: "ctr_pool",
  meters: [
    sumMeter("egress", { valueProperty: "gb", unit: "GB" }),
    sumMeter("cdn", { valueProperty: "gb", unit: "GB" }),
  ],
  charges: [
    {
      id: "egress",
      name: "Egress",
      meter: "egress",
      price: { model: "grouped", groupBy: ["region"], price: { model: "unit", unitPrice: "0.05" } },
    },
    unitCharge("cdn", "CDN", "cdn", "0.08"),
  ],
});
const contractWith = (extra: ContractOverrides) => buildContract(base, extra);
const pool = (quantity: string, charges: string[]) => ({
  allowances: [{ id: "free_egress", name: "Free egress", quantity, charges }],
});

let serial = 0;
const nextId = () => {
  serial += 1;
  return `e${serial}`;
};
const event = (type: string, gb: string, properties: Record<string, string> = {}, day = 2) => ({
  id: nextId(),
  type,
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties: { gb, ...properties },
});
// eu 700 GB and na 500 GB of egress, 200 GB of cdn.
const usage = () => [
  event("egress", "700", { region: "eu" }),
  event("egress", "500", { region: "na" }),
  event("cdn", "200"),
];
const summary = (invoice: ReturnType<typeof rateInvoice>) =>
  invoice.lines.map((line) => [line.id, line.quantity, line.amount]);

describe("allowance pools", () => {
  it("draws charge by charge in the pool's order, and within a charge line by line in id order", () => {
    const invoice = rateInvoice(contractWith(pool("1000", ["egress", "cdn"])), usage(), "2026-03");
    // 1,000 GB: eu (the first id) draws min(700, 1,000) = 700 → 0 GB; na draws min(500, 300) = 300 →
    // 200 GB × 0.05 = 10.00; cdn draws min(200, 0) = 0 → 200 GB × 0.08 = 16.00. Total 26.00
    // (without the pool 35.00 + 25.00 + 16.00 = 76.00: the pool saves 1,000 × 0.05 = 50.00).
    expect(summary(invoice)).toEqual([
      ['egress[region="eu"]', "0", "0.00"],
      ['egress[region="na"]', "200", "10.00"],
      ["cdn", "200", "16.00"],
    ]);
    expect(invoice.total).toBe("26.00");
    expect(invoice.allowances).toEqual([
      {
        id: "free_egress",
        name: "Free egress",
        quantity: "1000",
        drawn: [
          { line: 'egress[region="eu"]', quantity: "700" },
          { line: 'egress[region="na"]', quantity: "300" },
        ],
        remaining: "0",
      },
    ]);
    // The step stands between the usage and the price: 300 were left, 300 drawn, 200 billed.
    expect(invoice.lines[1]!.steps.map((step) => step.kind)).toEqual([
      "usage",
      "allowance",
      "unit",
      "rounding",
    ]);
    expect(invoice.lines[1]!.steps[1]).toEqual({
      kind: "allowance",
      pool: "free_egress",
      available: "300",
      drawn: "300",
      quantity: "200",
    });
    // cdn found the pool empty: its step shows it, it draws nothing
    expect(invoice.lines[2]!.steps[1]).toMatchObject({ available: "0", drawn: "0", quantity: "200" });
    expect(invoiceSchema.safeParse(invoice).success).toBe(true);
    const text = explainText(invoice);
    expect(text).toContain(
      "Egress [region na]: 500 GB from 1 event. Drawn from shared allowance Free egress: 300 GB, all it had left; 200 GB billable. 200 GB at $0.0500 = $10.00.",
    );
    // eu took part of what was left; cdn found the pool empty, and says so rather than "0 GB of the 0 GB left"
    expect(text).toContain(
      "Drawn from shared allowance Free egress: 700 GB of the 1,000 GB left; nothing billable.",
    );
    // 700 − 700 = 0 billable reads "nothing billable", as a balance drawn to the end reads "nothing left"
    expect(text).not.toContain("; 0 GB billable");
    expect(text).toContain("Shared allowance Free egress had nothing left: 200 GB billable.");
    expect(text).toContain(
      "Shared allowance Free egress (free_egress): 1,000 GB, drawn: 700 GB by Egress [region eu], 300 GB by Egress [region na]; nothing left.",
    );
  });

  it("follows the order the pool lists its charges", () => {
    const invoice = rateInvoice(contractWith(pool("1000", ["cdn", "egress"])), usage(), "2026-03");
    // cdn first: draws 200 → 0.00; eu draws 700 of the 800 left → 0.00; na draws the last 100 →
    // 400 GB × 0.05 = 20.00. Saving 76.00 − 20.00 = 56.00 = 200 × 0.08 + 800 × 0.05 = 16.00 + 40.00.
    expect(summary(invoice)).toEqual([
      ['egress[region="eu"]', "0", "0.00"],
      ['egress[region="na"]', "400", "20.00"],
      ["cdn", "0", "0.00"],
    ]);
    expect(invoice.allowances?.[0]?.drawn).toEqual([
      { line: "cdn", quantity: "200" },
      { line: 'egress[region="eu"]', quantity: "700" },
      { line: 'egress[region="na"]', quantity: "100" },
    ]);
  });

  it("leaves what the lines did not use as remaining, and lists only lines that drew", () => {
    const invoice = rateInvoice(contractWith(pool("5000", ["egress", "cdn"])), usage(), "2026-03");
    // 700 + 500 + 200 = 1,400 drawn; 5,000 − 1,400 = 3,600 left; every line bills 0
    expect(invoice.total).toBe("0.00");
    expect(invoice.allowances?.[0]).toMatchObject({ quantity: "5000", remaining: "3600" });
    expect(invoice.allowances?.[0]?.drawn.map((entry) => entry.quantity)).toEqual(["700", "500", "200"]);
    const noEgress = rateInvoice(
      contractWith(pool("5000", ["egress", "cdn"])),
      [event("cdn", "0")],
      "2026-03",
    );
    // no egress usage: no egress line; cdn 0 GB draws 0 and is not listed
    expect(noEgress.allowances?.[0]).toMatchObject({ drawn: [], remaining: "5000" });
    expect(noEgress.lines[0]!.steps[1]).toMatchObject({ kind: "allowance", available: "5000", drawn: "0" });
  });

  it("draws after the charge's own transform: divided, less its included units, rounded", () => {
    const contract = contractWith({
      meters: [
        { id: "egress", eventType: "egress", aggregation: "sum", valueProperty: "gb", unit: "bytes" },
        { id: "cdn", eventType: "cdn", aggregation: "sum", valueProperty: "gb", unit: "GB" },
      ],
      charges: [
        {
          id: "egress",
          name: "Egress",
          meter: "egress",
          price: { model: "unit", unitPrice: "0.09" },
          transform: { divideBy: "1000000000", included: "10", round: "up", unit: "GB" },
        },
        { id: "cdn", name: "CDN", meter: "cdn", price: { model: "unit", unitPrice: "0.08" } },
      ],
      ...pool("50", ["egress", "cdn"]),
    });
    const invoice = rateInvoice(contract, [event("egress", "75300000000"), event("cdn", "30")], "2026-03");
    // 75,300,000,000 bytes ÷ 10^9 = 75.3 GB − 10 included = 65.3 → rounded up 66 GB; the pool's 50
    // → 16 GB × 0.09 = 1.44. cdn: the pool is empty → 30 GB × 0.08 = 2.40. Total 3.84.
    expect(summary(invoice)).toEqual([
      ["egress", "16", "1.44"],
      ["cdn", "30", "2.40"],
    ]);
    expect(invoice.lines[0]!.steps.slice(1, 3)).toEqual([
      {
        kind: "billable_quantity",
        measured: "75300000000",
        divideBy: "1000000000",
        included: "10",
        round: "up",
        billable: "66",
      },
      { kind: "allowance", pool: "free_egress", available: "50", drawn: "50", quantity: "16" },
    ]);
  });

  it("comes off before the tiers, like included units: the billable units start at the first tier", () => {
    const contract = contractWith({
      charges: [
        {
          id: "cdn",
          name: "CDN",
          meter: "cdn",
          price: {
            model: "graduated",
            tiers: [
              { upTo: "100", unitPrice: "0.10" },
              { upTo: null, unitPrice: "0.05" },
            ],
          },
        },
      ],
      ...pool("100", ["cdn"]),
    });
    const invoice = rateInvoice(contract, [event("cdn", "250")], "2026-03");
    // 250 − 100 drawn = 150 billable: 100 × 0.10 + 50 × 0.05 = 10.00 + 2.50 = 12.50
    // (without the pool: 100 × 0.10 + 150 × 0.05 = 17.50)
    expect(summary(invoice)).toEqual([["cdn", "150", "12.50"]]);
  });

  it("is one pool per billing period: not prorated on a partial period, not carried over", () => {
    const partial = rateInvoice(
      contractWith({ term: { start: "2026-03-17" }, ...pool("1000", ["cdn"]) }),
      [event("cdn", "1200", {}, 20)],
      "2026-03",
    );
    // 17–31 March is a partial period, but the pool is whole: 1,200 − 1,000 = 200 GB × 0.08 = 16.00
    // (a prorated pool would be 1,000 × 15 ÷ 31 = 483.87…)
    expect(summary(partial)).toEqual([["cdn", "200", "16.00"]]);
    const contract = contractWith(pool("1000", ["cdn"]));
    const march = rateInvoice(contract, [event("cdn", "1200")], "2026-03");
    const april = rateInvoice(
      contract,
      [{ ...event("cdn", "300"), timestamp: "2026-04-02T12:00:00Z" }],
      "2026-04",
    );
    // March uses all 1,000; April starts from 1,000 again: 300 drawn, 700 left, 0.00
    expect(march.allowances?.[0]?.remaining).toBe("0");
    expect(april.allowances?.[0]).toMatchObject({ remaining: "700" });
    expect(april.total).toBe("0.00");
  });

  it("is drawn once across amendment pieces, in line-id order (the earlier piece first)", () => {
    const contract = contractWith({
      charges: [{ id: "cdn", name: "CDN", meter: "cdn", price: { model: "unit", unitPrice: "1" } }],
      amendments: [
        {
          id: "raise",
          effective: "2026-03-17",
          charges: [{ id: "cdn", name: "CDN", meter: "cdn", price: { model: "unit", unitPrice: "2" } }],
        },
      ],
      ...pool("800", ["cdn"]),
    });
    const invoice = rateInvoice(
      contract,
      [event("cdn", "600", {}, 10), event("cdn", "500", {}, 20)],
      "2026-03",
    );
    // cdn@2026-03-01 (600 GB) draws 600 of 800; cdn@2026-03-17 (500 GB) draws the last 200 →
    // 300 GB × 2.00 = 600.00. One pool for the month, not one per piece.
    expect(summary(invoice)).toEqual([
      ["cdn@2026-03-01", "0", "0.00"],
      ["cdn@2026-03-17", "300", "600.00"],
    ]);
    expect(invoice.allowances?.[0]).toMatchObject({
      drawn: [
        { line: "cdn@2026-03-01", quantity: "600" },
        { line: "cdn@2026-03-17", quantity: "200" },
      ],
      remaining: "0",
    });
  });

  it("leaves invoices of contracts without pools as they were (no allowances field)", () => {
    const without = rateInvoice(buildContract(base), usage(), "2026-03");
    const emptyList = rateInvoice(contractWith({ allowances: [] }), usage(), "2026-03");
    expect("allowances" in without).toBe(false);
    expect(JSON.stringify(withoutDigests(emptyList))).toBe(JSON.stringify(withoutDigests(without)));
    // a pool of 0 changes no number: it only adds the steps and the pool's entry
    const zero = rateInvoice(contractWith(pool("0", ["egress", "cdn"])), usage(), "2026-03");
    expect(summary(zero)).toEqual(summary(without));
  });
});

describe("allowance pool contract errors", () => {
  const flat = { id: "platform", name: "Platform", price: { model: "flat" as const, amount: "10" } };
  it("refuses a charge that does not exist, at the charge's place in the pool", () => {
    expect(thrown(() => contractWith(pool("1", ["egress", "storage"])))).toMatchObject({
      code: "invalid_field",
      path: "allowances[0].charges[1]",
    });
  });

  it("refuses a charge priced on seats the contract fixes (free seats are transform.included)", () => {
    const seats = {
      id: "seats",
      name: "Seats",
      quantity: "5",
      price: { model: "unit" as const, unitPrice: "1" },
    };
    expect(
      thrown(() => contractWith({ charges: [...base.charges!, seats], ...pool("1", ["cdn", "seats"]) })),
    ).toMatchObject({ code: "invalid_field", path: "allowances[0].charges[1]" });
  });

  it("refuses a charge in two pools, or twice in one", () => {
    expect(
      thrown(() =>
        contractWith({
          allowances: [
            { id: "a", name: "A", quantity: "1", charges: ["egress"] },
            { id: "b", name: "B", quantity: "1", charges: ["cdn", "egress"] },
          ],
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "allowances[1].charges[1]" });
    expect(thrown(() => contractWith(pool("1", ["cdn", "cdn"])))).toMatchObject({
      path: "allowances[0].charges[1]",
    });
  });

  it("refuses a charge whose price does not price a quantity (flat, percentage, capacity), in any version", () => {
    expect(
      thrown(() => contractWith({ charges: [...base.charges!, flat], ...pool("1", ["cdn", "platform"]) })),
    ).toMatchObject({ code: "invalid_field", path: "allowances[0].charges[1]" });
    // an override that replaces cdn's price with a flat fee from April
    expect(
      thrown(() =>
        contractWith({
          overrides: [{ id: "o", charge: "cdn", from: "2026-04-01", price: { model: "flat", amount: "5" } }],
          ...pool("1", ["cdn"]),
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "allowances[0].charges[0]" });
    // an amendment that makes cdn a percentage of transaction values
    expect(
      thrown(() =>
        contractWith({
          amendments: [
            {
              id: "pct",
              effective: "2026-04-01",
              charges: [
                { id: "cdn", name: "CDN", meter: "cdn", price: { model: "percentage", percent: "1" } },
              ],
            },
          ],
          ...pool("1", ["cdn"]),
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "allowances[0].charges[0]" });
  });

  it("refuses charges of one pool that bill in different units", () => {
    expect(
      thrown(() =>
        contractWith({
          meters: [...base.meters!, { id: "req", eventType: "req", aggregation: "count", unit: "requests" }],
          charges: [
            ...base.charges!,
            { id: "api", name: "API", meter: "req", price: { model: "unit", unitPrice: "0.001" } },
          ],
          ...pool("1", ["egress", "api"]),
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "allowances[0].charges[1]" });
    // transform.unit decides over the meter's unit: bytes divided into "GB" share a pool with GB
    expect(() =>
      contractWith({
        meters: [
          { id: "egress", eventType: "egress", aggregation: "sum", valueProperty: "gb", unit: "bytes" },
          base.meters![1]!,
        ],
        charges: [
          {
            id: "egress",
            name: "Egress",
            meter: "egress",
            price: { model: "unit", unitPrice: "0.05" },
            transform: { divideBy: "1000000000", unit: "GB" },
          },
          base.charges![1]!,
        ],
        ...pool("1", ["egress", "cdn"]),
      }),
    ).not.toThrow();
  });

  it("refuses a repeated pool id, a negative quantity and an empty charge list", () => {
    expect(
      thrown(() =>
        contractWith({
          allowances: [
            { id: "p", name: "P", quantity: "1", charges: ["egress"] },
            { id: "p", name: "Q", quantity: "1", charges: ["cdn"] },
          ],
        }),
      ),
    ).toMatchObject({ code: "duplicate_id", path: "allowances[1].id" });
    expect(thrown(() => contractWith(pool("-1", ["cdn"])))).toMatchObject({ path: "allowances[0].quantity" });
    expect(thrown(() => contractWith(pool("1", [])))).toMatchObject({ path: "allowances[0].charges" });
  });
});
