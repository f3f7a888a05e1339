import { describe, expect, it } from "vitest";
import { parseContract, safeParseContract } from "../../src/contracts/index.js";
import { withoutNegativeZero } from "../../src/contracts/withoutNegativeZero.js";
import { rateInvoice } from "../../src/index.js";
import { invoiceSchema } from "../../src/invoice/invoiceSchema.js";
import type { InputProblem } from "../../src/schema/index.js";

// JSON.parse("-0") is -0. A contract with "minorUnits": -0 passed the schema (an integer ≥ 0) and put -0
// in the invoice's currency and in every rounding step; JSON.stringify writes it as 0, so the invoice
// read back from storage was not the one issued (found by test/invoice/hostileInputs.property.test.ts,
// seed -1459069623). Contract JSON is now read with every -0 as 0.
const POINTS_CONTRACT = JSON.parse(`{
  "schemaVersion": 1, "id": "ctr_points", "customer": { "id": "cus_p" },
  "currency": "POINTS", "customUnits": [{ "code": "POINTS", "minorUnits": -0 }],
  "timeZone": "UTC", "billing": { "cadence": "monthly" }, "term": { "start": "2026-01-01" },
  "meters": [{ "id": "calls", "eventType": "api", "aggregation": "sum", "valueProperty": "amount" }],
  "charges": [
    { "id": "fee", "name": "Fee", "price": { "model": "flat", "amount": "12.6" } },
    { "id": "calls", "name": "Calls", "meter": "calls",
      "price": { "model": "percentage", "percent": "0", "fixedFee": "0.5", "freeEvents": -0 } }
  ]
}`);

describe("-0 in contract JSON", () => {
  it("is read as 0, so the invoice survives its round trip through JSON", () => {
    expect(Object.is(POINTS_CONTRACT.customUnits[0].minorUnits, -0)).toBe(true);
    const contract = parseContract(POINTS_CONTRACT);
    expect(Object.is(contract.currency.minorUnits, 0)).toBe(true);
    const events = [1, 2, 3].map((n) => ({
      id: `e${n}`,
      type: "api",
      customer: "cus_p",
      timestamp: `2026-02-0${n}T00:00:00Z`,
      properties: { amount: "10" },
    }));
    const invoice = rateInvoice(contract, events, "2026-02");
    // POINTS has no minor unit: the fee 12.6 rounds half-even to 13; 3 calls × 0.5 fixed fee = 1.5 → 2
    // (half-even: 1.5 → 2); total 13 + 2 = 15.
    expect(invoice.total).toBe("15");
    expect(Object.is(invoice.currency.minorUnits, 0)).toBe(true);
    const readBack = invoiceSchema.parse(JSON.parse(JSON.stringify(invoice)));
    expect(readBack).toStrictEqual(invoice);
  });

  it("does not change the contract's digest (canonical JSON writes -0 as 0 already)", () => {
    const withZero = JSON.parse(JSON.stringify(POINTS_CONTRACT));
    expect(parseContract(POINTS_CONTRACT).digest).toBe(parseContract(withZero).digest);
  });

  it("leaves the input untouched and returns it as it is when it holds no -0", () => {
    const plain = { a: [0, 1, { b: "-0" }] };
    expect(withoutNegativeZero(plain)).toBe(plain);
    const input = { a: [-0, { b: -0, c: 2 }], d: -0, e: "x" };
    const copy = withoutNegativeZero(input) as typeof input;
    expect(copy).not.toBe(input);
    expect(Object.is(copy.a[0], 0) && Object.is(copy.d, 0)).toBe(true);
    expect(Object.is((copy.a[1] as { b: number }).b, 0)).toBe(true);
    expect(copy).toEqual({ a: [0, { b: 0, c: 2 }], d: 0, e: "x" });
    // The input keeps its -0s.
    expect(Object.is(input.a[0], -0) && Object.is(input.d, -0)).toBe(true);
  });

  it("keeps a __proto__ key as a key, a null prototype as it is, and walks a shared or cyclic value once", () => {
    const parsed = JSON.parse('{"__proto__": {"x": -0}, "y": -0}');
    const copy = withoutNegativeZero(parsed) as Record<string, unknown>;
    expect(Object.hasOwn(copy, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    const own = Object.getOwnPropertyDescriptor(copy, "__proto__")?.value as { x: number } | undefined;
    expect(Object.is(own?.x, 0)).toBe(true);
    const bare = Object.assign(Object.create(null), { z: -0 });
    expect(Object.getPrototypeOf(withoutNegativeZero(bare))).toBe(null);
    const cyclic: Record<string, unknown> = { n: -0 };
    cyclic.self = cyclic;
    const cycledCopy = withoutNegativeZero(cyclic) as Record<string, unknown>;
    expect(cycledCopy.self).toBe(cycledCopy);
    expect(Object.is(cycledCopy.n, 0)).toBe(true);
    // A class instance is not walked (the schema refuses it where a plain object belongs).
    const date = new Date(0);
    expect(withoutNegativeZero({ d: date, n: -0 })).toEqual({ d: date, n: 0 });
  });

  it("walks JSON nested 20,000 deep without overflowing the stack, with and without a -0 at the bottom", () => {
    const nested = (bottom: number) => {
      let deep: unknown = { n: bottom };
      for (let i = 0; i < 10_000; i += 1) deep = { multiply: [deep] };
      return deep;
    };
    const plain = nested(1);
    expect(withoutNegativeZero(plain)).toBe(plain);
    let copy = withoutNegativeZero(nested(-0)) as { multiply?: unknown[]; n?: number };
    for (let i = 0; i < 10_000; i += 1) copy = copy.multiply?.[0] as typeof copy;
    expect(Object.is(copy.n, 0)).toBe(true);
  });

  it("is still refused where a value must be more than zero", () => {
    const result = safeParseContract({
      ...POINTS_CONTRACT,
      billing: { cadence: "monthly", anchorDay: -0 },
      customUnits: [{ code: "POINTS", minorUnits: 0 }],
    });
    expect(result.success).toBe(false);
    if (!result.success)
      expect((result.error.details.problems as ReadonlyArray<InputProblem>).map((p) => p.path)).toEqual([
        "billing.anchorDay",
      ]);
  });
});
