import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explain, explainText, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { type ValueExpression, valueFormula } from "../../src/schema/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

const d = (value: string) => new Decimal(value);

// Expressions of properties a, b, memory_mb and these constants, products and sums nested.
function expressions(constants: string[]): fc.Arbitrary<ValueExpression> {
  const leaf: fc.Arbitrary<ValueExpression> = fc.oneof(
    fc.constantFrom("a", "b", "memory_mb").map((property) => ({ property })),
    fc.constantFrom(...constants).map((text) => ({ constant: d(text) })),
  );
  return fc.letrec<{ node: ValueExpression }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      leaf,
      fc.array(tie("node"), { minLength: 1, maxLength: 3 }).map((multiply) => ({ multiply })),
      fc.array(tie("node"), { minLength: 1, maxLength: 3 }).map((add) => ({ add })),
    ),
  })).node;
}

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

  it("subtracts a negative term and puts a negative factor in parentheses", () => {
    // A registrar bills the years after the first: years + (-1) is written "years − 1", not "years + -1".
    expect(valueFormula({ add: [{ property: "years" }, { constant: d("-1") }] })).toBe("years − 1");
    // -0.5 × years first stays as written; after another factor it is "(-0.5)", never "× -0.5".
    expect(valueFormula({ multiply: [{ constant: d("-0.5") }, { property: "years" }] })).toBe("-0.5 × years");
    expect(valueFormula({ multiply: [{ property: "years" }, { constant: d("-0.5") }] })).toBe(
      "years × (-0.5)",
    );
    // a + (-2 × b) = a − 2 × b; a + (-1 + b) = a − 1 + b
    expect(
      valueFormula({
        add: [
          { property: "a" },
          { multiply: [{ constant: d("-2") }, { property: "b" }] },
          { add: [{ constant: d("-1") }, { property: "b" }] },
        ],
      }),
    ).toBe("a − 2 × b − 1 + b");
    // OpenAI's uncached input (fixtures/openai-cached-tokens): input_tokens + cached_tokens × -1
    expect(
      valueFormula({
        add: [
          { property: "input_tokens" },
          { multiply: [{ property: "cached_tokens" }, { constant: d("-1") }] },
        ],
      }),
    ).toBe("input_tokens − cached_tokens");
    // Datadog's containers beyond 5 a host (fixtures/datadog-hosts-p99): containers + hosts × -5
    expect(
      valueFormula({
        add: [{ property: "containers" }, { multiply: [{ property: "hosts" }, { constant: d("-5") }] }],
      }),
    ).toBe("containers − hosts × 5");
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
    const expression = expressions(["2", "0.0000009765625", "-1.5"]);
    const leaves = (node: ValueExpression): string[] =>
      "property" in node
        ? [node.property]
        : "constant" in node
          ? [node.constant.abs().toFixed()]
          : "multiply" in node
            ? node.multiply.flatMap(leaves)
            : "add" in node
              ? node.add.flatMap(leaves)
              : [];
    fc.assert(
      fc.property(expression, (node) => {
        const tokens = valueFormula(node)
          .split(/[\s×+−()]+/)
          .map((token) => token.replace(/^-/, ""))
          .filter((token) => token !== "");
        expect(tokens).toEqual(leaves(node));
      }),
    );
  });

  it("reads back to the expression's value (a property): signs and parentheses are right", () => {
    const values: Record<string, number> = { a: 2, b: 3, memory_mb: 5 };
    const expression = expressions(["2", "0.5", "-1", "-1.5", "-3"]);
    const evaluate = (node: ValueExpression): Decimal =>
      "property" in node
        ? d(String(values[node.property]))
        : "constant" in node
          ? node.constant
          : "multiply" in node
            ? node.multiply.map(evaluate).reduce((product, factor) => product.times(factor))
            : "add" in node
              ? node.add.map(evaluate).reduce((sum, term) => sum.plus(term))
              : d("0");
    fc.assert(
      fc.property(expression, (node) => {
        const formula = valueFormula(node);
        expect(readFormula(formula, values).toFixed()).toBe(evaluate(node).toFixed());
        // a sign right after an operator is what a person never writes: "+ -1", "− -2", "× -0.5"
        expect(formula).not.toMatch(/[+−×] -/);
      }),
    );
  });
});

// Reads a formula as a person would (× before + and −, parentheses, a leading "-" a sign): a tiny parser.
function readFormula(formula: string, values: Record<string, number>): Decimal {
  const tokens = formula.match(/-?[0-9.]+|[a-z_]+|[×+−()]/g) ?? [];
  let at = 0;
  const factor = (): Decimal => {
    const token = tokens[at++] ?? "";
    if (token === "(") {
      const inner = sum();
      at++; // ")"
      return inner;
    }
    if (token === "-") return factor().negated();
    return /^[a-z_]/.test(token) ? d(String(values[token])) : d(token);
  };
  const product = (): Decimal => {
    let value = factor();
    while (tokens[at] === "×") {
      at++;
      value = value.times(factor());
    }
    return value;
  };
  const sum = (): Decimal => {
    let value = product();
    while (tokens[at] === "+" || tokens[at] === "−") {
      const sign = tokens[at++];
      value = sign === "+" ? value.plus(product()) : value.minus(product());
    }
    return value;
  };
  return sum();
}

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
