import { describe, expect, it } from "vitest";
import { contractJsonSchema, parseContract, type RatecardError, rateInvoice } from "../../src/index.js";
import { deriveValue } from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, buildContractJson, sumMeter, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string) => new Decimal(value);
const event = (id: string, type: string, properties: Record<string, unknown>) =>
  usageEvent(id, type, "2026-02-03T00:00:00Z", properties);

// GB-seconds from one invocation record: invocations × memory (MB) × duration (ms) ÷ 1,024 ÷ 1,000.
const GB_SECONDS = {
  multiply: [
    { property: "invocations" },
    { property: "memory_mb" },
    { property: "duration_ms" },
    // 1 ÷ 1,024 ÷ 1,000 = 0.0000009765625, exact (1,024,000 = 2^13 × 5^3)
    { constant: "0.0000009765625" },
  ],
};
// Cloudflare Vectorize: (queried vectors + stored vectors) × dimensions.
const VECTOR_DIMENSIONS = {
  multiply: [{ add: [{ property: "queried" }, { property: "stored" }] }, { property: "dimensions" }],
};
// Durable Objects: an incoming WebSocket message is 1/20 of a request, anything else 1.
const DO_REQUESTS = { weightBy: { property: "kind", weights: { ws_message: "0.05" }, default: "1" } };

describe("deriveValue", () => {
  it("multiplies exactly: 512 MB × 1,000 ms × 1/1,024,000 = 0.5 GB-s", () => {
    const expression = {
      multiply: [{ property: "mb" }, { property: "ms" }, { constant: d("0.0000009765625") }],
    };
    expect(deriveValue(expression, { mb: 512, ms: "1000" })).toBe("0.5");
    // 129 × 1 ÷ 1,024,000 = 0.0001259765625: 13 decimals, kept (a value read from a property keeps 9)
    expect(deriveValue(expression, { mb: 129, ms: 1 })).toBe("0.0001259765625");
  });

  it("adds, then multiplies: (queries + stored) × dimensions", () => {
    const expression = {
      multiply: [{ add: [{ property: "queries" }, { property: "stored" }] }, { property: "dimensions" }],
    };
    // (10,000 + 5,000) × 768 = 11,520,000
    expect(deriveValue(expression, { queries: 10_000, stored: "5000", dimensions: 768 })).toBe("11520000");
  });

  it("weighs by a property's value, with the default for any other value", () => {
    const expression = {
      weightBy: { property: "kind", weights: { ws_message: d("0.05") }, default: d("1") },
    };
    expect(deriveValue(expression, { kind: "ws_message" })).toBe("0.05");
    expect(deriveValue(expression, { kind: "http" })).toBe("1");
    expect(deriveValue(expression, {})).toBe("1");
  });

  it("gives no value for a missing or non-numeric property, or a value without a weight or default", () => {
    const product = { multiply: [{ property: "a" }, { property: "b" }] };
    expect(deriveValue(product, { a: 2 })).toBeUndefined();
    expect(deriveValue(product, { a: 2, b: "two" })).toBeUndefined();
    expect(deriveValue(product, { a: 2, b: true })).toBeUndefined();
    const noDefault = { weightBy: { property: "kind", weights: { x: d("2") } } };
    expect(deriveValue(noDefault, { kind: "y" })).toBeUndefined();
    // an inherited name is no weight
    expect(deriveValue(noDefault, { kind: "constructor" })).toBeUndefined();
  });

  it("samples scale back up: a value logged at a 1-in-10 rate counts 10 times (value × 1/rate)", () => {
    // 3 × (1 ÷ 0.1)... written as value × factor: 3 × 10 = 30
    expect(deriveValue({ multiply: [{ property: "v" }, { constant: d("10") }] }, { v: 3 })).toBe("30");
  });
});

describe("a meter with a derived value", () => {
  it("bills AWS Lambda's Example 1: 1,100,000 GB-s × $0.00001667 = $18.34", () => {
    // 3,000,000 × 512 MB × 1,000 ms ÷ 1,024,000 = 1,500,000 GB-s; − 400,000 free = 1,100,000;
    // × 0.00001667 = 18.337 → $18.34 (aws.amazon.com/lambda/pricing, Example 1)
    const contract = buildContract({
      meters: [{ id: "gb_s", eventType: "invocations", aggregation: "sum", value: GB_SECONDS, unit: "GB-s" }],
      charges: [
        {
          id: "compute",
          name: "Compute",
          meter: "gb_s",
          included: "400000",
          price: { model: "unit", unitPrice: "0.00001667" },
        },
      ],
    });
    const usage = [event("i", "invocations", { invocations: 3_000_000, memory_mb: 512, duration_ms: 1000 })];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(invoice.usage.meters[0]!.quantity).toBe("1500000");
    expect(invoice.lines[0]!.amount).toBe("18.34");
  });

  it("bills Durable Objects' 100 WebSocket messages as 5 requests", () => {
    // 100 × 0.05 = 5 requests for the messages, + 2 HTTP requests × 1 = 7
    const contract = buildContract({
      meters: [{ id: "do_requests", eventType: "do", aggregation: "sum", value: DO_REQUESTS }],
      charges: [
        { id: "requests", name: "Requests", meter: "do_requests", price: { model: "unit", unitPrice: "1" } },
      ],
    });
    const usage = [
      ...Array.from({ length: 100 }, (_, i) => event(`ws${i}`, "do", { kind: "ws_message" })),
      event("h1", "do", { kind: "http" }),
      event("h2", "do", { kind: "http" }),
    ];
    expect(rateInvoice(contract, usage, "2026-02").usage.meters[0]!.quantity).toBe("7");
  });

  it("bills Cloudflare Vectorize's published month: (30,000 + 10,000) × 768 dimensions at $0.040 per million = $1.23", () => {
    // developers.cloudflare.com/vectorize/platform/pricing: "(stored vectors + queried vectors) *
    // dimensions * ($0.040 / 1000000)"; 10,000 stored vectors of 768 dimensions queried 30,000 times a
    // month, without the included allocation: (30,000 + 10,000) × 768 = 30,720,000 dimensions;
    // 30,720,000 ÷ 1,000,000 × 0.040 = 1.2288 → $1.23, the page's figure.
    const contract = buildContract({
      meters: [{ id: "dims", eventType: "vectorize", aggregation: "sum", value: VECTOR_DIMENSIONS }],
      charges: [
        {
          id: "vectorize",
          name: "Vectorize dimensions",
          meter: "dims",
          price: { model: "unit", unitPrice: "0.040", per: "1000000" },
        },
      ],
    });
    const usage = [event("month", "vectorize", { queried: 30_000, stored: 10_000, dimensions: 768 })];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(invoice.usage.meters[0]!.quantity).toBe("30720000");
    expect(invoice.lines[0]!.amount).toBe("1.23");
  });

  it("counts Cloudflare Vectorize's first example: (10,000 + 100) × 384 = 3,878,400 queried dimensions", () => {
    // The same page: 10,000 vectors of 384 dimensions and 100 queries "would sum to ((10000 + 100) * 384)
    // 3.878 million".
    const contract = buildContract({
      meters: [{ id: "dims", eventType: "vectorize", aggregation: "sum", value: VECTOR_DIMENSIONS }],
      charges: [{ id: "v", name: "Vectorize", meter: "dims", price: { model: "unit", unitPrice: "1" } }],
    });
    const usage = [event("q", "vectorize", { queried: 100, stored: 10_000, dimensions: 384 })];
    expect(rateInvoice(contract, usage, "2026-02").usage.meters[0]!.quantity).toBe("3878400");
  });

  it("excludes an event it cannot compute, as invalid_value, and counts the rest", () => {
    const contract = buildContract({
      meters: [{ id: "gb_s", eventType: "invocations", aggregation: "sum", value: GB_SECONDS }],
      charges: [{ id: "compute", name: "Compute", meter: "gb_s", price: { model: "unit", unitPrice: "1" } }],
    });
    const usage = [
      // 1 × 1,024 × 1,000 ÷ 1,024,000 = 1
      event("ok", "invocations", { invocations: 1, memory_mb: 1024, duration_ms: 1000 }),
      event("no_memory", "invocations", { invocations: 1, duration_ms: 1000 }),
    ];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(invoice.usage.meters[0]!.quantity).toBe("1");
    expect(invoice.usage.excluded).toEqual([
      { reason: "invalid_value", events: 1, sampleIds: ["no_memory"] },
    ]);
  });
});

describe("refused derived values", () => {
  const refused = (meter: Record<string, unknown>) =>
    thrown(() =>
      parseContract(
        buildContractJson({ meters: [{ id: "m", eventType: "e", aggregation: "sum", ...meter } as never] }),
      ),
    ) as RatecardError;

  it("refuses operations nested more than 4 deep, before parsing them", () => {
    let deep: unknown = { property: "v" };
    for (let i = 0; i < 10_000; i += 1) deep = { multiply: [deep] };
    const json = buildContractJson({ meters: [{ id: "m", eventType: "e", aggregation: "sum" }] });
    (json.meters![0] as Record<string, unknown>).value = deep;
    const error = thrown(() => parseContract(json)) as RatecardError;
    expect([error.code, error.path]).toEqual(["invalid_field", "meters[0].value"]);
  });

  it("accepts 4 nested operations", () => {
    const four = { multiply: [{ add: [{ multiply: [{ add: [{ property: "v" }] }] }] }] };
    expect(() =>
      parseContract(
        buildContractJson({ meters: [sumMeter("m", { valueProperty: undefined, value: four } as never)] }),
      ),
    ).not.toThrow();
  });

  it("refuses text to evaluate, an unknown operation, a value beside valueProperty, and a value on a count", () => {
    expect(refused({ value: "memory_mb * duration_ms" }).path).toBe("meters[0].value");
    expect(refused({ value: { divide: [{ property: "a" }] } }).path).toBe("meters[0].value");
    expect(refused({ value: { multiply: [] } }).path).toBe("meters[0].value.multiply");
    const twice = refused({ valueProperty: "v", value: { property: "v" } });
    expect([twice.code, twice.path]).toEqual(["invalid_field", "meters[0].value"]);
    expect(refused({ aggregation: "count", value: { property: "v" } }).path).toBe("meters[0].value");
  });

  it("is in the contract's JSON Schema", () => {
    expect(JSON.stringify(contractJsonSchema())).toContain("weightBy");
  });
});
