import { describe, expect, it } from "vitest";
import { type ContractInput, CREDIT_BURN_ORDERS, type CreditGrantTerms } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { burnOrder, rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import {
  buildContract,
  COMPUTE_AND_STORAGE,
  type ContractOverrides,
  computeAndStorageUsage,
} from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// These tests rate grants that started before the invoice's period as if no earlier invoice had
// burned them: they say so (creditsStartFull), as a caller must.
const FRESH = { creditsStartFull: true } as const;

const contractWith = (extra: ContractOverrides) =>
  buildContract({ id: "ctr_burn" }, COMPUTE_AND_STORAGE, extra);
const usage = computeAndStorageUsage;
const grant = (id: string, extra: Partial<CreditGrantTerms> = {}): CreditGrantTerms => ({
  id,
  name: id,
  kind: "promotional",
  amount: new Decimal(100),
  ...extra,
});

// Four grants of 100.00 each, all open in March, chosen so each order picks a different sequence:
// A promotional, priority 0, expires 1 June, every charge
// B prepaid (cost basis 0.80), priority 0, expires 15 April, compute only
// C prepaid bought for nothing (cost basis 0), priority 0, no expiry, compute and storage
// D promotional, priority 1, expires 10 April, every charge
const FOUR: NonNullable<ContractInput["credits"]> = [
  { id: "A", name: "A", kind: "promotional", amount: "100", expires: "2026-06-01" },
  {
    id: "B",
    name: "B",
    kind: "prepaid",
    taxed: "at_purchase",
    amount: "100",
    costBasis: "0.80",
    expires: "2026-04-15",
    charges: ["compute"],
  },
  {
    id: "C",
    name: "C",
    kind: "prepaid",
    taxed: "at_purchase",
    amount: "100",
    costBasis: "0",
    charges: ["compute", "storage"],
  },
  { id: "D", name: "D", kind: "promotional", amount: "100", priority: 1, expires: "2026-04-10" },
];

describe("credit burn order (docs/contracts.md, step 8)", () => {
  it('burns by priority, then soonest expiry, by default ("priority"): B, A, C, D', () => {
    const invoice = rateInvoice(contractWith({ credits: FOUR }), usage("150", "50"), "2026-03", FRESH);
    // priority 0: B (15 April), A (1 June), C (never) by expiry; then D (priority 1).
    // lines compute 150, storage 50.
    // B (compute only): min(100, 150) = 100 off compute → compute 50, storage 50
    // A (every charge): min(100, 50 + 50) = 100, spread 50:50 → 50 and 50 → both 0
    // C and D find nothing left: 0 each
    expect(invoice.creditBurnOrder).toBe("priority");
    expect(invoice.credits?.map((c) => [c.id, c.applied, c.balanceAfter])).toEqual([
      ["B", "-100.00", "0.00"],
      ["A", "-100.00", "0.00"],
      ["C", "0.00", "100.00"],
      ["D", "0.00", "100.00"],
    ]);
    expect(invoice.total).toBe("0.00");
  });

  it('burns grants limited to some charges first, then the soonest expiry ("expiry", Orb): B, C, D, A', () => {
    const invoice = rateInvoice(
      contractWith({ credits: FOUR, creditBurnOrder: "expiry" }),
      usage("150", "50"),
      "2026-03",
      FRESH,
    );
    // scoped first: B (15 April), C (never); then unscoped D (10 April), A (1 June).
    // B: 100 off compute → compute 50, storage 50
    // C (compute, storage): min(100, 50 + 50) = 100 → both 0; D and A: 0
    expect(invoice.creditBurnOrder).toBe("expiry");
    expect(invoice.credits?.map((c) => [c.id, c.applied])).toEqual([
      ["B", "-100.00"],
      ["C", "-100.00"],
      ["D", "0.00"],
      ["A", "0.00"],
    ]);
  });

  it('burns free grants, then the narrowest, first ("narrowest", Metronome): C, A, B, D', () => {
    const invoice = rateInvoice(
      contractWith({ credits: FOUR, creditBurnOrder: "narrowest" }),
      usage("150", "50"),
      "2026-03",
      FRESH,
    );
    // priority 0: A, B, C; free first: A (promotional) and C (cost basis 0) before B (0.80);
    // of A and C the fewest charges first: C (2) before A (every charge); then B; then D (priority 1).
    // C: min(100, 150 + 50) = 100 spread 150:50 → 75 and 25 → compute 75, storage 25
    // A: min(100, 75 + 25) = 100 spread 75:25 → 75 and 25 → both 0
    // B: compute is at 0, nothing eligible → 0; D: 0
    expect(invoice.credits?.map((c) => [c.id, c.applied, c.allocation])).toEqual([
      [
        "C",
        "-100.00",
        [
          { line: "compute", amount: "-75.00" },
          { line: "storage", amount: "-25.00" },
        ],
      ],
      [
        "A",
        "-100.00",
        [
          { line: "compute", amount: "-75.00" },
          { line: "storage", amount: "-25.00" },
        ],
      ],
      ["B", "0.00", []],
      ["D", "0.00", []],
    ]);
  });

  it("uses more of the credit when grants compete and the narrow one burns first", () => {
    const credits: NonNullable<ContractInput["credits"]> = [
      { id: "compute-only", name: "X", kind: "promotional", amount: "100", charges: ["compute"] },
      { id: "everything", name: "Y", kind: "promotional", amount: "100", expires: "2026-05-01" },
    ];
    const totals = CREDIT_BURN_ORDERS.map(
      (order) =>
        rateInvoice(contractWith({ credits, creditBurnOrder: order }), usage("100", "100"), "2026-03", FRESH)
          .total,
    );
    // CREDIT_BURN_ORDERS = priority, expiry, narrowest; lines 100.00 + 100.00.
    // priority: "everything" expires sooner → first: 100 spread 50 : 50; then "compute-only" takes the
    //   50 left on compute; 200 − 150 = 50.00 to pay
    // expiry (scoped first) and narrowest (fewest charges first): "compute-only" 100 off compute, then
    //   "everything" 100 off storage; 0.00 to pay
    expect(totals).toEqual(["50.00", "0.00", "0.00"]);
  });

  it("orders cheaper credit first in the expiry order, comparing cost per unit of value", () => {
    const order = burnOrder(
      [
        grant("paid-90", { kind: "prepaid", taxed: "at_purchase", costBasis: new Decimal("0.90") }),
        grant("face-value", { kind: "prepaid", taxed: "at_purchase" }),
        grant("paid-85", { kind: "prepaid", taxed: "at_purchase", costBasis: new Decimal("0.85") }),
        // 1 CREDIT = 0.01 USD bought for 0.008 USD: 0.008 ÷ 0.01 = 0.80 per 1.00 of value
        grant("credits-80", {
          kind: "prepaid",
          taxed: "at_purchase",
          unit: "CREDIT",
          unitValue: new Decimal("0.01"),
          costBasis: new Decimal("0.008"),
        }),
        grant("free", {}),
        grant("sooner", { kind: "prepaid", taxed: "at_purchase", expires: "2026-05-01" }),
      ],
      "expiry",
    ).map((g) => g.id);
    // all unscoped; "sooner" expires first (the others never); then cost per 1.00 of value:
    // free 0 < credits-80 0.80 < paid-85 0.85 < paid-90 0.90 < face-value 1 (no costBasis: face value)
    expect(order).toEqual(["sooner", "free", "credits-80", "paid-85", "paid-90", "face-value"]);
  });

  it("uses priority only to break ties in the expiry order", () => {
    const order = burnOrder(
      [
        grant("p0-later", { expires: "2026-09-01" }),
        grant("p5-sooner", { priority: 5, expires: "2026-04-01" }),
        grant("p5-tie", { priority: 5, expires: "2026-09-01" }),
      ],
      "expiry",
    ).map((g) => g.id);
    // expiry decides first (1 April before 1 September); between the two of 1 September, priority 0 first
    expect(order).toEqual(["p5-sooner", "p0-later", "p5-tie"]);
  });

  it("counts the charges a grant covers in the narrowest order, every charge last", () => {
    const order = burnOrder(
      [
        grant("all"),
        grant("two", { charges: ["compute", "storage"] }),
        grant("one", { charges: ["storage"] }),
        grant("paid-one", { kind: "prepaid", taxed: "at_purchase", charges: ["compute"] }),
        grant("urgent", { priority: 0, expires: "2026-03-20" }),
        grant("later-priority", { priority: 2, charges: ["compute"] }),
      ],
      "narrowest",
    ).map((g) => g.id);
    // priority 0, free: one (1 charge), two (2), then all and urgent (every charge) by expiry: urgent first;
    // priority 0, paid: paid-one; priority 2 last
    expect(order).toEqual(["one", "two", "urgent", "all", "paid-one", "later-priority"]);
  });

  it("keeps today's order without a setting, and writes nothing new on an invoice without credits", () => {
    const plain = rateInvoice(contractWith({}), usage("10", "10"), "2026-03", FRESH);
    expect("creditBurnOrder" in plain).toBe(false);
    expect("credits" in plain).toBe(false);
    expect(
      burnOrder([grant("b"), grant("a", { priority: 1 }), grant("c", { expires: "2026-05-01" })]),
    ).toEqual(
      burnOrder([grant("b"), grant("a", { priority: 1 }), grant("c", { expires: "2026-05-01" })], "priority"),
    );
  });

  it("names the order in the explanation", () => {
    const invoice = rateInvoice(
      contractWith({ credits: FOUR, creditBurnOrder: "narrowest" }),
      usage("150", "50"),
      "2026-03",
      FRESH,
    );
    expect(explainText(invoice)).toContain(
      'Credits are used in the "narrowest" burn order: lower priority number first, then free grants before paid ones, then the fewest charges covered, then the soonest expiry, then the oldest grant, then the id.',
    );
  });

  it("refuses an unknown order and a cost basis on a promotional credit", () => {
    expect(thrown(() => contractWith({ creditBurnOrder: "fifo" as never }))).toMatchObject({
      path: "creditBurnOrder",
    });
    expect(
      thrown(() =>
        contractWith({
          credits: [{ id: "p", name: "P", kind: "promotional", amount: "5", costBasis: "0.5" }],
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "credits[0].costBasis" });
  });
});
