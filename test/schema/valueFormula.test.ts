import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explain, explainText, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { type ValueExpression, valueFormula } from "../../src/schema/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

const d = (value: string) => new Decimal(value);

describe("valueFormula", () => {
  it("writes products with ×, sums with +, a sum inside a product in parentheses", () => {
    expect(valueFormula({ multiply: [{ property: "memory_gb" }, { property: "duration_s" }] })).toBe(
      "memory_gb × duration_s",
    );
    expect(
      valueFormula({
        multiply: [{ add: [{ property: "queried" }, { property: "stored" }] }, { property: "dimensions" }],
      }),
    ).toBe("(queried + stored) × dimensions");
    expect(
      valueFormula({ add: [{ property: "a" }, { multiply: [{ property: "b" }, { constant: d("2") }] }] }),
    ).toBe("a + b × 2");
  });

  it("reads a weight per value, with or without a default", () => {
    const weights = { ws_message: d("0.05") };
    expect(valueFormula({ weightBy: { property: "kind", weights, default: d("1") } })).toBe(
      "the weight of kind (ws_message 0.05, any other 1)",
    );
    expect(valueFormula({ weightBy: { property: "kind", weights } })).toBe(
      "the weight of kind (ws_message 0.05, any other value not counted)",
    );
  });

  it("names every property and constant, left to right (a property)", () => {
    const leaf: fc.Arbitrary<ValueExpression> = fc.oneof(
      fc.constantFrom("a", "b", "memory_mb").map((property) => ({ property })),
      fc.constantFrom("2", "0.0000009765625", "-1.5").map((text) => ({ constant: d(text) })),
    );
    const expression = fc.letrec<{ node: ValueExpression }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("node"), { minLength: 1, maxLength: 3 }).map((multiply) => ({ multiply })),
        fc.array(tie("node"), { minLength: 1, maxLength: 3 }).map((add) => ({ add })),
      ),
    })).node;
    const leaves = (node: ValueExpression): string[] =>
      "property" in node
        ? [node.property]
        : "constant" in node
          ? [node.constant.toFixed()]
          : "multiply" in node
            ? node.multiply.flatMap(leaves)
            : "add" in node
              ? node.add.flatMap(leaves)
              : [];
    fc.assert(
      fc.property(expression, (node) => {
        const tokens = valueFormula(node)
          .split(/[\s×+()]+/)
          .filter((token) => token !== "");
        expect(tokens).toEqual(leaves(node));
      }),
    );
  });
});

describe("a derived meter's line", () => {
  // AWS Lambda's Example 1 (docs/meters.md): 3,000,000 × 512 × 1,000 × 0.0000009765625 = 1,500,000 GB-s.
  const contract = buildContract({
    meters: [
      {
        id: "gb_s",
        eventType: "invocations",
        aggregation: "sum",
        unit: "GB-s",
        value: {
          multiply: [
            { property: "invocations" },
            { property: "memory_mb" },
            { property: "duration_ms" },
            { constant: "0.0000009765625" },
          ],
        },
      } as never,
    ],
    charges: [
      { id: "compute", name: "GB-seconds", meter: "gb_s", price: { model: "unit", unitPrice: "0.00001667" } },
    ],
  });
  const events = [
    usageEvent("fn", "invocations", "2026-03-02T00:00:00Z", {
      invocations: 3_000_000,
      memory_mb: 512,
      duration_ms: 1000,
    }),
  ];

  it("carries the formula on its usage step and says it in the text and Markdown explanations", () => {
    // rated inside the test, where Stryker's per-test coverage sees it
    const invoice = rateInvoice(contract, events, "2026-03");
    const formula = "invocations × memory_mb × duration_ms × 0.0000009765625";
    expect(invoice.lines[0]?.steps[0]).toMatchObject({ kind: "usage", quantity: "1500000", value: formula });
    expect(explainText(invoice)).toContain(
      `GB-seconds: 1,500,000 GB-s from 1 event. Each event's value = ${formula}.`,
    );
    // Markdown escapes the underscores of the property names
    expect(explain(invoice, { format: "markdown" })).toContain(
      "Each event's value = invocations × memory\\_mb × duration\\_ms × 0.0000009765625.",
    );
  });
});
