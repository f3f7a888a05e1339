import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ContractError,
  rateInvoice,
  rateOpeningInvoice,
  safeParseContract,
  safeParseUsageEvent,
  UsageError,
} from "../../src/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { applyEdit, type Edit, editArb, pathsOf } from "../_arbitraries/hostileJson.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { expectInvoiceLaws } from "../_laws/invoiceLaws.js";
import { attempt, expectTypedRefusal } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

// Issue 9: inputs the schema may or may not accept. A generated contract or event stream gets one or
// two hostile edits anywhere (a wrong type, a number past its range, a date that does not exist, a key
// deleted, an element repeated); whatever comes out, ratecard refuses it with a typed error at a path,
// or accepts it and rates an invoice that obeys every law.

// The period may come after a credit grant started, with no earlier invoice: grants start full.
const FIRST = { creditsStartFull: true } as const;

const editsArb = fc.array(fc.tuple(fc.nat(), editArb), { minLength: 1, maxLength: 2 });

/** `document` with each edit applied at the path its number picks (edits `skip` refuses are left out). */
function edited(
  document: unknown,
  edits: ReadonlyArray<readonly [number, Edit]>,
  skip: (path: ReadonlyArray<string | number>, edit: Edit) => boolean = () => false,
) {
  return edits.reduce((current, [pick, edit]) => {
    const paths = pathsOf(current);
    const path = paths[pick % Math.max(paths.length, 1)];
    return path === undefined || skip(path, edit) ? current : applyEdit(current, path, edit);
  }, document);
}

describe("hostile edits of generated contracts and events (fuzzing)", () => {
  it("a contract is refused with a ContractError at a path, or rates into an invoice that obeys every law", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(contractScenarioArb(), editsArb, streamArb(20), (scenario, edits, stream) => {
        const json = edited(scenario.json, edits);
        let parsed: ReturnType<typeof safeParseContract> | undefined;
        try {
          parsed = safeParseContract(json);
        } catch (error) {
          expectTypedRefusal(error); // safeParseContract must not throw at all; this names what it threw
          throw error;
        }
        if (!parsed.success) {
          expect(parsed.error).toBeInstanceOf(ContractError);
          expectTypedRefusal(parsed.error);
          return;
        }
        const scenarioEdited = { ...scenario, json: json as Record<string, unknown> };
        const resolved = attempt(() => materialize(scenarioEdited));
        if (resolved === undefined) return;
        const { contract, period } = resolved;
        const events = eventsIn(stream, period);
        const invoice = attempt(() => rateInvoice(contract, events, period, FIRST));
        if (invoice !== undefined) expectInvoiceLaws(invoice, { contract, eventsGiven: events.length });
        const opening = attempt(() => rateOpeningInvoice(contract));
        if (opening !== undefined) expectInvoiceLaws(opening, { contract, eventsGiven: 0 });
      }),
      fuzzParameters(150),
    );
  });

  it("a malformed event stops rating with a UsageError at the first bad event's index", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(contractScenarioArb(), streamArb(20), editsArb, (scenario, stream, edits) => {
        const { contract, period } = materialize(scenario);
        // the period is checked before any event is read: only periods the contract can rate are of use here
        if (attempt(() => rateInvoice(contract, [], period, FIRST)) === undefined) return;
        const events = edited(eventsIn(stream, period), edits) as unknown[];
        const firstBad = events.findIndex((event, index) => !safeParseUsageEvent(event, index).success);
        try {
          const invoice = rateInvoice(contract, events, period, FIRST);
          expect(firstBad).toBe(-1);
          expectInvoiceLaws(invoice, { contract, eventsGiven: events.length });
        } catch (error) {
          expectTypedRefusal(error);
          if (firstBad === -1) return; // a valid stream refused for its contract (e.g. a matrix cell missing)
          expect(error).toBeInstanceOf(UsageError);
          expect((error as UsageError).path.startsWith(`[${firstBad}]`)).toBe(true);
        }
      }),
      fuzzParameters(100),
    );
  });
});
