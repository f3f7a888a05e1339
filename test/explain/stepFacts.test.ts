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

  it("says how an entity meter computed its quantity, as the line's prose does", () => {
    // github-actions-minutes: Linux jobs l1..l4, each job's seconds ÷ 60 rounded up to the minute, then
    // summed (the README: 5,000 + 1 + 1 + 2 = 5,004 minutes from 5 events). The row read "… (sum)." alone:
    // a reader summing the events' seconds ÷ 60 got another number and no word of the rounding.
    expect(usageRows("github-actions-minutes").linux).toBe(
      "Measured 5,004 minutes from 5 events on meter linux_minutes (sum). Summed over 4 entities, each divided by 60, rounded up.",
    );
  });

  it("groups the events' thousands, as the prose does", () => {
    // cdn-basic: North America's bandwidth is 1,000 events (the README); the row read "1000 events".
    expect(usageRows("cdn-basic").bandwidth_na).toBe(
      "Measured 61,400 GB from 1,000 events on meter bandwidth_na (sum).",
    );
  });
});
