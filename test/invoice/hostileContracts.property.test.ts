import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvariantError,
  type Invoice,
  isRatecardError,
  parseUsageEvent,
  rateInvoice,
  rateInvoiceAsync,
  safeParseContract,
} from "../../src/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { expectInvoiceLaws } from "../_laws/invoiceLaws.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";

// Issue 9, "no wrong money under hostile input": whole contracts with every price model, meter shape
// and contract term, rated over event streams with every kind of awkward event. Rating either gives an
// invoice that obeys every law of test/_laws/invoiceLaws.ts or refuses with a typed RatecardError
// (never a TypeError, a RangeError, a decimal.js error or an InvariantError, which is our own bug).

/** The invoice, or the typed error rating refused with; anything else is rethrown (a failure). */
function attempt(rate: () => Invoice): Invoice | undefined {
  try {
    return rate();
  } catch (error) {
    if (!isRatecardError(error) || error instanceof InvariantError) throw error;
    expect(error.code).toMatch(/^[a-z_]+$/);
    expect(typeof error.path).toBe("string");
    expect(error.message.length).toBeGreaterThan(10);
    return undefined;
  }
}

const scenarioArb = fc.tuple(contractScenarioArb(), streamArb());

describe("whole generated contracts (fuzzing)", () => {
  it("are all accepted by the schema (the laws run on real contracts)", () => {
    fc.assert(
      fc.property(contractScenarioArb(), (scenario) => {
        const parsed = safeParseContract(scenario.json);
        if (!parsed.success) throw parsed.error;
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  it("rate into invoices that obey every law, or refuse with a typed error", () => {
    fc.assert(
      fc.property(scenarioArb, ([scenario, stream]) => {
        const { contract, period } = materialize(deepFreeze(scenario));
        const events = deepFreeze(eventsIn(stream, period));
        const invoice = attempt(() => rateInvoice(contract, events, period));
        if (invoice !== undefined) expectInvoiceLaws(invoice, { contract, eventsGiven: events.length });
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it("give byte-identical invoices for the events in any order, and the same in a stream", async () => {
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
        const streamed = await rateInvoiceAsync(
          contract,
          () => events.map((event, index) => parseUsageEvent(event, index)),
          period,
        ).catch((error: unknown) => {
          if (!isRatecardError(error) || error instanceof InvariantError) throw error;
          return undefined;
        });
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));
        expect(JSON.stringify(streamed)).toBe(JSON.stringify(first));
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});
