import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice } from "../../../src/index.js";
import { eventsIn, streamArb } from "../../_arbitraries/eventStreams.js";
import { deepFreeze } from "../../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../../_arbitraries/wholeContracts.js";
import { attempt } from "../../_laws/typedRefusal.js";
import { calcValuesOf, expectCalcMatches, workbooksOf } from "./workbookHelpers.js";

// Calc starts once for the whole batch (a few seconds), so the generated invoices are drawn first,
// then recalculated together. The seed is random (FC_SEED pins it) and named in every failure.
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FC_NUM_RUNS ?? 200) >= 1000 ? 150 : 40;

function invoiceOf([scenario, stream]: [Parameters<typeof materialize>[0], Parameters<typeof eventsIn>[0]]) {
  const { contract, period } = materialize(deepFreeze(scenario));
  const invoice = attempt(() =>
    rateInvoice(contract, eventsIn(stream, period), period, { creditsStartFull: true }),
  );
  return invoice !== undefined && invoice.lines.length > 0 ? invoice : undefined;
}

describe("the invoice workbook in LibreOffice Calc (generated contracts)", () => {
  it("gives every line amount and total of generated invoices, every price model and term, to the minor unit", {
    timeout: 300_000,
  }, async () => {
    const drawn = fc.sample(fc.tuple(contractScenarioArb(), streamArb()), { numRuns: RUNS, seed: SEED });
    const invoices = new Map<string, Invoice>();
    drawn.forEach((draw, index) => {
      const invoice = invoiceOf(draw);
      if (invoice !== undefined) invoices.set(`seed-${SEED}-draw-${index}`, invoice);
    });
    expect(invoices.size, `FC_SEED=${SEED}: too few generated contracts could be rated`).toBeGreaterThan(
      RUNS / 4,
    );
    const books = workbooksOf(invoices);
    const values = await calcValuesOf(books);
    for (const [name, book] of books) expectCalcMatches(`FC_SEED=${SEED} ${name}`, book, values.get(name)!);
  });
});
