import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Contract,
  explainText,
  type Invoice,
  parseUsageEvent,
  rateInvoice,
  rateInvoiceAsync,
  rateOpeningInvoice,
  safeParseContract,
} from "../../src/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize, nextBillingPeriod } from "../_arbitraries/wholeContracts.js";
import { expectInvoiceLaws } from "../_laws/invoiceLaws.js";
import { Exact } from "../_laws/lineLaws.js";
import { attempt, attemptAsync } from "../_laws/typedRefusal.js";
import { fuzzRuns, fuzzTimeout } from "../_support/fuzzRuns.js";

// Issue 9, "no wrong money under hostile input": whole contracts with every price model, meter shape
// and contract term, rated over event streams with every kind of awkward event. Rating either gives an
// invoice that obeys every law of test/_laws/invoiceLaws.ts or refuses with a typed RatecardError
// (never a TypeError, a RangeError, a decimal.js error or an InvariantError, which is our own bug).

const scenarioArb = fc.tuple(contractScenarioArb(), streamArb());

describe("whole generated contracts (fuzzing)", () => {
  it("are all accepted by the schema (the laws run on real contracts)", { timeout: fuzzTimeout() }, () => {
    fc.assert(
      fc.property(contractScenarioArb(), (scenario) => {
        const parsed = safeParseContract(scenario.json);
        if (!parsed.success) throw parsed.error;
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  it("rate into invoices that obey every law, or refuse with a typed error", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), ([scenario, stream], daily) => {
        const { contract, period } = materialize(deepFreeze(scenario));
        const events = deepFreeze(eventsIn(stream, period));
        const invoice = attempt(() => rateInvoice(contract, events, period, { daily }));
        if (invoice === undefined) return;
        expectInvoiceLaws(invoice, { contract, eventsGiven: events.length });
        if (daily) expectDailyLaws(invoice, contract);
        // the explanation in words (the CLI's default output) renders every invoice
        expect(explainText(invoice)).not.toMatch(/NaN|Infinity|undefined|\[object Object\]/);
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it("give byte-identical invoices for the events in any order, and the same in a stream", {
    timeout: fuzzTimeout(),
  }, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.infiniteStream(fc.nat()), async ([scenario, stream], picks) => {
        const { contract, period } = materialize(deepFreeze(scenario));
        const events = deepFreeze(eventsIn(stream, period));
        const first = attempt(() => rateInvoice(contract, events, period));
        // a shuffle of the same events (a Fisher–Yates over the generated picks)
        const shuffled = [...events];
        const draws = picks[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i -= 1) {
          const j = draws.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const again = attempt(() => rateInvoice(contract, shuffled, period));
        const streamed = await attemptAsync(() =>
          rateInvoiceAsync(
            contract,
            () => events.map((event, index) => parseUsageEvent(event, index)),
            period,
          ),
        );
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));
        expect(JSON.stringify(streamed)).toBe(JSON.stringify(first));
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
  it("rate their opening invoice (fees billed in advance) into an invoice that obeys every law", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(contractScenarioArb(), (scenario) => {
        const { contract } = materialize(deepFreeze(scenario));
        const invoice = attempt(() => rateOpeningInvoice(contract));
        if (invoice === undefined) return;
        expectInvoiceLaws(invoice, { contract, eventsGiven: 0 });
        expect(invoice.kind).toBe("opening");
        for (const line of invoice.lines) expect(line.billed).toBe("in_advance");
      }),
      { numRuns: fuzzRuns(60) },
    );
  });

  it("continue into the next period from the carried state and credit balances the invoice hands on", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(scenarioArb, streamArb(), ([scenario, stream], nextStream) => {
        const { contract, billingPeriod, period } = materialize(deepFreeze(scenario));
        const events = eventsIn(stream, period);
        const first = attempt(() => rateInvoice(contract, events, period));
        if (first === undefined) return;
        const next = nextBillingPeriod(contract, billingPeriod);
        const carried = first.usage.carryOut ?? {};
        const creditBalances = Object.fromEntries(
          (first.credits ?? []).map((credit) => [credit.id, credit.balanceAfter]),
        );
        const nextEvents = eventsIn(nextStream, next);
        const second = attempt(() => rateInvoice(contract, nextEvents, next, { carried, creditBalances }));
        if (second === undefined) return;
        expectInvoiceLaws(second, { contract, eventsGiven: nextEvents.length });
        // a grant that does not start afresh each period opens where the last invoice left it
        for (const credit of second.credits ?? []) {
          const grant = contract.credits.find((candidate) => candidate.id === credit.id)!;
          if (grant.recurring !== true && credit.id in creditBalances)
            expect(credit.balanceBefore).toBe(creditBalances[credit.id]);
        }
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});

/**
 * With `daily`, each sum and count meter reports one quantity per local day of the period, in date
 * order; for a plain one (no window, entity or running total) the days add up to its quantity exactly.
 */
function expectDailyLaws(invoice: Invoice, contract: Contract): void {
  for (const entry of invoice.usage.meters) {
    const meter = contract.meters.find((candidate) => candidate.id === entry.meter)!;
    if (entry.daily === undefined) continue;
    const dates = entry.daily.map((day) => day.date);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    const plain = meter.window === undefined && meter.entity === undefined && meter.persistent !== true;
    if (plain)
      expect(
        entry.daily.reduce((sum, day) => sum.plus(day.quantity), new Exact(0)).equals(entry.quantity),
        `daily ${entry.meter}`,
      ).toBe(true);
  }
}
