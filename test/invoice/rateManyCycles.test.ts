import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchDecision, contractInBatch, parseContract, rateInvoice, rateMany } from "../../src/index.js";
import { ANNIVERSARY_JSON, MONTHLY_JSON, QUARTERLY_JSON } from "../_support/cycleContracts.js";
import { egressContractJson } from "../_support/egressContract.js";

// A batch rates the contracts whose billing period its period is (clipped to their term) and sets aside,
// with its reason, every other one: out of term, or billed on another cycle (docs/scale.md, "Contracts
// billed on another cycle"). $0.05 per GB of egress, UTC (test/_support/egressContract.ts).
const contractOf = (customer: string, more: Record<string, unknown> = {}) =>
  parseContract(egressContractJson(customer, "USD", more));

const monthly = parseContract(MONTHLY_JSON);
// Billed on the 15th: its term starts 2026-01-15.
const anniversary = parseContract(ANNIVERSARY_JSON);
// Billed per quarter, with a platform fee of 90.00 a quarter.
const quarterly = parseContract(QUARTERLY_JSON);
const ended = contractOf("cus_old", { term: { start: "2025-01-01", end: "2026-01-01" } });

const event = (id: string, customer: string, gb: string, date = "2026-02-10") => ({
  id,
  type: "egress",
  customer,
  timestamp: `${date}T00:00:00Z`,
  properties: { gb },
});
const events = [
  event("e1", "cus_a", "100"),
  event("e2", "cus_b", "20"),
  event("e3", "cus_b", "10", "2026-02-20"),
  event("e4", "cus_c", "40"),
  event("e5", "cus_old", "1"),
  event("e6", "cus_zz", "1"),
];

describe("contractInBatch", () => {
  it("rates a contract whose billing period the period is, and one whose term starts inside it", () => {
    expect(contractInBatch(monthly, "2026-02")).toEqual({ rated: true });
    // Calendar monthly, term from 2026-02-10: February clipped to the term is its own first period.
    expect(contractInBatch(contractOf("cus_new", { term: { start: "2026-02-10" } }), "2026-02")).toEqual({
      rated: true,
    });
  });

  it("sets aside a contract billed on another cycle, with the billing periods that meet the period", () => {
    expect(contractInBatch(anniversary, "2026-02")).toEqual({
      rated: false,
      reason: "another_cycle",
      billingPeriods: ["2026-01-15/2026-02-15", "2026-02-15/2026-03-15"],
    });
    expect(contractInBatch(quarterly, "2026-02")).toEqual({
      rated: false,
      reason: "another_cycle",
      billingPeriods: ["2026-Q1"],
    });
    // ISO weeks from Mondays: 2026-02-01 is a Sunday, so February meets five weeks, the first from
    // Monday 2026-01-26 and the last to Monday 2026-03-02.
    const weekly = contractOf("cus_w", { billing: { cadence: "weekly", alignment: "calendar" } });
    expect(contractInBatch(weekly, "2026-02")).toEqual({
      rated: false,
      reason: "another_cycle",
      billingPeriods: [
        "2026-01-26/2026-02-02",
        "2026-02-02/2026-02-09",
        "2026-02-09/2026-02-16",
        "2026-02-16/2026-02-23",
        "2026-02-23/2026-03-02",
      ],
    });
    // An anniversary contract starting inside the period: its first period runs to 2026-03-10, past it.
    const late = contractOf("cus_l", {
      billing: { cadence: "monthly", alignment: "anniversary" },
      term: { start: "2026-02-10" },
    });
    expect(contractInBatch(late, "2026-02")).toEqual({
      rated: false,
      reason: "another_cycle",
      billingPeriods: ["2026-02-10/2026-03-10"],
    });
  });

  it("names a billing period cut by a term that ends at an instant by the dates that cover it", () => {
    // Quarterly, its term ending at 2026-02-10T15:30Z (an instant, as a cancellation may take effect):
    // its last billing period is 2026-01-01T00:00Z to 2026-02-10T15:30Z. Until 8 December 2026 the batch
    // named it by the dates of its instants, "2026-01-01/2026-02-10", which ends at 2026-02-10T00:00Z,
    // 15 h 30 min short of the term: a batch of that period set the contract aside again with the same
    // text, so no run the sentence named would ever bill it. 2026-02-11 is the first midnight after the end.
    const cut = contractOf("cus_q", {
      billing: { cadence: "quarterly" },
      term: { start: "2026-01-01", end: "2026-02-10T15:30:00Z" },
    });
    expect(contractInBatch(cut, "2026-02")).toEqual({
      rated: false,
      reason: "another_cycle",
      billingPeriods: ["2026-01-01/2026-02-11"],
    });
    expect(contractInBatch(cut, "2026-01-01/2026-02-11")).toEqual({ rated: true });
    const { period } = rateInvoice(cut, [], "2026-01-01/2026-02-11");
    expect([period.start, period.end]).toEqual(["2026-01-01T00:00:00.000Z", "2026-02-10T15:30:00.000Z"]);
    // Cut to 2026-03-31T12:00Z in New York (08:00 local), the covering dates are the whole quarter.
    const march = contractOf("cus_m", {
      timeZone: "America/New_York",
      billing: { cadence: "quarterly" },
      term: { start: "2025-06-01", end: "2026-03-31T12:00:00Z" },
    });
    expect(contractInBatch(march, "2026-02")).toMatchObject({ billingPeriods: ["2026-Q1"] });
  });

  it("sets aside a contract out of its term, and leaves a period the rating refuses to the rating", () => {
    expect(contractInBatch(ended, "2026-02")).toEqual({ rated: false, reason: "out_of_term" });
    expect(contractInBatch(monthly, "2026-13")).toEqual({ rated: true });
    expect(() => rateMany([monthly], [], "2026-13")).toThrow(/2026-13/);
  });
});

describe("rateMany with contracts billed on other cycles", () => {
  it("rates the monthly contract of a monthly batch and sets the others aside with their events", () => {
    // Failed before: the anniversary contract threw "spans more than one billing period".
    const { invoices, summary } = rateMany([quarterly, ended, anniversary, monthly], events, "2026-02");
    // cus_a: 100 GB × 0.05 = 5.00, its one event read
    expect(invoices.map((invoice) => [invoice.customer.id, invoice.total])).toEqual([["cus_a", "5.00"]]);
    expect(summary.eventsRead).toBe(1);
    expect(summary.contractsOnAnotherCycle).toEqual([
      {
        contract: "ctr_cus_b",
        customer: "cus_b",
        billing: { cadence: "monthly", alignment: "anniversary" },
        billingPeriods: ["2026-01-15/2026-02-15", "2026-02-15/2026-03-15"],
        events: 2,
      },
      {
        contract: "ctr_cus_c",
        customer: "cus_c",
        billing: { cadence: "quarterly", alignment: "calendar" },
        billingPeriods: ["2026-Q1"],
        events: 1,
      },
    ]);
    expect(summary.contractsOutOfTerm).toEqual([
      { contract: "ctr_cus_old", customer: "cus_old", term: "2025-01-01 to 2026-01-01" },
    ]);
    // cus_old (its contract ended) and cus_zz (no contract): no run bills their events.
    expect(summary.unknownCustomers).toEqual({
      events: 2,
      customers: 2,
      sampleCustomers: ["cus_old", "cus_zz"],
    });
    // 1 read + 2 + 1 set aside + 2 unknown = the 6 events
  });

  it("rates the quarterly contract over its quarter, its fee whole, and sets the monthly ones aside", () => {
    // Failed before: the monthly contracts threw for a period spanning three of their billing periods.
    const { invoices, summary } = rateMany(
      [quarterly, anniversary, monthly],
      events,
      "2026-01-01/2026-04-01",
    );
    // cus_c: 90.00 platform fee, whole (not 155.63-of-500-style prorated), + 40 GB × 0.05 = 2.00: 92.00
    expect(invoices.map((invoice) => [invoice.customer.id, invoice.total])).toEqual([["cus_c", "92.00"]]);
    expect(summary.contractsOnAnotherCycle?.map((entry) => [entry.customer, entry.billingPeriods])).toEqual([
      ["cus_a", ["2026-01", "2026-02", "2026-03"]],
      ["cus_b", ["2026-01-15/2026-02-15", "2026-02-15/2026-03-15", "2026-03-15/2026-04-15"]],
    ]);
  });

  it("keeps the proration of a term that starts inside the period: the invoice rateInvoice gives", () => {
    const starting = contractOf("cus_new", {
      term: { start: "2026-02-10" },
      charges: QUARTERLY_JSON.charges, // the 90.00 platform fee and egress at 0.05
    });
    const { invoices, summary } = rateMany(
      [starting],
      [event("n1", "cus_new", "20", "2026-02-12")],
      "2026-02",
    );
    // 90.00 × 19/28 (2026-02-10 to 03-01 of February's 28 days) = 61.071… → 61.07; + 20 GB × 0.05 = 1.00
    expect(invoices[0]?.total).toBe("62.07");
    expect(invoices[0]).toEqual(
      rateInvoice(starting, [event("n1", "cus_new", "20", "2026-02-12")], "2026-02"),
    );
    expect(summary.contractsOnAnotherCycle).toBeUndefined();
  });

  it("gives the summary it gave before when every contract is billed for the period", () => {
    const { summary } = rateMany([monthly], events, "2026-02");
    expect(Object.keys(summary)).not.toContain("contractsOnAnotherCycle");
    expect(Object.keys(summary)).not.toContain("contractsOutOfTerm");
  });

  it("still refuses two contracts of one customer in force, and keeps a renewal's ended contract aside", () => {
    const renewed = contractOf("cus_old", { id: "ctr_renewed", term: { start: "2026-01-01" } });
    const { invoices, summary } = rateMany([ended, renewed], events, "2026-02");
    // cus_old's renewal bills its 1 GB: 0.05
    expect(invoices.map((invoice) => invoice.total)).toEqual(["0.05"]);
    expect(summary.contractsOutOfTerm?.map((entry) => entry.contract)).toEqual(["ctr_cus_old"]);
    expect(() => rateMany([renewed, contractOf("cus_old")], events, "2026-02")).toThrow(/cus_old/);
  });
});

// A contract of a customer of its own, on any cycle and term, and events of those customers and others.
const CADENCES = ["daily", "weekly", "monthly", "quarterly", "annual"] as const;
const contractArb = (customer: string) =>
  fc
    .record({
      cadence: fc.constantFrom(...CADENCES),
      alignment: fc.constantFrom("calendar", "anniversary"),
      startDay: fc.integer({ min: 0, max: 500 }),
      months: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined }),
      // A boundary at an instant (a cancellation's 15:30) rather than a date, in the contract's zone.
      startHour: fc.option(fc.integer({ min: 1, max: 23 }), { nil: undefined }),
      endHour: fc.option(fc.integer({ min: 1, max: 23 }), { nil: undefined }),
      timeZone: fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata"),
    })
    .map(({ cadence, alignment, startDay, months, startHour, endHour, timeZone }) => {
      const start = new Date(Date.UTC(2025, 0, 1 + startDay));
      const end = months === undefined ? undefined : new Date(Date.UTC(2025, months, 1 + startDay));
      const boundary = (d: Date, hour: number | undefined) =>
        hour === undefined
          ? d.toISOString().slice(0, 10)
          : `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}:30:00Z`;
      return contractOf(customer, {
        timeZone,
        billing: { cadence, alignment },
        term:
          end === undefined
            ? { start: boundary(start, startHour) }
            : { start: boundary(start, startHour), end: boundary(end, endHour) },
      });
    });

describe("rateMany accounts for every contract and every event (property)", () => {
  it("invoices plus contracts set aside are the contracts; their events plus unknown ones are all", () => {
    const customers = ["c0", "c1", "c2", "c3", "c4"];
    fc.assert(
      fc.property(
        fc.tuple(...customers.map(contractArb)),
        fc.array(
          fc.record({
            customer: fc.constantFrom(...customers, "stranger"),
            day: fc.integer({ min: 1, max: 28 }),
          }),
          { maxLength: 30 },
        ),
        fc.constantFrom("2026-02", "2026-01-01/2026-04-01", "2026-02-02/2026-02-09", "2026-01-01/2027-01-01"),
        (contracts, drawn, period) => {
          const sent = drawn.map(({ customer, day }, index) =>
            event(`e${index}`, customer, "1", `2026-02-${String(day).padStart(2, "0")}`),
          );
          const { invoices, summary } = rateMany(contracts, sent, period);
          const aside = summary.contractsOnAnotherCycle ?? [];
          const outOfTerm = summary.contractsOutOfTerm ?? [];
          const accounted = [
            ...invoices.map((invoice) => invoice.contractId),
            ...aside.map((entry) => entry.contract),
            ...outOfTerm.map((entry) => entry.contract),
          ].sort();
          expect(accounted).toEqual(contracts.map((contract) => contract.id).sort());
          const setAsideEvents = aside.reduce((sum, entry) => sum + entry.events, 0);
          expect(summary.eventsRead + setAsideEvents + summary.unknownCustomers.events).toBe(sent.length);
          // Each billing period named rates its contract when given as the batch's period (a term that
          // ends at an instant inside it included: it failed before 8 December 2026).
          for (const entry of aside) {
            const contract = contracts.find((c) => c.id === entry.contract)!;
            for (const billing of entry.billingPeriods)
              expect(contractInBatch(contract, billing)).toEqual({ rated: true });
          }
        },
      ),
    );
  });
});

describe("batchDecision (property)", () => {
  // One decider shares the billing periods of a zone and cycle between contracts: it must decide each
  // contract as contractInBatch alone does (a fresh decider), whatever came before it.
  it("decides every contract of a batch as contractInBatch decides it alone", () => {
    const contract = fc
      .record({
        customer: fc.constantFrom("a", "b", "c"),
        cadence: fc.constantFrom(...CADENCES),
        alignment: fc.constantFrom("calendar", "anniversary"),
        anchorDay: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }),
        timeZone: fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"),
        startDay: fc.integer({ min: 0, max: 500 }),
      })
      .map(({ customer, cadence, alignment, anchorDay, timeZone, startDay }) =>
        contractOf(customer, {
          timeZone,
          billing:
            alignment === "calendar" && anchorDay !== undefined && cadence !== "daily" && cadence !== "weekly"
              ? { cadence, alignment, anchorDay }
              : { cadence, alignment },
          term: { start: new Date(Date.UTC(2025, 0, 1 + startDay)).toISOString().slice(0, 10) },
        }),
      );
    fc.assert(
      fc.property(
        fc.array(contract, { minLength: 1, maxLength: 8 }),
        fc.constantFrom("2026-02", "2026-01-01/2026-04-01", "2026-02-02/2026-02-09", "2026-02-15/2026-03-15"),
        (contracts, period) => {
          const decide = batchDecision(period);
          for (const each of contracts) expect(decide(each)).toEqual(contractInBatch(each, period));
        },
      ),
    );
  });
});
