import { describe, expect, it } from "vitest";
import {
  contractJsonSchema,
  explainLine,
  parseContract,
  type RatecardError,
  rateInvoice,
} from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { NO_CONTEXT, unit } from "../../src/pricing/index.js";
import { buildContract, buildContractJson, sumMeter, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string | number) => new Decimal(value);
const USD = { prefix: "$", minorUnits: 2 };

// Cloudflare Workers, Standard usage model (developers.cloudflare.com/workers/platform/pricing/,
// "Example 1"): 10 million requests included a month, then $0.30 per additional million; 30 million
// CPU milliseconds included, then $0.02 per additional million. 15,000,000 requests at 7 ms of CPU each.
const workers = () =>
  buildContract({
    meters: [sumMeter("requests", { unit: "requests" }), sumMeter("cpu_ms", { unit: "CPU ms" })],
    charges: [
      {
        id: "requests",
        name: "Workers requests",
        meter: "requests",
        included: "10000000",
        price: { model: "unit", unitPrice: "0.30", per: "1000000" },
      },
      {
        id: "cpu",
        name: "Workers CPU time",
        meter: "cpu_ms",
        included: "30000000",
        price: { model: "unit", unitPrice: "0.02", per: "1000000" },
      },
    ],
  });
const workersUsage = [
  usageEvent("r", "requests", "2026-02-03T00:00:00Z", { v: "15000000" }),
  // 7 ms × 15,000,000 requests = 105,000,000 CPU ms
  usageEvent("c", "cpu_ms", "2026-02-03T00:00:00Z", { v: "105000000" }),
];

describe("a unit price quoted per N units", () => {
  it("divides the quoted price by N exactly: $0.30 per 1,000,000 is $0.0000003 a request", () => {
    // 5,000,000 × 0.30 ÷ 1,000,000 = 1.50
    const result = unit.rate(
      { model: "unit", unitPrice: d("0.30"), per: d("1000000") },
      d(5_000_000),
      NO_CONTEXT,
    );
    expect(result.amount.toFixed()).toBe("1.5");
    expect(result.unitPrice).toBe("0.0000003");
    expect(result.steps[0]).toEqual({
      kind: "unit",
      quantity: "5000000",
      unitPrice: "0.0000003",
      amount: "1.5",
      quotedPrice: "0.3",
      per: "1000000",
    });
  });

  it("keeps a single request exact: 1 × 0.30 ÷ 10^6 = 0.0000003, not rounded", () => {
    const result = unit.rate({ model: "unit", unitPrice: d("0.30"), per: d("1000000") }, d(1), NO_CONTEXT);
    expect(result.amount.toFixed()).toBe("0.0000003");
  });

  it("bills Cloudflare's Example 1: $1.50 of requests and $1.50 of CPU time", () => {
    const invoice = rateInvoice(workers(), workersUsage, "2026-02");
    const requests = invoice.lines.find((line) => line.chargeId === "requests")!;
    const cpu = invoice.lines.find((line) => line.chargeId === "cpu")!;
    // (15,000,000 − 10,000,000) ÷ 1,000,000 × $0.30 = 5 × 0.30 = $1.50
    expect(requests.amount).toBe("1.50");
    expect(requests.quantity).toBe("5000000");
    // (105,000,000 − 30,000,000) ÷ 1,000,000 × $0.02 = 75 × 0.02 = $1.50
    expect(cpu.amount).toBe("1.50");
    expect(invoice.subtotal).toBe("3.00");
  });

  it("explains the line as the vendor writes it: per 1M requests, first 10M included", () => {
    const invoice = rateInvoice(workers(), workersUsage, "2026-02");
    const text = explainLine(invoice.lines.find((line) => line.chargeId === "requests")!, USD);
    expect(text).toContain("minus the first 10M included = 5,000,000 requests");
    expect(text).toContain("5,000,000 requests at $0.30 per 1M requests = $1.50");
  });

  it("bills nothing while usage stays inside what is included", () => {
    const invoice = rateInvoice(
      workers(),
      [usageEvent("r", "requests", "2026-02-03T00:00:00Z", { v: "9999999" })],
      "2026-02",
    );
    // max(0, 9,999,999 − 10,000,000) = 0
    expect(invoice.lines.find((line) => line.chargeId === "requests")!.amount).toBe("0.00");
  });

  it("takes the meter-unit allowance off before a transform divides and rounds", () => {
    // 2,500,000,000 bytes − 1,000,000,000 included = 1,500,000,000; ÷ 10^9 = 1.5 GB; up → 2 GB × $0.09 = $0.18
    const contract = buildContract({
      meters: [sumMeter("bytes")],
      charges: [
        {
          id: "egress",
          name: "Egress",
          meter: "bytes",
          included: "1000000000",
          transform: { divideBy: "1000000000", round: "up", unit: "GB" },
          price: { model: "unit", unitPrice: "0.09" },
        },
      ],
    });
    const invoice = rateInvoice(
      contract,
      [usageEvent("b", "bytes", "2026-02-03T00:00:00Z", { v: "2500000000" })],
      "2026-02",
    );
    expect(invoice.lines[0]!.amount).toBe("0.18");
    expect(invoice.lines[0]!.steps.find((step) => step.kind === "billable_quantity")).toMatchObject({
      includedMeasured: "1000000000",
      billable: "2",
    });
  });
});

describe("refused settings", () => {
  const refused = (charge: Record<string, unknown>) =>
    thrown(() =>
      parseContract(
        buildContractJson({ charges: [{ id: "use", name: "Use", meter: "m", ...charge } as never] }),
      ),
    ) as RatecardError;

  it("refuses a per that is not a power of ten, naming the field", () => {
    // 0.30 ÷ 3 = 0.1 recurring: the price of one unit would be rounded
    const error = refused({ price: { model: "unit", unitPrice: "0.30", per: "3" } });
    expect(error.code).toBe("invalid_field");
    expect(error.path).toBe("charges[0].price.per");
  });

  it("refuses a per below one without calling 10^-9 'not a power of ten'", () => {
    // 0.1 per 10^-9 units is 0.1 ÷ 10^-9 = 100,000,000 a unit: per counts whole units, so the price of
    // one unit is what to write; the sentence used to say "must be a power of ten …; 0.000000001 is not"
    const error = refused({ price: { model: "unit", unitPrice: "0.1", per: "1e-9" } });
    expect([error.code, error.path]).toEqual(["invalid_field", "charges[0].price.per"]);
    expect(error.message).toContain("must be 1 or a whole power of ten (10, 1000, 1000000, …)");
    expect(error.message).toContain(
      "0.000000001 is a fraction of a unit: give the price of one unit as unitPrice",
    );
  });

  it("refuses a per that only ends like a power of ten", () => {
    // 110 and 2,000 end in "10" and "000" but are no 10^n: 0.30 ÷ 110 = 0.00272727… recurring
    for (const per of ["110", "2000"]) {
      const error = refused({ price: { model: "unit", unitPrice: "0.30", per } });
      expect([error.code, error.path]).toEqual(["invalid_field", "charges[0].price.per"]);
    }
  });

  it("refuses included units on a price that reads no quantity, and included given twice", () => {
    const onPercentage = refused({ included: "10", price: { model: "percentage", percent: "2.9" } });
    expect([onPercentage.code, onPercentage.path]).toEqual(["invalid_field", "charges[0].included"]);
    const twice = refused({
      included: "10",
      transform: { included: "1" },
      price: { model: "unit", unitPrice: "1" },
    });
    expect([twice.code, twice.path]).toEqual(["invalid_field", "charges[0].included"]);
  });

  it("leaves an override's multiplier off per: it scales the price, not the number of units", () => {
    // 0.30 × 2 = 0.60 per 1,000,000; 5,000,000 billable → 5 × 0.60 = 3.00
    const contract = buildContract(
      {
        meters: [sumMeter("requests")],
        charges: [
          {
            id: "requests",
            name: "Requests",
            meter: "requests",
            price: { model: "unit", unitPrice: "0.30", per: "1000000" },
          },
        ],
      },
      { overrides: [{ id: "o", charge: "requests", multiplier: "2" }] },
    );
    const invoice = rateInvoice(
      contract,
      [usageEvent("r", "requests", "2026-02-03T00:00:00Z", { v: "5000000" })],
      "2026-02",
    );
    expect(invoice.lines[0]!.amount).toBe("3.00");
  });
});

describe("the contract's JSON Schema", () => {
  it("lists per on a unit price and included on a charge", () => {
    const text = JSON.stringify(contractJsonSchema());
    expect(text).toContain("The number of units unitPrice is quoted for");
    expect(text).toContain("Units included free, in the meter's own units");
  });
});
