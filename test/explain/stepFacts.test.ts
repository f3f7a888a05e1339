import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Explanation, explain, parseInvoice } from "../../src/index.js";

// The step tables (Markdown, HTML, the explanation JSON) give the usage step a row of its own.
const usageRows = (fixture: string) => {
  const invoice = parseInvoice(JSON.parse(readFileSync(`fixtures/${fixture}/expected.json`, "utf8")));
  const document = JSON.parse(explain(invoice, { format: "json" })) as Explanation;
  return Object.fromEntries(
    document.lines.flatMap((line) =>
      line.steps.filter((step) => step.kind === "usage").map((step) => [line.id, step.sentence]),
    ),
  );
};

describe("stepFacts: the usage step's row", () => {
  it("names the meter's unit, not the unit the line bills after a transform", () => {
    // saas-seats: the meter counts requests (2,344,321 of them); the line bills 2,344,321 ÷ 1,000 − 100
    // included, rounded up = 2,245 "1k requests". Measured "2,344,321 1k requests" would be a thousand
    // times too many.
    expect(usageRows("saas-seats").api_requests).toBe(
      "Measured 2,344,321 requests from 240 events on meter api_requests (sum).",
    );
  });

  it("says 1 event, not 1 events", () => {
    // golden-rich: CDN egress in region us is one event, g3, of 350.5 GB.
    expect(usageRows("golden-rich")['egress[region="us"]']).toBe(
      "Measured 350.5 GB from 1 event on meter egress (sum).",
    );
  });
});
