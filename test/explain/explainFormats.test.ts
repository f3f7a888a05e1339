import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readableMoney, readableQuantity } from "../../src/explain/figure.js";
import { waterfallOf, waterfallTies } from "../../src/explain/waterfall.js";
import {
  type Explanation,
  explain,
  explainText,
  type Invoice,
  isRatecardError,
  parseInvoice,
  rateOpeningInvoice,
  reconcile,
} from "../../src/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import { HOSTILE_NAME, smallInvoice } from "../_support/smallInvoice.js";
import { thrown } from "../_support/thrown.js";

// Every expectation below is worked by hand in test/_support/smallInvoice.ts (and docs/explain.md):
// 130 GB → 100 × 0.10 + 30 × 0.05 = 11.50; subtotal 31.50; promo -1.15; VAT 4.00 + 2.07 = 6.07; total 36.42.

const json = (invoice: Invoice) => JSON.parse(explain(invoice, { format: "json" })) as Explanation;

describe("explain: the text format", () => {
  it("is explainText, and the default", () => {
    const invoice = smallInvoice();
    expect(explain(invoice, { format: "text" })).toBe(explainText(invoice));
    expect(explain(invoice)).toBe(explainText(invoice));
  });
});

describe("explain: the explanation JSON", () => {
  const document = json(smallInvoice());

  it("is versioned and names the invoice", () => {
    expect(document.format).toBe("ratecard.explanation");
    expect(document.version).toBe(1);
    expect(document.invoice.id).toBe("ctr:2026-04-01");
    expect(document.invoice.period.label).toBe("2026-04-01/2026-05-01");
  });

  it("gives each line its quantity, amount and steps, each number as display and exact", () => {
    const egress = document.lines[1]!;
    expect(egress.name).toBe(HOSTILE_NAME);
    expect(egress.quantity).toEqual({ display: "130", exact: "130" });
    expect(egress.amount).toEqual({ display: "$11.50", exact: "11.50" });
    expect(egress.steps.map((step) => [step.kind, step.sentence, step.amount?.exact ?? null])).toEqual([
      ["usage", "Measured 130 GB from 4 events on meter gb (sum).", null],
      ["tier", "Tier 1: 100 GB at $0.1000 = $10.00.", "10"],
      ["tier", "Tier 2: 30 GB at $0.0500 = $1.50.", "1.5"],
      ["rounding", "Rounded half-even to 2 decimals: $11.50, nothing to round.", "11.50"],
    ]);
    expect(egress.adjustments).toEqual([
      { kind: "discount", source: "promo", amount: { display: "-$1.15", exact: "-1.15" } },
    ]);
    expect(egress.terms).toEqual([
      "Charge egress, priced with the graduated model.",
      "Usage from meter gb (sum).",
      "Tier 1: above 0 GB up to 100 GB inclusive, at $0.1000 per GB.",
      "Tier 2: above 100 GB with no upper bound, at $0.0500 per GB.",
    ]);
  });

  it("walks from the subtotal to the total: 31.50 − 1.15 = 30.35, + 6.07 = 36.42", () => {
    expect(
      document.waterfall.map((step) => [step.kind, step.label, step.amount.exact, step.running.exact]),
    ).toEqual([
      ["subtotal", "Subtotal", "31.50", "31.50"],
      ["discount", "Promo 10% on egress", "-1.15", "30.35"],
      ["tax", "VAT 20%", "6.07", "36.42"],
      ["total", "Total", "36.42", "36.42"],
    ]);
    expect(document.amountDue).toEqual({ display: "$36.42", exact: "36.42" });
  });

  it("gives the meter's 30 April days with running totals and the day tier 2 was crossed", () => {
    const meter = document.usage.meters[0]!;
    expect(meter.daily).toHaveLength(30);
    const running = Object.fromEntries(meter.daily!.map((day) => [day.date, day.cumulative.exact]));
    // 40 on 04-03, +50 on 04-10, +30 on 04-20, +10 on 04-29.
    expect([
      running["2026-04-02"],
      running["2026-04-03"],
      running["2026-04-10"],
      running["2026-04-20"],
      running["2026-04-30"],
    ]).toEqual(["0", "40", "90", "120", "130"]);
    expect(meter.tierBounds).toEqual([{ line: "egress", tier: 2, bound: "100", crossedOn: "2026-04-20" }]);
    expect(meter.tiersNotCharted).toEqual([]);
  });

  it("lists the events left out by reason with their sample ids", () => {
    expect(document.usage.excluded).toEqual([
      {
        reason: "unknown_event_type",
        description: "an event type that no meter measures",
        events: 1,
        sampleIds: ["e5"],
      },
      {
        reason: "outside_period",
        description: "outside the invoice period",
        events: 1,
        sampleIds: ["evt_<b>late</b>"],
      },
    ]);
  });

  it("says null for daily data the invoice does not have", () => {
    expect(json(smallInvoice({ daily: false })).usage.meters[0]!.daily).toBeNull();
  });
});

describe("explain: Markdown", () => {
  const markdown = explain(smallInvoice(), { format: "markdown" });

  it("tables the lines, the waterfall and the steps, escaping the input's markup", () => {
    expect(markdown).toContain('| Egress \\<script\\>alert("x")\\</script\\> \\& co | 130 GB | $11.50 |');
    expect(markdown).not.toContain("<script>");
    expect(markdown).toContain("| Promo 10% on egress | -$1.15 | $30.35 |");
    expect(markdown).toContain("| VAT 20% | $6.07 | $36.42 |");
    expect(markdown).toContain("| **Total** | | **$36.42** |");
    expect(markdown).toContain("| 3 | tier | Tier 2: 30 GB at $0.0500 = $1.50. | $1.50 |");
    expect(markdown).toContain("- egress: tier 2 starts above 100 GB; crossed on 2026-04-20.");
    expect(markdown).toContain(
      "| outside the invoice period (`outside_period`) | 1 | evt\\_\\<b\\>late\\</b\\> |",
    );
  });
});

describe("explain: the opening invoice", () => {
  it("says it is the opening invoice in Markdown and HTML", () => {
    const opening = rateOpeningInvoice(fixtureContract("saas-seats"));
    expect(explain(opening, { format: "markdown" })).toContain(
      "- **Kind:** opening invoice: the first period's fees, billed in advance when the term starts",
    );
    expect(explain(opening, { format: "html" })).toContain(
      "<dt>Kind</dt><dd>opening invoice: the first period's fees, billed in advance</dd>",
    );
    expect(json(opening).invoice.kind).toBe("opening");
  });
});

describe("docs/explain.md", () => {
  it("shows the Markdown explain prints for its worked example, byte for byte", () => {
    const page = readFileSync("docs/explain.md", "utf8");
    const block = /```markdown\n([\s\S]*?)```/.exec(page)?.[1];
    expect(block).toBeDefined();
    expect(explain(smallInvoice({ name: "Egress" }), { format: "markdown" })).toContain(block);
  });
});

describe("explain: HTML", () => {
  const html = explain(smallInvoice(), { format: "html" });

  it("escapes the input: a <script> in a charge name or an event id is text", () => {
    expect(html).toContain("Egress &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(html).toContain("evt_&lt;b&gt;late&lt;/b&gt;");
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it("loads nothing: no URL to fetch, and a policy that refuses any", () => {
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toContain("@import");
    expect(html).toContain("default-src 'none'");
  });

  it("draws one point per day and the tier bound, and says so when there is no daily data", () => {
    expect(html.match(/<circle class="point"/g)).toHaveLength(30);
    expect(html).toContain("tier 2 above 100 GB, crossed 2026-04-20");
    const without = explain(smallInvoice({ daily: false }), { format: "html" });
    expect(without).not.toContain('<svg class="usage-chart"');
    expect(without).toContain("no daily data");
  });
});

describe("numbers rounded for reading", () => {
  it("keeps a short quantity exact and marks a long one rounded", () => {
    expect(readableQuantity("61400")).toBe("61,400");
    expect(readableQuantity("31415.926")).toBe("31,415.926");
    // golden-rich's storage: 177.32166890982503… GB-month; to 3 decimals, half-even: 177.322.
    expect(readableQuantity("177.32166890982503364737550471063257065948855989233")).toBe("≈ 177.322");
  });

  it("keeps an amount to 4 decimals past the minor unit, the sign before the currency", () => {
    const usd = { prefix: "$", minorUnits: 2 };
    expect(readableMoney("65.745", usd)).toBe("$65.745");
    expect(readableMoney("-8.25", usd)).toBe("-$8.25");
    expect(readableMoney("800", usd)).toBe("$800.00");
    // 500 × 15 ÷ 31 = 241.935483870967…: 6 decimals, half-even, 241.935484.
    expect(readableMoney("241.93548387096774193548", usd)).toBe("≈ $241.935484");
    expect(readableMoney("-241.93548387096774193548", usd)).toBe("≈ -$241.935484");
  });

  it("shows golden-rich's storage quantity rounded in Markdown and HTML, exact in JSON", () => {
    const invoice = JSON.parse(readFileSync("fixtures/golden-rich/expected.json", "utf8")) as Invoice;
    expect(explain(invoice, { format: "markdown" })).toContain("| Storage | ≈ 177.322 GB-month | €4.08 |");
    expect(explain(invoice, { format: "html" })).toContain(
      'title="exact: 177.32166890982503364737550471063257065948855989233"',
    );
    const storage = json(invoice).lines.find((line) => line.id === "storage")!;
    expect(storage.quantity).toEqual({
      display: "≈ 177.322",
      exact: "177.32166890982503364737550471063257065948855989233",
    });
  });
});

describe("the waterfall ties on every fixture", () => {
  // Every UAT fixture (a folder with an expected invoice; fixtures/disputes holds the cookbook's cases).
  const fixtures = readdirSync("fixtures").filter(
    (name) => !name.startsWith("_") && existsSync(join("fixtures", name, "expected.json")),
  );
  it.each(fixtures)("%s: subtotal + changes = total, total + credits after tax = amount due", (name) => {
    const invoice = JSON.parse(readFileSync(join("fixtures", name, "expected.json"), "utf8")) as Invoice;
    const { waterfall } = json(invoice);
    expect(waterfallTies(waterfall)).toBe(true);
    expect(waterfall.at(-1)!.running.exact).toBe(invoice.amountDue ?? invoice.total);
  });

  it("says nothing is due on a total below zero, before credits after tax pay what is due", () => {
    // A credit line of -5.00 alone: total -5.00; what is due starts at 0.00, so the prepaid wallet
    // after tax pays 0.00 and 0.00 is due. The step that lifts -5.00 to 0.00 is +5.00.
    const invoice: Invoice = {
      ...smallInvoice(),
      subtotal: "-5.00",
      discounts: [],
      tax: undefined,
      total: "-5.00",
      credits: [
        {
          id: "wallet",
          name: "Wallet",
          stage: "after_tax",
          balanceBefore: "10.00",
          applied: "0.00",
          balanceAfter: "10.00",
        },
      ],
      amountDue: "0.00",
    };
    const steps = waterfallOf(invoice, { prefix: "$", minorUnits: 2 });
    expect(steps.map((step) => [step.kind, step.amount.exact, step.running.exact])).toEqual([
      ["subtotal", "-5.00", "-5.00"],
      ["total", "-5.00", "-5.00"],
      ["below_zero_not_due", "5", "0"],
      ["credit_after_tax", "0.00", "0"],
      ["amount_due", "0.00", "0.00"],
    ]);
    expect(waterfallTies(steps)).toBe(true);
  });

  it("catches a waterfall that does not tie", () => {
    const { waterfall } = json(smallInvoice());
    const broken = waterfall.map((step) =>
      step.kind === "discount" ? { ...step, amount: { ...step.amount, exact: "-1.16" } } : step,
    );
    expect(waterfallTies(broken)).toBe(false);
  });
});

describe("explain refuses what it cannot explain", () => {
  it("an unknown format, naming the formats", () => {
    const error = thrown(() => explain(smallInvoice(), { format: "pdf" as "text" }));
    expect(isRatecardError(error) && error.path).toBe("options.format");
    expect((error as Error).message).toBe("explain writes the formats text, markdown, json, html, not pdf.");
  });

  it("a value that is not an invoice, with the path inside it", () => {
    const error = thrown(() => explain({ ...smallInvoice(), total: 12 }, { format: "html" }));
    expect(isRatecardError(error) && error.code).toBe("invalid_argument");
    expect((error as Error).message).toMatch(/^explain needs an invoice ratecard issued: /);
    expect(isRatecardError(error) && error.path).toBe("invoice.total");
  });

  // An invoice file read with readFileSync and passed on as text: the sentence says what to do with it.
  it("an invoice given as its JSON text, saying to JSON.parse it first", () => {
    const text = JSON.stringify(smallInvoice(), null, 2);
    for (const call of [() => explainText(text as never), () => explain(text as never)]) {
      const error = thrown(call);
      expect(isRatecardError(error) && error.code).toBe("invalid_argument");
      expect(isRatecardError(error) && error.path).toBe("invoice");
      expect((error as Error).message).toMatch(/; it is JSON text: JSON\.parse it first\.$/);
    }
    // reconcile's and the parsers' refusals of the same text end the same way.
    for (const call of [() => parseInvoice(text), () => reconcile(text as never, smallInvoice())])
      expect((thrown(call) as Error).message).toMatch(/it is JSON text: JSON\.parse it first\.$/);
  });

  it("text that is not an object's JSON gets no such advice", () => {
    for (const text of ["inv_123.json", "[1, 2]", "{ not closed"])
      expect((thrown(() => explainText(text as never)) as Error).message).not.toMatch(/JSON\.parse/);
  });
});
