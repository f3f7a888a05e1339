import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check, checkReportText, type FixtureInput, figureDifferences } from "../../src/check/index.js";
import { readUsage } from "../../src/cli/readUsage.js";
import { parseInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";

// Two committed fixtures as the CLI hands them to check, without their expected.json: the figures
// below are the ones their READMEs work out by hand.
const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
async function fixture(name: string): Promise<FixtureInput> {
  const dir = join(FIXTURES, name);
  return {
    name,
    contract: JSON.parse(readFileSync(join(dir, "contract.json"), "utf8")),
    events: await readUsage(join(dir, "usage.ndjson")),
  };
}
const cdnBasic = await fixture("cdn-basic");
const goldenRich = await fixture("golden-rich");
const cdnExpectedText = readFileSync(join(FIXTURES, "cdn-basic", "expected.json"), "utf8");

// fixtures/cdn-basic/README.md: February 2026 in New York, 500.00 + 3,656.00 + 2,242.04 + 1,200.00 +
// 65.74 = 7,663.78, no tax, no discount.
const cdnFigures = {
  period: "2026-02",
  lines: {
    platform_fee: "500.00",
    bandwidth_na: { quantity: "61400", amount: "3656.00" },
    bandwidth_eu: { quantity: "31415.926", amount: "2242.04" },
    bandwidth_apac: { quantity: "10000", amount: "1200.00" },
    requests: { quantity: "87654321", amount: "65.74" },
  },
  subtotal: "7663.78",
  total: "7663.78",
};

function withFigures(input: FixtureInput, figures: unknown): FixtureInput {
  return { ...input, figuresText: `${JSON.stringify(figures, null, 2)}\n` };
}

describe("check with expected-figures.json", () => {
  it("names the billed line an id written down most likely meant, and guesses nothing between two", () => {
    // bandwidth_ap written for bandwidth_apac: the only line billed but not written down, and one it begins.
    const { bandwidth_apac, ...others } = cdnFigures.lines;
    const misspelt = { ...cdnFigures, lines: { ...others, bandwidth_ap: bandwidth_apac } };
    const [result] = check([withFigures(cdnBasic, misspelt)]).fixtures;
    expect(result?.differences).toContainEqual({
      path: "figures.lines.bandwidth_ap",
      expected: '"1200.00"',
      lineId: "bandwidth_ap",
      likelyId: "bandwidth_apac",
    });
    expect(checkReportText(check([withFigures(cdnBasic, misspelt)]))).toContain(
      "bandwidth_apac is billed but not written down: a misspelling of it?",
    );
    // With bandwidth_eu left out as well, "bandwidth" alone begins both: no guess between the two.
    const { bandwidth_eu, ...fewer } = others;
    const ambiguous = { ...cdnFigures, lines: { ...fewer, bandwidth: bandwidth_apac } };
    const [unsure] = check([withFigures(cdnBasic, ambiguous)]).fixtures;
    const written = unsure?.differences.find((difference) => difference.path === "figures.lines.bandwidth");
    expect(written).toBeDefined();
    expect(written?.likelyId).toBeUndefined();
    expect(bandwidth_eu.amount).toBe("2242.04");
  });

  it("passes a fixture whose figures, worked out by hand, are billed, with no expected.json", () => {
    const result = check([withFigures(cdnBasic, cdnFigures)]);
    expect(result.fixtures[0]?.status).toBe("pass");
    expect(result).toMatchObject({ passed: 1, failed: 0, errors: 0 });
  });

  it("passes the rich fixture's figures: discounts, credits before and after tax, tax, amount due", () => {
    // fixtures/golden-rich/README.md: subtotal 687.25; launch10 10 % of 82.53 = −8.25; the SLA credit
    // −25.00 before tax; VAT 124.27; total 654.00 + 124.27 = 778.27; the wallet pays 200.00: 578.27 due.
    const figures = JSON.parse(readFileSync(join(FIXTURES, "golden-rich", "expected-figures.json"), "utf8"));
    expect(check([withFigures(goldenRich, figures)]).fixtures[0]?.status).toBe("pass");
    // One cent off the wallet is two figures off: the credit applied and the amount due.
    const off = { ...figures, credits: { ...figures.credits, wallet: "-199.99" } };
    const [result] = check([withFigures(goldenRich, off)]).fixtures;
    expect(result?.differences).toEqual([
      // −200.00 − (−199.99) = −0.01
      { path: "figures.credits.wallet", expected: '"-199.99"', actual: '"-200.00"', delta: "-0.01" },
    ]);
  });

  it("names the figure, what was written down, what is billed and by how much, and the line in words", () => {
    // bandwidth_eu written down as 2,242.03 (truncated): billed 2,242.04, +0.01
    const figures = { ...cdnFigures, lines: { ...cdnFigures.lines, bandwidth_eu: "2242.03" } };
    const [result] = check([withFigures(cdnBasic, figures)]).fixtures;
    expect(result?.status).toBe("fail");
    expect(result?.reason).toBe("expected-figures.json: 1 figure differs");
    expect(result?.differences).toEqual([
      {
        path: "figures.lines.bandwidth_eu",
        expected: '"2242.03"',
        actual: '"2242.04"',
        lineId: "bandwidth_eu",
        delta: "+0.01",
      },
    ]);
    expect(result?.lines).toEqual([
      { id: "bandwidth_eu", figuresOnly: true, actual: expect.stringContaining("Line total $2,242.04") },
    ]);
    const report = checkReportText({ fixtures: result ? [result] : [], passed: 0, failed: 1, errors: 0 });
    expect(report).toContain(
      'figures.lines.bandwidth_eu: expected "2242.03", recomputed "2242.04" (recomputed − expected: +0.01)',
    );
    // the line in words once, as recomputed: a figure is no line to explain
    expect(report).toContain("      recomputed:\n        Bandwidth (Europe)");
    expect(report).not.toContain("      expected:");
  });

  it("fails a line billed that is not written down and a line written down that is not billed", () => {
    const { requests: _, ...fourLines } = cdnFigures.lines;
    const figures = { ...cdnFigures, lines: { ...fourLines, support: "100.00" } };
    const [result] = check([withFigures(cdnBasic, figures)]).fixtures;
    expect(result?.reason).toBe(
      "expected-figures.json: 1 amount billed is not written down, 1 figure written down is not billed",
    );
    expect(result?.differences).toEqual([
      { path: "figures.lines.requests", actual: '"65.74"', lineId: "requests" },
      { path: "figures.lines.support", expected: '"100.00"', lineId: "support" },
    ]);
    const report = checkReportText({ fixtures: result ? [result] : [], passed: 0, failed: 1, errors: 0 });
    expect(report).toContain('figures.lines.requests: expected (not written down), recomputed "65.74"');
    expect(report).toContain('figures.lines.support: expected "100.00", recomputed (not billed)');
  });

  it("says a figure is written with the other sign when a credit applied is written as a positive amount", () => {
    // golden-rich's README: the SLA credit applies 25.00 before tax, written -25.00 as the invoice does;
    // written 25.00 it differs by -25.00 − 25.00 = -50.00, which alone does not say the sign is wrong
    const figures = JSON.parse(readFileSync(join(FIXTURES, "golden-rich", "expected-figures.json"), "utf8"));
    const [result] = check([
      withFigures(goldenRich, { ...figures, credits: { ...figures.credits, sla_march: "25.00" } }),
    ]).fixtures;
    expect(result?.reason).toBe(
      "expected-figures.json: 1 figure differs; figures.credits.sla_march is written 25.00 but billed -25.00: discounts, credits applied and credits for unused time are negative on an invoice, a credit note's lines positive",
    );
  });

  it("says which lines to write down when a charge billed on lines of its own is written down by its id", () => {
    // golden-rich bills egress per region: 65.00 (eu) + 17.53 (us), written down as one egress figure
    const figures = JSON.parse(readFileSync(join(FIXTURES, "golden-rich", "expected-figures.json"), "utf8"));
    const { 'egress[region="eu"]': _eu, 'egress[region="us"]': _us, ...others } = figures.lines;
    const [result] = check([
      withFigures(goldenRich, { ...figures, lines: { ...others, egress: "82.53" } }),
    ]).fixtures;
    expect(result?.reason).toBe(
      'expected-figures.json: 2 amounts billed are not written down, 1 figure written down is not billed; the invoice bills charge egress as egress[region="eu"] and egress[region="us"]: write down each of these lines',
    );
  });

  it("compares by value, takes amounts as JSON numbers, and checks a quantity only when written down", () => {
    const figures = {
      period: "2026-02-01/2026-03-01",
      lines: { ...cdnFigures.lines, platform_fee: 500, bandwidth_na: "3656", requests: { amount: "65.740" } },
      total: 7663.78,
    };
    expect(check([withFigures(cdnBasic, figures)]).fixtures[0]?.status).toBe("pass");
    // a number that differs is reported as the text it reads as, like any figure
    const [number] = check([withFigures(cdnBasic, { ...figures, total: 7663.77 })]).fixtures;
    expect(number?.differences).toEqual([
      { path: "figures.total", expected: '"7663.77"', actual: '"7663.78"', delta: "+0.01" },
    ]);
    // 87,654,321 requests, written down as 87,654,320
    const quantity = {
      ...cdnFigures,
      lines: { ...cdnFigures.lines, requests: { quantity: "87654320", amount: "65.74" } },
    };
    expect(check([withFigures(cdnBasic, quantity)]).fixtures[0]?.differences).toEqual([
      {
        path: "figures.lines.requests.quantity",
        expected: '"87654320"',
        actual: '"87654321"',
        lineId: "requests",
        delta: "+1",
      },
    ]);
  });

  // A JSON number is read from the file's text as written, not as the double JSON.parse makes of it: a
  // double keeps 15–17 significant digits, and a figure with more passed as the double it rounds to.
  it("reads a JSON number exactly as written, digits a double does not keep included", () => {
    const written = (text: string) => ({ ...cdnBasic, figuresText: text });
    const figures = (requests: string, total: string) =>
      `{ "period": "2026-02", "lines": { "platform_fee": 500.00, "bandwidth_na": 3656.00, "bandwidth_eu": 2242.04, "bandwidth_apac": 1200.00, "requests": ${requests} }, "total": ${total} }`;
    expect(check([written(figures("65.74", "7663.78"))]).fixtures[0]?.status).toBe("pass");
    // 87,654,321.000000001 requests (a quantity takes any number of decimals): the double is
    // 87,654,321 (its spacing there is 2^-26 ≈ 0.0000000149), so the figure passed; it is 0.000000001
    // more than the 87,654,321 billed
    const quantity = check([
      written(figures('{ "quantity": 87654321.000000001, "amount": 65.74 }', "7663.78")),
    ]);
    expect(quantity.fixtures[0]?.differences).toEqual([
      {
        path: "figures.lines.requests.quantity",
        expected: '"87654321.000000001"',
        actual: '"87654321"',
        lineId: "requests",
        delta: "-0.000000001",
      },
    ]);
    // 7,663.7800000000000001 has 16 decimals, more than a money amount has (12): refused, as the same
    // figure written as text is; the double, 7663.78, passed
    const [amount] = check([written(figures("65.74", "7663.7800000000000001"))]).fixtures;
    expect(amount?.status).toBe("error");
    expect(amount?.reason).toBe(
      "expected-figures.json: total is 7663.7800000000000001 (16 decimals); a money amount must be less than 10^15 in size, with at most 12 decimals.",
    );
    // a number is shown as written: 7663.70 (not 7663.7); 1.5e3 as its value, 1500
    const [shown] = check([written(figures("1.5e3", "7663.70"))]).fixtures;
    expect(shown?.differences).toEqual([
      {
        path: "figures.lines.requests",
        expected: '"1500"',
        actual: '"65.74"',
        lineId: "requests",
        delta: "-1434.26",
      },
      { path: "figures.total", expected: '"7663.70"', actual: '"7663.78"', delta: "+0.08" },
    ]);
  });

  it("reads no tax as 0 and no amount due as the total; lists discounts and credits only when given", () => {
    // cdn-basic has no tax, no credit after tax, no discount and no credit
    const plain = { ...cdnFigures, tax: "0.00", amountDue: "7663.78", discounts: {}, credits: {} };
    expect(check([withFigures(cdnBasic, plain)]).fixtures[0]?.status).toBe("pass");
    const taxed = { ...cdnFigures, tax: "1.00", amountDue: "7664.78", discounts: { launch: "-1.00" } };
    expect(check([withFigures(cdnBasic, taxed)]).fixtures[0]?.differences).toEqual([
      { path: "figures.discounts.launch", expected: '"-1.00"' },
      { path: "figures.tax", expected: '"1.00"', actual: '"0.00"', delta: "-1.00" },
      { path: "figures.amountDue", expected: '"7664.78"', actual: '"7663.78"', delta: "-1.00" },
    ]);
    // golden-rich without its discounts and credits written down still passes on the other figures
    const figures = JSON.parse(readFileSync(join(FIXTURES, "golden-rich", "expected-figures.json"), "utf8"));
    const { discounts: _d, credits: _c, ...rest } = figures;
    expect(check([withFigures(goldenRich, rest)]).fixtures[0]?.status).toBe("pass");
    // but a list given is a list of every one: the wallet left out is a credit not written down
    const [result] = check([withFigures(goldenRich, { ...rest, credits: { sla_march: "-25.00" } })]).fixtures;
    expect(result?.differences).toEqual([{ path: "figures.credits.wallet", actual: '"-200.00"' }]);
  });

  it("checks both files when a fixture has both, and reports each file's differences", () => {
    const edited = JSON.parse(cdnExpectedText);
    edited.metadata = { ...edited.metadata, po_number: "PO-1" };
    const figures = { ...cdnFigures, total: "7663.77" };
    const [result] = check([
      { ...withFigures(cdnBasic, figures), expectedText: `${JSON.stringify(edited, null, 2)}\n` },
    ]).fixtures;
    expect(result?.reason).toBe("1 field differs; expected-figures.json: 1 figure differs");
    expect(result?.differences.map((difference) => difference.path)).toEqual([
      "metadata.po_number",
      "figures.total",
    ]);
    // with expected.json as issued, only the figure fails
    const [figureOnly] = check([
      { ...withFigures(cdnBasic, figures), expectedText: cdnExpectedText },
    ]).fixtures;
    expect(figureOnly?.reason).toBe("expected-figures.json: 1 figure differs");
  });

  it("refuses figures that are not valid, naming the field, as an error of the fixture", () => {
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [{ ...cdnFigures, total: undefined }, "total"],
      [{ ...cdnFigures, lines: { platform_fee: "five hundred" } }, "lines.platform_fee"],
      [{ ...cdnFigures, totl: "7663.78" }, "totl"],
    ];
    for (const [figures, path] of cases) {
      const [result] = check([withFigures(cdnBasic, figures)]).fixtures;
      expect(result?.status).toBe("error");
      expect(result?.reason).toMatch(new RegExp(`^expected-figures\\.json: ${path.replace(".", "\\.")} `));
    }
    const [notJson] = check([{ ...cdnBasic, figuresText: "{ lines: }" }]).fixtures;
    expect(notJson?.reason).toMatch(/^expected-figures\.json is not JSON: /);
  });

  it("names the figure inside a line written as an object, not the object, when that figure is not valid", () => {
    // bandwidth_na's quantity written with a thousands comma: the reason named the whole line ("must be
    // the line's amount … not an object"), though the object is the right shape and only "61,400" is wrong
    const cases: ReadonlyArray<readonly [unknown, string, string]> = [
      [
        {
          ...cdnFigures,
          lines: { ...cdnFigures.lines, bandwidth_na: { quantity: "61,400", amount: "3656.00" } },
        },
        "lines.bandwidth_na.quantity",
        'the text "61,400"',
      ],
      [
        {
          ...cdnFigures,
          lines: { ...cdnFigures.lines, requests: { quantity: "87654321", amount: "$65.74" } },
        },
        "lines.requests.amount",
        'the text "$65.74"',
      ],
      [
        {
          ...cdnFigures,
          creditNote: { lines: { "bandwidth_na:credit:1": { quantity: "1 000", amount: "1" } }, total: "1" },
        },
        'creditNote.lines["bandwidth_na:credit:1"].quantity',
        'the text "1 000"',
      ],
    ];
    for (const [figures, path, found] of cases) {
      const [result] = check([withFigures(cdnBasic, figures)]).fixtures;
      expect(result?.status).toBe("error");
      expect(result?.reason).toContain(`expected-figures.json: ${path} must be`);
      expect(result?.reason).toContain(found);
      expect(result?.reason).not.toContain("not an object");
    }
  });

  it("takes the period from expected.json, then the figures, then fixture.json, and refuses two that differ", () => {
    const { period: _, ...undated } = cdnFigures;
    // no period anywhere
    const [none] = check([withFigures(cdnBasic, undated)]).fixtures;
    expect(none?.status).toBe("error");
    expect(none?.reason).toContain(
      "there is no expected.json or expected-figures.json to take the period from",
    );
    // fixture.json names it
    expect(check([{ ...withFigures(cdnBasic, undated), period: "2026-02" }]).fixtures[0]?.status).toBe(
      "pass",
    );
    // fixture.json and the figures disagree
    const [both] = check([{ ...withFigures(cdnBasic, cdnFigures), period: "2026-03" }]).fixtures;
    expect(both?.reason).toBe(
      "fixture.json names the period 2026-03, but expected-figures.json names 2026-02: correct one of them (or delete fixture.json, which only names the period until a file of expected figures does)",
    );
    // the figures and expected.json (February's invoice) disagree
    const march = { ...cdnFigures, period: "2026-03" };
    const [other] = check([{ ...withFigures(cdnBasic, march), expectedText: cdnExpectedText }]).fixtures;
    expect(other?.reason).toBe(
      "expected-figures.json names the period 2026-03, but expected.json is the invoice for 2026-02-01/2026-03-01: correct one of them",
    );
    // fixture.json names a month the figures' month does not lie within, either way round
    const [later] = check([
      { ...withFigures(cdnBasic, { ...cdnFigures, period: "2026-03" }), period: "2026-02" },
    ]).fixtures;
    expect(later?.reason).toMatch(
      /^fixture\.json names the period 2026-02, but expected-figures\.json names 2026-03/,
    );
    // a period the figures write that is not understood names the file and the field
    const february =
      'Period "February" is not understood; write a month like 2026-02, a day (2026-02-10), a quarter (2026-Q1), a year (2026) or a range like 2026-02-01/2026-03-01. (at period)';
    const [unread] = check([withFigures(cdnBasic, { ...cdnFigures, period: "February" })]).fixtures;
    expect(unread?.reason).toBe(`expected-figures.json: ${february}`);
    // so does one checked against another file's: fixture.json's, or the figures' beside expected.json
    const [named] = check([{ ...withFigures(cdnBasic, cdnFigures), period: "February" }]).fixtures;
    expect(named?.reason).toBe(`fixture.json: ${february}`);
    const [beside] = check([
      { ...withFigures(cdnBasic, { ...cdnFigures, period: "February" }), expectedText: cdnExpectedText },
    ]).fixtures;
    expect(beside?.reason).toBe(`expected-figures.json: ${february}`);
    const [twoNamed] = check([
      { ...withFigures(cdnBasic, { ...cdnFigures, period: "February" }), period: "2026-02" },
    ]).fixtures;
    expect(twoNamed?.reason).toBe(`expected-figures.json: ${february}`);
  });
});

describe("figureDifferences", () => {
  const invoice = parseInvoice(JSON.parse(cdnExpectedText));
  const minor = (text: string) => text.replace(/(\d)$/, (digit) => String((Number(digit) + 1) % 10));

  it("finds any one amount written down a minor unit off, and only that one", () => {
    // The figures of the issued invoice itself, each figure in turn moved by one cent.
    const own = {
      lines: Object.fromEntries(
        invoice.lines.map((line) => [line.id, { quantity: line.quantity, amount: line.amount }]),
      ),
      subtotal: invoice.subtotal,
      total: invoice.total,
    };
    const parsed = (figures: unknown) =>
      check([{ ...withFigures(cdnBasic, figures), period: "2026-02" }]).fixtures[0];
    expect(parsed(own)?.status).toBe("pass");
    const targets = [
      ...invoice.lines.map((line) => ["lines", line.id, "amount"] as const),
      ["subtotal"] as const,
      ["total"] as const,
    ];
    fc.assert(
      fc.property(fc.constantFrom(...targets), (target) => {
        const figures = structuredClone(own) as Record<string, unknown>;
        let at = figures;
        for (const key of target.slice(0, -1)) at = at[key] as Record<string, unknown>;
        const key = target[target.length - 1] as string;
        at[key] = minor(at[key] as string);
        const result = parsed(figures);
        expect(result?.status).toBe("fail");
        expect(result?.differences).toHaveLength(1);
        expect(result?.differences[0]?.path).toBe(`figures.${target.join(".")}`);
        expect(result?.differences[0]?.delta).toMatch(/^[+-]0\.0[19]$/);
      }),
      { numRuns: 50 },
    );
  });

  it("is empty for figures equal in value, whatever their notation", () => {
    // "500.00" written as "500", "5e+2" or "500.000": the decimals a figure is written with do not matter
    const notations = (text: string) => [
      new Decimal(text).toFixed(),
      new Decimal(text).toExponential(),
      `${text}0`,
    ];
    for (const pick of [0, 1, 2]) {
      const written = (text: string) => notations(text)[pick] as string;
      const lines = Object.fromEntries(
        invoice.lines.map((line) => [line.id, { amount: written(line.amount), inObject: false }]),
      );
      expect(figureDifferences({ lines, total: written(invoice.total) }, invoice)).toEqual([]);
    }
    // and one cent off in any notation is found
    const lines = Object.fromEntries(
      invoice.lines.map((line) => [line.id, { amount: line.amount, inObject: false }]),
    );
    expect(figureDifferences({ lines, total: "7.66379e+3" }, invoice)).toEqual([
      { path: "figures.total", expected: '"7.66379e+3"', actual: '"7663.78"' },
    ]);
  });
});
