import { describe, expect, it } from "vitest";
import { explain, explainText, parseContract, type RatecardError, rateInvoice } from "../../src/index.js";
import { buildContract, buildContractJson, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Gemini 2.5 Pro's long-context rule (ai.google.dev/gemini-api/docs/pricing): input at $1.25 per
// million tokens for prompts of at most 200K tokens, $2.50 for prompts longer than 200K; the whole
// request at the higher rate. The prompt's size counts its cached tokens too, so the threshold is on
// input_tokens + cached_input_tokens, a value no single property holds.
const PROMPT = { add: [{ property: "input_tokens" }, { property: "cached_input_tokens" }] };
const longContract = () =>
  buildContract({
    meters: [
      {
        id: "short_input",
        eventType: "request",
        aggregation: "sum",
        valueProperty: "input_tokens",
        filters: [{ expression: PROMPT, op: "lte", value: "200000" }],
      },
      {
        id: "long_input",
        eventType: "request",
        aggregation: "sum",
        valueProperty: "input_tokens",
        filters: [{ expression: PROMPT, op: "gt", value: "200000" }],
      },
    ],
    charges: [
      {
        id: "short",
        name: "Input ≤ 200K",
        meter: "short_input",
        price: { model: "unit", unitPrice: "1.25", per: "1000000" },
      },
      {
        id: "long",
        name: "Input > 200K",
        meter: "long_input",
        price: { model: "unit", unitPrice: "2.50", per: "1000000" },
      },
    ],
  } as never);
const request = (id: string, properties: Record<string, unknown>) =>
  usageEvent(id, "request", "2026-02-03T00:00:00Z", properties);

describe("a numeric filter on a computed value (long-context pricing)", () => {
  it("bills each request at the rate of its prompt's size, cached tokens included", () => {
    const usage = [
      // 150,000 + 40,000 = 190,000 ≤ 200,000: short
      request("r1", { input_tokens: 150_000, cached_input_tokens: 40_000 }),
      // 180,000 + 20,000 = 200,000, exactly the threshold: short ("longer than 200K" is not)
      request("r2", { input_tokens: "180000", cached_input_tokens: 20_000 }),
      // 170,000 + 40,000 = 210,000 > 200,000: long, though its own input_tokens is below 200K
      request("r3", { input_tokens: 170_000, cached_input_tokens: 40_000 }),
      // 250,000 + 0 = 250,000: long
      request("r4", { input_tokens: 250_000, cached_input_tokens: 0 }),
      // no cached_input_tokens: the prompt's size cannot be computed, so neither meter counts it
      request("r5", { input_tokens: 1_000 }),
    ];
    const invoice = rateInvoice(longContract(), usage, "2026-02");
    const quantities = invoice.usage.meters.map((meter) => [meter.meter, meter.quantity, meter.events]);
    // short: 150,000 + 180,000 = 330,000 tokens from 2 requests; long: 170,000 + 250,000 = 420,000 from 2
    expect(quantities).toEqual([
      ["short_input", "330000", 2],
      ["long_input", "420000", 2],
    ]);
    // 330,000 ÷ 1,000,000 × $1.25 = $0.4125 → $0.41; 420,000 ÷ 1,000,000 × $2.50 = $1.05
    expect(invoice.lines.map((line) => line.amount)).toEqual(["0.41", "1.05"]);
    expect(invoice.total).toBe("1.46");
    // r5 met no meter's filters
    expect(invoice.usage.excluded).toEqual([{ reason: "filtered_out", events: 1, sampleIds: ["r5"] }]);
  });

  it("says on the usage step and in the explanations which events the threshold kept", () => {
    const usage = [request("r4", { input_tokens: 250_000, cached_input_tokens: 0 })];
    const invoice = rateInvoice(longContract(), usage, "2026-02");
    const where = "input_tokens + cached_input_tokens > 200000";
    expect(invoice.lines[1]?.steps[0]).toMatchObject({ kind: "usage", quantity: "250000", where });
    // the short meter's condition: ≤ (lte), its step says it although it counted nothing
    expect(invoice.lines[0]?.steps[0]).toMatchObject({
      where: "input_tokens + cached_input_tokens ≤ 200000",
    });
    expect(explainText(invoice)).toContain(
      `Input > 200K: 250,000 from 1 event. Counted only the events where ${where}.`,
    );
    // Markdown escapes the underscores and the ">"
    expect(explain(invoice, { format: "markdown" })).toContain(
      "Counted only the events where input\\_tokens + cached\\_input\\_tokens \\> 200000.",
    );
  });

  it("records no condition for a meter whose filters compare single properties", () => {
    const contract = buildContract({
      meters: [
        { id: "m", eventType: "e", aggregation: "count", filters: [{ property: "n", op: "gt", value: "1" }] },
      ],
      charges: [{ id: "c", name: "C", meter: "m", price: { model: "unit", unitPrice: "1" } }],
    } as never);
    const invoice = rateInvoice(
      contract,
      [usageEvent("e1", "e", "2026-02-03T00:00:00Z", { n: 2 })],
      "2026-02",
    );
    expect(invoice.lines[0]?.steps[0]).not.toHaveProperty("where");
  });

  it("refuses a numeric filter with neither a property nor an expression, or both, at its path", () => {
    const refusal = (filter: Record<string, unknown>) => {
      const meter = { id: "m", eventType: "e", aggregation: "count", filters: [filter] };
      return thrown(() => parseContract(buildContractJson({ meters: [meter] } as never))) as RatecardError;
    };
    const neither = refusal({ op: "gt", value: "200000" });
    expect([neither.code, neither.path]).toEqual(["invalid_field", "meters[0].filters[0].property"]);
    const both = refusal({ property: "a", expression: PROMPT, op: "gt", value: "200000" });
    expect([both.code, both.path]).toEqual(["invalid_field", "meters[0].filters[0].expression"]);
  });

  it("refuses an expression on a filter that is no numeric comparison, at the expression, in words", () => {
    // A computed value is a number: it can be above or below a threshold, not equal to a text, in a
    // list of values or merely present. Each non-numeric op says so at filters[i].expression rather
    // than "expression is not a field ratecard knows here".
    const refusal = (filter: Record<string, unknown>) => {
      const meter = { id: "m", eventType: "e", aggregation: "count", filters: [filter] };
      return thrown(() => parseContract(buildContractJson({ meters: [meter] } as never))) as RatecardError;
    };
    const filters = [
      { op: "equals", value: 3 },
      { op: "not_equals", value: 3 },
      { op: "in", values: [1, 2] },
      { op: "not_in", values: [1] },
      { op: "exists" },
    ];
    for (const filter of filters) {
      const error = refusal({ property: "a", expression: PROMPT, ...filter });
      expect([error.code, error.path]).toEqual(["invalid_field", "meters[0].filters[0].expression"]);
      expect(error.message).toContain(
        `meters[0].filters[0].expression can only be compared with gt, gte, lt or lte: a filter with op ${filter.op} compares`,
      );
      expect(error.message).not.toContain("not a field ratecard knows");
    }
    // Without a property the filter also misses the property its op compares: both problems are listed.
    const alone = refusal({ expression: PROMPT, op: "equals", value: 3 });
    const problems = (alone.details.problems as ReadonlyArray<{ path: string; message: string }>).map(
      ({ path, message }) => [path, message.slice(0, message.indexOf(" ", path.length + 1) + 1)],
    );
    expect(problems).toEqual([
      ["meters[0].filters[0].property", "meters[0].filters[0].property is "],
      ["meters[0].filters[0].expression", "meters[0].filters[0].expression can "],
    ]);
  });
});
