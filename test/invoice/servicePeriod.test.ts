import { describe, expect, it } from "vitest";
import { label, resolveServicePeriod, termPeriod } from "../../src/invoice/resolveServicePeriod.js";
import { buildContract } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// The period an invoice covers, against the contract's billing cycle and term: the sentences a
// billing specialist reads when a period is refused, and the proration of a period the term cuts.
// The default test contract: UTC, billed monthly on calendar months from 2026-01-01.
const contract = buildContract();
const DAY = 86_400_000;
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

describe("resolveServicePeriod", () => {
  it("a whole billing period: service is the period, no proration", () => {
    const resolved = resolveServicePeriod(contract, "2026-03");
    const march = { start: utc("2026-03-01"), end: utc("2026-04-01") };
    expect(resolved).toEqual({
      requested: march,
      billingPeriod: march,
      service: march,
      proration: undefined,
    });
  });

  it("a period that ends on the billing period's end is inside it", () => {
    const resolved = resolveServicePeriod(contract, "2026-03-16/2026-04-01");
    expect(resolved.billingPeriod).toEqual({ start: utc("2026-03-01"), end: utc("2026-04-01") });
    // 16 of March's 31 days, measured in seconds: 16 × 86,400 = 1,382,400 of 31 × 86,400 = 2,678,400
    expect(resolved.proration?.elapsed.toFixed()).toBe("1382400");
    expect(resolved.proration?.total.toFixed()).toBe("2678400");
  });

  it("clips the period to a term that starts inside it, and prorates by whole days when asked", () => {
    const late = buildContract({
      term: { start: "2026-03-10" },
      billing: { cadence: "monthly", alignment: "calendar", proration: "day" },
    });
    const resolved = resolveServicePeriod(late, "2026-03");
    // the term starts on the 10th: 10th to 1 April is 22 of March's 31 days
    expect(resolved.service).toEqual({ start: utc("2026-03-10"), end: utc("2026-04-01") });
    expect(resolved.proration).toMatchObject({ basis: "day" });
    expect(resolved.proration?.elapsed.toFixed()).toBe("22");
    expect(resolved.proration?.total.toFixed()).toBe("31");
  });

  it("refuses an empty or reversed period", () => {
    for (const period of [
      { start: utc("2026-03-01"), end: utc("2026-03-01") },
      { start: utc("2026-03-02"), end: utc("2026-03-01") },
    ]) {
      expect(thrown(() => resolveServicePeriod(contract, period))).toMatchObject({
        code: "invalid_period",
        path: "period",
        message: "The invoice period must end after it starts.",
      });
    }
  });

  it("refuses a period over two billing periods, naming the one its start lies in", () => {
    expect(thrown(() => resolveServicePeriod(contract, "2026-03-15/2026-04-15"))).toMatchObject({
      code: "period_outside_billing_cycle",
      path: "period",
      message:
        "The period 2026-03-15/2026-04-15 spans more than one billing period of contract ctr; the billing period containing its start is 2026-03-01/2026-04-01 (2026-03). Rate each billing period separately.",
    });
    // one millisecond past the billing period is already the next one
    const overByOne = { start: utc("2026-03-01"), end: utc("2026-04-01") + 1 };
    expect(thrown(() => resolveServicePeriod(contract, overByOne))).toMatchObject({
      code: "period_outside_billing_cycle",
    });
  });

  // Since 7 December 2026 (session 43) the billing period's shorter text is named when it has one: what
  // to type instead. A billing period from the 15th has none, and the sentence is as it was.
  it("names the billing period as a quarter or a day when it is one, and by its dates alone otherwise", () => {
    const quarterly = buildContract({ billing: { cadence: "quarterly" } });
    expect(thrown(() => resolveServicePeriod(quarterly, "2026-03-15/2026-04-15"))).toMatchObject({
      message: expect.stringContaining("its start is 2026-01-01/2026-04-01 (2026-Q1). Rate"),
    });
    const daily = buildContract({ billing: { cadence: "daily" } });
    expect(thrown(() => resolveServicePeriod(daily, "2026-03"))).toMatchObject({
      message: expect.stringContaining("its start is 2026-03-01/2026-03-02 (2026-03-01). Rate"),
    });
    const fromThe15th = buildContract({ billing: { cadence: "monthly", anchorDay: 15 } });
    expect(thrown(() => resolveServicePeriod(fromThe15th, "2026-03"))).toMatchObject({
      message: expect.stringContaining("its start is 2026-02-15/2026-03-15. Rate"),
    });
  });

  it("refuses a period outside the term, and one that only touches the term's end", () => {
    const ended = buildContract({ term: { start: "2026-01-01", end: "2026-03-01" } });
    for (const period of ["2026-03", "2025-12"]) {
      expect(thrown(() => resolveServicePeriod(ended, period))).toMatchObject({
        code: "invalid_period",
        path: "period",
        message: expect.stringMatching(
          /^The period 20\d\d-\d\d-01\/20\d\d-\d\d-01 is outside the term of contract ctr\.$/,
        ),
      });
    }
    expect(thrown(() => resolveServicePeriod(ended, "2026-03"))).toMatchObject({
      message: "The period 2026-03-01/2026-04-01 is outside the term of contract ctr.",
    });
  });

  it("refuses instants outside 1970–9999, the period's own or its billing period's", () => {
    const early = buildContract({ term: { start: "1970-01-01" } });
    expect(thrown(() => resolveServicePeriod(early, { start: -DAY, end: DAY }))).toMatchObject({
      code: "invalid_period",
      path: "period",
      message: "The invoice period reaches outside the years ratecard rates (1970–9999, in UTC).",
    });
    // December 9999 ends on 1 January 10000, past the last instant ratecard writes
    const lastDays = { start: utc("9999-12-01"), end: utc("9999-12-31") };
    expect(thrown(() => resolveServicePeriod(contract, lastDays))).toMatchObject({
      code: "invalid_period",
      message:
        "The billing period containing the invoice period reaches outside the years ratecard rates (1970–9999, in UTC).",
    });
  });
});

describe("termPeriod and label", () => {
  it("an open-ended term runs to the largest instant; an ended one to its end", () => {
    expect(termPeriod(contract)).toEqual({ start: utc("2026-01-01"), end: Number.MAX_SAFE_INTEGER });
    const ended = buildContract({ term: { start: "2026-01-01", end: "2026-03-01" } });
    expect(termPeriod(ended).end).toBe(utc("2026-03-01"));
  });

  it("writes a period as its local dates, start/end", () => {
    // 05:00 UTC is midnight in New York (UTC−5 in winter)
    const period = { start: Date.parse("2026-02-01T05:00:00Z"), end: Date.parse("2026-03-01T05:00:00Z") };
    expect(label(period, "America/New_York")).toBe("2026-02-01/2026-03-01");
    expect(label(period, "Asia/Tokyo")).toBe("2026-02-01/2026-03-01");
    expect(label({ start: utc("2026-02-01"), end: utc("2026-03-01") }, "America/New_York")).toBe(
      "2026-01-31/2026-02-28",
    );
  });
});
