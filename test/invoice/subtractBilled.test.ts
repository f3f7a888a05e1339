import { describe, expect, it } from "vitest";
import type { Invoice, InvoiceLine } from "../../src/invoice/index.js";
import { subtractBilled } from "../../src/invoice/subtractBilled.js";
import { handBuiltInvoice } from "../_support/handBuiltInvoice.js";

// subtractBilled is the arithmetic of progressive billing (docs/progressive-billing.md): the invoice
// rated on the usage so far less what the earlier progressive invoices of the period billed, figure by
// figure. These worked examples hand it small invoices whose every figure is chosen by hand, so each
// section (lines and their adjustments, allowance pools, discounts, commitments, credit grants, tax per
// rate and per line, amount due) is checked on its own, over TWO earlier invoices (sums, not copies).

const PERIOD = { start: "2026-03-01T00:00:00.000Z", end: "2026-04-01T00:00:00.000Z" };

function line(id: string, quantity: string, amount: string, extra: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    id,
    chargeId: id,
    name: id,
    model: "unit",
    period: PERIOD,
    quantity,
    priceKind: "unit",
    amount,
    steps: [],
    ...extra,
  } as InvoiceLine;
}

const invoice = handBuiltInvoice;

const billedEarlier = (fields: Record<string, unknown>) => ({
  kind: "billed_earlier",
  invoices: ["p1", "p2"],
  ...fields,
});

describe("subtractBilled: lines, their adjustments, and lines gone since", () => {
  const first = invoice("p1", {
    lines: [
      line("bw", "100", "10.00", {
        adjustments: [
          { kind: "discount", source: "ten", amount: "-1.00" },
          { kind: "credit", source: "promo", amount: "-2.00" },
        ],
        net: "7.00",
      }),
      line("old", "5", "3.00"),
    ],
    subtotal: "13.00",
    total: "10.00",
  });
  const second = invoice("p2", {
    lines: [
      line("bw", "50", "5.00", {
        adjustments: [{ kind: "discount", source: "ten", amount: "-0.50" }],
        net: "4.50",
      }),
      line("old", "2", "1.20", {
        adjustments: [{ kind: "discount", source: "ten", amount: "-0.12" }],
        net: "1.08",
      }),
    ],
    subtotal: "6.20",
    total: "5.58",
  });
  const fee = line("fee", "1", "20.00");
  const cumulative = invoice("c", {
    lines: [
      line("bw", "400", "40.00", {
        steps: [{ kind: "rated" } as never],
        adjustments: [
          { kind: "discount", source: "ten", amount: "-4.00" },
          { kind: "commitment_cap", source: "commit", amount: "-1.00" },
        ],
        net: "35.00",
      }),
      fee,
    ],
    subtotal: "60.00",
    total: "55.00",
  });
  const result = () => subtractBilled(cumulative, [first, second]);
  const of = (id: string) => result().lines.find((item) => item.id === id);

  it("subtracts each line's quantity and amount billed on every earlier invoice, with a step saying so", () => {
    // quantity 400 − (100 + 50) = 250; amount 40.00 − (10.00 + 5.00) = 25.00
    expect([of("bw")?.quantity, of("bw")?.amount]).toStrictEqual(["250", "25.00"]);
    expect(of("bw")?.steps).toStrictEqual([
      { kind: "rated" },
      billedEarlier({
        cumulativeQuantity: "400",
        cumulativeAmount: "40.00",
        quantity: "150",
        amount: "-15.00",
      }),
    ]);
  });

  it("subtracts each adjustment by kind and source, keeping ones only the cumulative or earlier lines have", () => {
    // discount ten: −4.00 − (−1.00 − 0.50) = −2.50; cap: −1.00 − 0 = −1.00 (new);
    // credit promo: 0 − (−2.00) = 2.00 (the earlier invoice's credit, given back on this line)
    expect(of("bw")?.adjustments).toStrictEqual([
      { kind: "discount", source: "ten", amount: "-2.50" },
      { kind: "commitment_cap", source: "commit", amount: "-1.00" },
      { kind: "credit", source: "promo", amount: "2.00" },
    ]);
    // net 35.00 − (7.00 + 4.50) = 23.50 = 25.00 − 2.50 − 1.00 + 2.00
    expect(of("bw")?.net).toBe("23.50");
  });

  it("leaves a line no earlier invoice billed as it is", () => {
    expect(of("fee")).toBe(fee);
  });

  it("reverses a line only earlier invoices have, adjustments and net included, after the others", () => {
    expect(result().lines.map((item) => item.id)).toStrictEqual(["bw", "fee", "old"]);
    // quantity 0 − (5 + 2) = −7; amount 0.00 − (3.00 + 1.20) = −4.20
    expect(of("old")).toMatchObject({ quantity: "-7", amount: "-4.20" });
    expect(of("old")?.steps).toStrictEqual([
      billedEarlier({ cumulativeQuantity: "0", cumulativeAmount: "0.00", quantity: "7", amount: "-4.20" }),
    ]);
    // discount ten: 0 − (−0.12) = 0.12 given back; net: 0 − (3.00 + 1.08) = −4.08 = −4.20 + 0.12
    expect(of("old")?.adjustments).toStrictEqual([{ kind: "discount", source: "ten", amount: "0.12" }]);
    expect(of("old")?.net).toBe("-4.08");
  });

  it("adds the lines up to the subtotal and subtracts the totals", () => {
    // 25.00 + 20.00 − 4.20 = 40.80; total 55.00 − (10.00 + 5.58) = 39.42
    expect([result().subtotal, result().total]).toStrictEqual(["40.80", "39.42"]);
  });

  it("writes no section that no invoice has", () => {
    expect(Object.keys(result())).toStrictEqual(["lines", "subtotal", "total"]);
  });
});

describe("subtractBilled: a line without adjustments anywhere", () => {
  it("writes neither adjustments nor net", () => {
    const first = invoice("p1", { lines: [line("bw", "3", "0.30")], total: "0.30" });
    const cumulative = invoice("c", { lines: [line("bw", "5", "0.50")], total: "0.50" });
    const [bw] = subtractBilled(cumulative, [first]).lines;
    // 5 − 3 = 2 units; 0.50 − 0.30 = 0.20
    expect(bw).toMatchObject({ quantity: "2", amount: "0.20" });
    expect(bw && "adjustments" in bw).toBe(false);
    expect(bw && "net" in bw).toBe(false);
  });
});

describe("subtractBilled: an allowance pool drawn over several invoices", () => {
  const pool = (drawn: Array<[string, string]>, remaining: string) => ({
    id: "pool",
    name: "Shared GB",
    quantity: "1000",
    drawn: drawn.map(([lineId, quantity]) => ({ line: lineId, quantity })),
    remaining,
  });
  const small = (drawn: string, remaining: string) => ({
    id: "small",
    name: "Small",
    quantity: "100",
    drawn: [{ line: "x", quantity: drawn }],
    remaining,
  });
  const first = invoice("p1", { allowances: [pool([["a", "300"]], "700"), small("10", "90")] });
  const second = invoice("p2", {
    allowances: [
      pool(
        [
          ["a", "200"],
          ["b", "100"],
        ],
        "400",
      ),
    ],
  });
  const cumulative = invoice("c", {
    allowances: [
      pool(
        [
          ["a", "600"],
          ["b", "300"],
          ["c", "50"],
        ],
        "50",
      ),
    ],
  });

  it("draws on this invoice what the period drew less what earlier invoices drew, line by line", () => {
    const [shared, gone] = subtractBilled(cumulative, [first, second]).allowances ?? [];
    // a: 600 − (300 + 200) = 100; b: 300 − 100 = 200; c: 50 (first drawn now); what is left is the period's
    expect(shared).toStrictEqual(
      pool(
        [
          ["a", "100"],
          ["b", "200"],
          ["c", "50"],
        ],
        "50",
      ),
    );
    // a pool only the first invoice drew from is given back: x: 0 − 10 = −10
    expect(gone).toMatchObject({ id: "small", drawn: [{ line: "x", quantity: "-10" }] });
  });

  it("keeps the pools when only earlier invoices have any", () => {
    const result = subtractBilled(invoice("c", {}), [first]);
    expect(result.allowances?.map((item) => [item.id, item.drawn])).toStrictEqual([
      ["pool", [{ line: "a", quantity: "-300" }]],
      ["small", [{ line: "x", quantity: "-10" }]],
    ]);
  });
});

describe("subtractBilled: discounts, by id, with their allocation", () => {
  const ten = (base: string, amount: string, allocation: Array<[string, string]>) => ({
    id: "ten",
    name: "Ten percent",
    percent: "10",
    base,
    amount,
    allocation: allocation.map(([lineId, share]) => ({ line: lineId, amount: share })),
  });
  const first = invoice("p1", {
    discounts: [
      ten("100.00", "-10.00", [["a", "-10.00"]]),
      { id: "five", name: "Five off", fixed: "5", base: "100.00", amount: "-5.00", allocation: [] },
    ],
  });
  const second = invoice("p2", { discounts: [ten("50.00", "-5.00", [["b", "-5.00"]])] });
  const cumulative = invoice("c", {
    discounts: [
      ten("300.00", "-30.00", [
        ["a", "-20.00"],
        ["b", "-10.00"],
      ]),
    ],
  });

  it("subtracts base, amount and each line's share", () => {
    const [discount, gone] = subtractBilled(cumulative, [first, second]).discounts ?? [];
    // base 300.00 − 150.00 = 150.00; amount −30.00 − (−15.00) = −15.00;
    // a: −20.00 − (−10.00) = −10.00; b: −10.00 − (−5.00) = −5.00
    expect(discount).toStrictEqual(
      ten("150.00", "-15.00", [
        ["a", "-10.00"],
        ["b", "-5.00"],
      ]),
    );
    // a discount only the first invoice had is taken back: base −100.00, amount +5.00
    expect(gone).toMatchObject({ id: "five", base: "-100.00", amount: "5.00", allocation: [] });
  });
});

describe("subtractBilled: commitments", () => {
  const first = invoice("p1", {
    commitments: [
      { id: "commit", name: "Commit", minimum: "100", maximum: "120", spend: "40.00", trueUp: "60.00" },
      { id: "old", name: "Old", spend: "20.00", cap: "-2.00", allocation: [{ line: "a", amount: "-2.00" }] },
    ],
  });
  const second = invoice("p2", {
    commitments: [
      { id: "commit", name: "Commit", minimum: "100", maximum: "120", spend: "30.00", overage: "3.00" },
    ],
  });
  const cumulative = invoice("c", {
    commitments: [
      {
        id: "commit",
        name: "Commit",
        minimum: "100",
        maximum: "120",
        spend: "150.00",
        overage: "5.00",
        cap: "-30.00",
        allocation: [
          { line: "a", amount: "-20.00" },
          { line: "b", amount: "-10.00" },
        ],
      },
      { id: "plain", name: "Plain", spend: "7.00" },
    ],
  });
  const commitments = () => subtractBilled(cumulative, [first, second]).commitments ?? [];

  it("subtracts spend, true-up, overage and cap; keeps the period's minimum and maximum", () => {
    // spend 150.00 − (40.00 + 30.00) = 80.00; true-up 0 − 60.00 = −60.00 (the period's spend passed the
    // minimum, so the first invoice's true-up is taken back); overage 5.00 − 3.00 = 2.00; cap −30.00 − 0
    expect(commitments()[0]).toStrictEqual({
      id: "commit",
      name: "Commit",
      minimum: "100",
      maximum: "120",
      spend: "80.00",
      trueUp: "-60.00",
      overage: "2.00",
      cap: "-30.00",
      allocation: [
        { line: "a", amount: "-20.00" },
        { line: "b", amount: "-10.00" },
      ],
    });
  });

  it("writes no optional figure that no invoice has", () => {
    expect(commitments()[1]).toStrictEqual({ id: "plain", name: "Plain", spend: "7.00" });
  });

  it("takes back a commitment only an earlier invoice had, cap and allocation included", () => {
    // spend 0 − 20.00; cap 0 − (−2.00) = 2.00; a: 0 − (−2.00) = 2.00
    expect(commitments()[2]).toStrictEqual({
      id: "old",
      name: "Old",
      spend: "-20.00",
      cap: "2.00",
      allocation: [{ line: "a", amount: "2.00" }],
    });
  });
});

describe("subtractBilled: a commitment whose allocation only earlier invoices have", () => {
  // "cap": the first invoice reached the cap and spread it over line a; the cumulative invoice writes no
  // allocation (as if the cap were not reached on the spend so far), so the first one's is given back.
  // "bare": no invoice has an allocation, the earlier ones included: none is written.
  const first = invoice("p1", {
    commitments: [
      { id: "cap", name: "Cap", spend: "20.00", cap: "-2.00", allocation: [{ line: "a", amount: "-2.00" }] },
      { id: "bare", name: "Bare", spend: "4.00" },
    ],
  });
  const second = invoice("p2", {
    commitments: [
      { id: "cap", name: "Cap", spend: "10.00" },
      { id: "bare", name: "Bare", spend: "1.00" },
    ],
  });
  const cumulative = invoice("c", {
    commitments: [
      { id: "cap", name: "Cap", spend: "50.00" },
      { id: "bare", name: "Bare", spend: "9.00" },
    ],
  });
  const commitments = () => subtractBilled(cumulative, [first, second]).commitments ?? [];

  it("gives the earlier allocation back, line by line, with the cap", () => {
    // spend 50.00 − (20.00 + 10.00) = 20.00; cap 0 − (−2.00) = 2.00; allocation a: 0 − (−2.00) = 2.00
    expect(commitments()[0]).toStrictEqual({
      id: "cap",
      name: "Cap",
      spend: "20.00",
      cap: "2.00",
      allocation: [{ line: "a", amount: "2.00" }],
    });
  });

  it("writes no allocation when no invoice has one", () => {
    // spend 9.00 − (4.00 + 1.00) = 4.00
    expect(commitments()[1]).toStrictEqual({ id: "bare", name: "Bare", spend: "4.00" });
  });
});

describe("subtractBilled: credit grants", () => {
  const tokens = (
    before: string,
    applied: string,
    used: string,
    after: string,
    allocation: Array<[string, string]>,
  ) => ({
    id: "tok",
    name: "Tokens",
    stage: "before_tax" as const,
    unit: "token",
    unitValue: "0.01",
    balanceBefore: before,
    applied,
    unitsUsed: used,
    balanceAfter: after,
    allocation: allocation.map(([lineId, amount]) => ({ line: lineId, amount })),
  });
  const cash = (before: string, applied: string, after: string) => ({
    id: "cash",
    name: "Cash",
    stage: "after_tax" as const,
    balanceBefore: before,
    applied,
    balanceAfter: after,
  });
  const first = invoice("p1", {
    credits: [tokens("1000", "-3.00", "300", "700", [["a", "-3.00"]]), cash("10.00", "-1.00", "9.00")],
  });
  const second = invoice("p2", {
    credits: [
      tokens("700", "-2.00", "200", "500", [
        ["a", "-1.50"],
        ["b", "-0.50"],
      ]),
      cash("9.00", "-0.50", "8.50"),
    ],
  });
  const cumulative = invoice("c", {
    creditBurnOrder: "expiry",
    credits: [
      tokens("1000", "-9.00", "900", "100", [
        ["a", "-6.00"],
        ["b", "-3.00"],
      ]),
      cash("10.00", "-4.00", "6.00"),
    ],
  });
  const result = () => subtractBilled(cumulative, [first, second]);

  it("burns what the period burned less earlier burns, from the balance the last invoice left", () => {
    const [tok, money] = result().credits ?? [];
    // applied −9.00 − (−3.00 − 2.00) = −4.00; units 900 − (300 + 200) = 400; balance 500 → 100
    // a: −6.00 − (−3.00 − 1.50) = −1.50; b: −3.00 − (−0.50) = −2.50
    expect(tok).toStrictEqual(
      tokens("500", "-4.00", "400", "100", [
        ["a", "-1.50"],
        ["b", "-2.50"],
      ]),
    );
    // −4.00 − (−1.00 − 0.50) = −2.50, from 8.50 (left by the second invoice) to 6.00
    expect(money).toStrictEqual(cash("8.50", "-2.50", "6.00"));
  });

  it("keeps the cumulative invoice's burn order", () => {
    expect(result().creditBurnOrder).toBe("expiry");
    expect("creditBurnOrder" in subtractBilled(invoice("c", {}), [first])).toBe(false);
  });

  it("starts from the grant's own opening balance when no earlier invoice burned it", () => {
    const [tok] = subtractBilled(cumulative, [invoice("p1", {})]).credits ?? [];
    expect(tok).toMatchObject({ balanceBefore: "1000", applied: "-9.00", unitsUsed: "900" });
  });

  it("keeps units and allocation when only earlier invoices state them", () => {
    const [tok] =
      subtractBilled(
        invoice("c", { credits: [cash("1000", "-9.00", "100")].map((item) => ({ ...item, id: "tok" })) }),
        [first],
      ).credits ?? [];
    // units 0 − 300 = −300; a: 0 − (−3.00) = 3.00
    expect(tok).toMatchObject({ unitsUsed: "-300", allocation: [{ line: "a", amount: "3.00" }] });
  });
});

describe("subtractBilled: tax with two rates, rounded per line", () => {
  type Rate = NonNullable<Invoice["tax"]>["rates"][number];
  const rate = (
    id: string,
    percent: string,
    base: string,
    amount: string,
    lines: Array<[string, string, string, string?]>,
  ): Rate => ({
    rate: id,
    name: id.toUpperCase(),
    percent,
    base,
    amount,
    lines: lines.map(([lineId, lineBase, exact, rounded]) => ({
      line: lineId,
      base: lineBase,
      exact,
      ...(rounded === undefined ? {} : { rounded }),
    })),
  });
  const tax = (
    rates: Rate[],
    total: string,
    net: string,
    rounding: "per_line" | "per_invoice" = "per_line",
  ) => ({
    mode: "exclusive" as const,
    rounding,
    rates,
    total,
    net,
    notes: ["note"],
  });
  const first = invoice("p1", {
    tax: tax(
      [
        rate("vat", "20", "10.00", "2.00", [["a", "10.00", "2", "2.00"]]),
        rate("city", "1.5", "10.00", "0.15", [["a", "10.00", "0.15", "0.15"]]),
      ],
      "2.15",
      "10.00",
    ),
  });
  const second = invoice("p2", {
    tax: tax(
      [
        rate("vat", "20", "5.55", "1.11", [["a", "5.55", "1.11", "1.11"]]),
        rate("city", "1.5", "5.55", "0.08", [["a", "5.55", "0.08325", "0.08"]]),
      ],
      "1.19",
      "5.55",
    ),
  });
  const cumulative = invoice("c", {
    tax: tax(
      [
        rate("vat", "20", "30.00", "6.00", [
          ["a", "20.00", "4", "4.00"],
          ["b", "10.00", "2", "2.00"],
        ]),
        rate("city", "1.5", "30.00", "0.45", [
          ["a", "20.00", "0.3", "0.30"],
          ["b", "10.00", "0.15", "0.15"],
        ]),
      ],
      "6.45",
      "30.00",
    ),
  });

  it("subtracts each rate's base and amount and each line's base, exact and rounded tax", () => {
    // vat: base 30.00 − 15.55 = 14.45, amount 6.00 − 3.11 = 2.89; a: 20.00 − 15.55 = 4.45, exact
    // 4 − (2 + 1.11) = 0.89, rounded 4.00 − 3.11 = 0.89; b: first taxed now
    // city: amount 0.45 − (0.15 + 0.08) = 0.22; a: exact 0.3 − (0.15 + 0.08325) = 0.06675 (kept exact),
    // rounded 0.30 − 0.23 = 0.07; total 6.45 − (2.15 + 1.19) = 3.11 = 2.89 + 0.22; net 30.00 − 15.55
    expect(subtractBilled(cumulative, [first, second]).tax).toStrictEqual(
      tax(
        [
          rate("vat", "20", "14.45", "2.89", [
            ["a", "4.45", "0.89", "0.89"],
            ["b", "10.00", "2", "2.00"],
          ]),
          rate("city", "1.5", "14.45", "0.22", [
            ["a", "4.45", "0.06675", "0.07"],
            ["b", "10.00", "0.15", "0.15"],
          ]),
        ],
        "3.11",
        "14.45",
      ),
    );
  });

  it("reverses a rate only earlier invoices have, keeping its percent and name", () => {
    const now = invoice("c", {
      tax: tax([rate("vat", "20", "30.00", "6.00", [["a", "30.00", "6", "6.00"]])], "6.00", "30.00"),
    });
    const [, city] = subtractBilled(now, [first, second]).tax?.rates ?? [];
    // city: base 0 − 15.55, amount 0 − 0.23; a: exact 0 − 0.23325, rounded 0 − 0.23
    expect(city).toStrictEqual(
      rate("city", "1.5", "-15.55", "-0.23", [["a", "-15.55", "-0.23325", "-0.23"]]),
    );
  });

  it("skips an earlier invoice without tax", () => {
    // only the second invoice's tax is taken off: vat 6.00 − 1.11 = 4.89, city 0.45 − 0.08 = 0.37
    const tax = subtractBilled(cumulative, [invoice("p1", {}), second]).tax;
    expect(tax?.rates.map((item) => [item.rate, item.amount])).toStrictEqual([
      ["vat", "4.89"],
      ["city", "0.37"],
    ]);
    expect(tax?.total).toBe("5.26");
  });

  it("keeps the last earlier invoice's tax shape when the cumulative invoice has no tax", () => {
    const plain = invoice("p1", {
      tax: tax([rate("vat", "20", "10.00", "2.00", [["a", "10.00", "2"]])], "2.00", "10.00", "per_invoice"),
    });
    // nothing taxed now: every figure is the first invoice's, negated; no rounded figure (per invoice)
    expect(subtractBilled(invoice("c", {}), [plain]).tax).toStrictEqual(
      tax([rate("vat", "20", "-10.00", "-2.00", [["a", "-10.00", "-2"]])], "-2.00", "-10.00", "per_invoice"),
    );
  });
});

describe("subtractBilled: amount due", () => {
  it("subtracts what each earlier invoice left due, its total when it states no amount due", () => {
    const first = invoice("p1", { total: "8.00", amountDue: "5.00" });
    const second = invoice("p2", { total: "3.00" });
    const result = subtractBilled(invoice("c", { total: "20.00" }), [first, second]);
    // due: 20.00 (the total, no credit after tax now) − (5.00 + 3.00) = 12.00; total 20.00 − 11.00 = 9.00
    expect([result.total, result.amountDue]).toStrictEqual(["9.00", "12.00"]);
  });

  it("uses the cumulative amount due when it has one", () => {
    const result = subtractBilled(invoice("c", { total: "20.00", amountDue: "15.00" }), [
      invoice("p1", { total: "8.00" }),
    ]);
    // 15.00 − 8.00 = 7.00
    expect(result.amountDue).toBe("7.00");
  });
});
