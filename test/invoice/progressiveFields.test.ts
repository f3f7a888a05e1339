import { describe, expect, it } from "vitest";
import { RatecardError } from "../../src/errors/index.js";
import {
  billProgressively,
  type Invoice,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import { withDigest } from "../../src/schema/index.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";

// A progressive and a closing invoice carry every optional section the period's invoice has (allowance
// pools, credits after tax and the amount due, tax, notices, metadata), each less what was billed before;
// and refuse earlier invoices that are not this period's progressive invoices, with a sentence and path.

// 1.00 a GB, the first 10 GB of the period free (a pool), VAT 20 %, a 30.00 prepaid grant taxed at use
// (it pays the invoice after tax: the amount due), and metadata copied onto every invoice.
const contract = buildContract({
  meters: [sumMeter("gb")],
  charges: [unitCharge("bw", "Bandwidth", "gb", "1")],
  allowances: [{ id: "free", name: "Free GB", quantity: "10", charges: ["bw"] }],
  credits: [{ id: "pre", name: "Prepaid", kind: "prepaid", amount: "30", taxed: "at_use" }],
  tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "20" }] },
  metadata: { po: "PO-7" },
} as never);
const plain = buildContract({
  meters: [sumMeter("gb")],
  charges: [unitCharge("bw", "Bandwidth", "gb", "1")],
});
const gb = (id: string, day: string, v: string) => ({
  id,
  type: "gb",
  customer: "cus",
  timestamp: `2026-03-${day}T00:00:00Z`,
  properties: { v },
});
const events = [gb("a", "02", "30"), gb("b", "20", "20")];
const OPTIONS = { creditsStartFull: true } as const;

describe("progressive and closing invoices: every optional section", () => {
  const first = () => rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10", OPTIONS);
  const closing = () => rateClosingInvoice(contract, events, "2026-03", { ...OPTIONS, earlier: [first()] });

  it("bills the usage so far with the pool, tax and the prepaid grant paying it", () => {
    // 30 GB so far, 10 free: 20 × 1.00 = 20.00; VAT 4.00; total 24.00, all paid by the grant: due 0.00
    expect(first().allowances).toEqual([
      {
        id: "free",
        name: "Free GB",
        quantity: "10",
        drawn: [{ line: "bw", quantity: "10" }],
        remaining: "0",
      },
    ]);
    expect([first().subtotal, first().tax?.total, first().total, first().amountDue]).toEqual([
      "20.00",
      "4.00",
      "24.00",
      "0.00",
    ]);
    expect(
      first().credits?.map((credit) => [
        credit.stage,
        credit.balanceBefore,
        credit.applied,
        credit.balanceAfter,
      ]),
    ).toEqual([["after_tax", "30.00", "-24.00", "6.00"]]);
    expect(first().creditBurnOrder).toBe("priority");
    expect(first().metadata).toEqual({ po: "PO-7" });
  });

  it("closes with the period's figures less the first invoice's, section by section", () => {
    // period: 50 GB − 10 free = 40.00, VAT 8.00, total 48.00; the grant pays 30.00: due 18.00
    // closing(): 20.00 (40.00 − 20.00), nothing more drawn from the pool (10 − 10), VAT 8.00 − 4.00 = 4.00,
    // total 48.00 − 24.00 = 24.00; grant −30.00 − (−24.00) = −6.00 from the 6.00 left; due 18.00 − 0.00
    expect(closing().allowances?.[0]?.drawn).toEqual([{ line: "bw", quantity: "0" }]);
    expect([closing().subtotal, closing().tax?.total, closing().total, closing().amountDue]).toEqual([
      "20.00",
      "4.00",
      "24.00",
      "18.00",
    ]);
    expect(
      closing().credits?.map((credit) => [credit.balanceBefore, credit.applied, credit.balanceAfter]),
    ).toEqual([["6.00", "-6.00", "0.00"]]);
    expect(closing().creditBurnOrder).toBe("priority");
    expect(closing().metadata).toEqual({ po: "PO-7" });
    // 0.00 + 18.00 = 18.00, the whole period's amount due
    expect(rateInvoice(contract, events, "2026-03", OPTIONS).amountDue).toBe("18.00");
  });

  it("states the cumulative and earlier amounts due, and keeps the period's invoice id at the close", () => {
    expect(closing().progressive).toMatchObject({
      sequence: 2,
      stage: "closing",
      cumulative: { subtotal: "40.00", total: "48.00", amountDue: "18.00" },
      billedEarlier: { subtotal: "20.00", total: "24.00", amountDue: "0.00" },
    });
    expect(first().id).toBe("ctr:2026-03-01:progressive-1");
    expect(closing().id).toBe("ctr:2026-03-01");
    expect(closing().id).toBe(rateInvoice(contract, events, "2026-03", OPTIONS).id);
  });

  it("writes the sections in rateInvoice's order, with progressive after the id", () => {
    expect(Object.keys(closing())).toEqual([
      "schemaVersion",
      "id",
      "progressive",
      "contractId",
      "contractDigest",
      "customer",
      "currency",
      "period",
      "rounding",
      "lines",
      "allowances",
      "subtotal",
      "creditBurnOrder",
      "credits",
      "tax",
      "total",
      "amountDue",
      "usage",
      "warnings",
      "metadata",
      "digest",
    ]);
  });

  it("copies the notices of the usage so far", () => {
    // an event id shared with another customer's event is a notice on the rated invoice
    const shared = [...events, { ...gb("a", "03", "5"), customer: "other" }];
    const whole = rateInvoice(contract, shared, "2026-03", OPTIONS);
    const progressive = rateProgressiveInvoice(contract, shared, "2026-03", "2026-03-10", OPTIONS);
    expect(whole.notices?.map((notice) => notice.code)).toEqual(["event_ids_shared"]);
    expect(progressive.notices).toEqual(whole.notices);
  });
});

describe("progressive invoices without optional sections", () => {
  it("write none of them, and no trigger, no amount due", () => {
    const first = rateProgressiveInvoice(plain, events, "2026-03", "2026-03-10");
    const closing = rateClosingInvoice(plain, events, "2026-03", { earlier: [first] });
    for (const invoice of [first, closing]) {
      expect(Object.keys(invoice)).toEqual([
        "schemaVersion",
        "id",
        "progressive",
        "contractId",
        "contractDigest",
        "customer",
        "currency",
        "period",
        "rounding",
        "lines",
        "subtotal",
        "total",
        "usage",
        "warnings",
        "digest",
      ]);
      expect(Object.keys(invoice.progressive ?? {})).not.toContain("trigger");
      expect(Object.keys(invoice.progressive?.cumulative ?? {})).toEqual(["subtotal", "total"]);
    }
    // 30 GB × 1.00 so far; 50 GB for the period, less 30.00
    expect([first.total, closing.total]).toEqual(["30.00", "20.00"]);
  });

  it("keep the trigger of a spend threshold on the progressive invoice only", () => {
    const sequence = billProgressively(plain, events, "2026-03", { threshold: "25", close: true });
    const [first, second, closing] = sequence;
    // 30.00 on the 2nd crosses 25.00; 50.00 on the 20th reaches the next multiple, 50.00; then the close
    expect(sequence).toHaveLength(3);
    expect(first?.progressive?.trigger).toEqual({
      kind: "spend_threshold",
      threshold: "25.00",
      spend: "30.00",
    });
    expect(second?.progressive?.trigger).toEqual({
      kind: "spend_threshold",
      threshold: "25.00",
      spend: "50.00",
    });
    expect(closing?.progressive?.stage).toBe("closing");
    expect(Object.keys(closing?.progressive ?? {})).not.toContain("trigger");
  });
});

describe("progressive invoices: earlier invoices refused, in a sentence, at their path", () => {
  const first = rateProgressiveInvoice(plain, events, "2026-03", "2026-03-10");
  const period = "2026-03-01/2026-04-01";
  const edited = (change: (invoice: Invoice) => Partial<Invoice>) =>
    withDigest<Invoice>({ ...first, ...change(first) });
  const refusal = (earlier: ReadonlyArray<unknown>, asOf?: string) => {
    try {
      if (asOf === undefined) rateClosingInvoice(plain, events, "2026-03", { earlier: earlier as Invoice[] });
      else rateProgressiveInvoice(plain, events, "2026-03", asOf, { earlier: earlier as Invoice[] });
    } catch (error) {
      if (error instanceof RatecardError)
        return { code: error.code, path: error.path, message: error.message };
      throw error;
    }
    throw new Error("expected a refusal");
  };
  const otherPeriod = (itsPeriod: string) =>
    `Invoice ${first.id} bills the period ${itsPeriod} of its contract, not the period ${period} of this contract as it is now: give only the progressive invoices of this period, rated with this contract.`;

  it("refuses a progressive invoice of another contract, contract version, or period", () => {
    const cases: Array<[string, Partial<Invoice>]> = [
      ["another contract", { contractId: "ctr_other" }],
      ["another version", { contractDigest: `sha256:${"0".repeat(64)}` }],
      ["another start", { period: { ...first.period, start: "2026-03-02T00:00:00.000Z" } }],
      ["another end", { period: { ...first.period, end: "2026-03-31T00:00:00.000Z" } }],
    ];
    for (const [, change] of cases)
      expect(refusal([edited(() => change)])).toEqual({
        code: "invalid_argument",
        path: "options.earlier[0]",
        message: otherPeriod(period),
      });
  });

  it("refuses a closing invoice as an earlier one", () => {
    const closing = rateClosingInvoice(plain, events, "2026-03", { earlier: [first] });
    expect(refusal([first, closing])).toMatchObject({
      path: "options.earlier[1]",
      message: `Invoice ${closing.id} is not a progressive invoice: only the progressive invoices issued earlier in the same period are taken off a progressive or closing invoice.`,
    });
  });

  it("refuses earlier invoices out of their order, naming the number expected", () => {
    const second = rateProgressiveInvoice(plain, events, "2026-03", "2026-03-20", { earlier: [first] });
    expect(refusal([second])).toEqual({
      code: "invalid_argument",
      path: "options.earlier[0]",
      message: `Invoice ${second.id} is progressive invoice 2 of its period, where invoice 1 was expected: give every earlier progressive invoice of the period, in their order.`,
    });
  });

  it("refuses an earlier invoice rated through the same instant as this one", () => {
    expect(refusal([first], "2026-03-10")).toEqual({
      code: "invalid_period",
      path: "options.earlier[0]",
      message: `Invoice ${first.id} rated the usage before 2026-03-10T00:00:00.000Z, which is not before 2026-03-10T00:00:00.000Z: a progressive invoice follows the earlier ones of its period in time.`,
    });
  });
});
