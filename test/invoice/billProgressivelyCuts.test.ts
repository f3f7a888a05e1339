import { describe, expect, it } from "vitest";
import { billProgressively, type Invoice } from "../../src/invoice/index.js";
import { buildContract, flatCharge, sumMeter, usageEvent } from "../_support/contract.js";

// Where billProgressively cuts the period (each candidate is the whole second after an event) and what
// it counts as spend there. Written for the mutants of src/invoice/billProgressively.ts that the
// existing sequence test let live (docs/testing-mutation.md). 0.10 per GB throughout.
const gb = (id: string, at: string, v: string) => usageEvent(id, "gb", at, { v });
const unitGb = {
  id: "bw",
  name: "Bandwidth",
  meter: "gb",
  price: { model: "unit", unitPrice: "0.10" },
} as const;
const contract = buildContract({ meters: [sumMeter("gb", { unit: "GB" })], charges: [unitGb] });
const asOfAndTotal = (invoices: Invoice[]) =>
  invoices.map((invoice) => [invoice.progressive?.stage, invoice.progressive?.asOf, invoice.total]);

describe("billProgressively: where it cuts and what it counts", () => {
  // 300 GB on the 2nd (30.00 so far), 300 GB on the 5th (60.00: crosses 50.00)
  const events = [gb("a", "2026-03-02T12:00:00Z", "300"), gb("b", "2026-03-05T12:00:00Z", "300")];

  it("issues only the progressive invoices when `close` is not given", () => {
    expect(asOfAndTotal(billProgressively(contract, events, "2026-03", { threshold: "50" }))).toEqual([
      ["progressive", "2026-03-05T12:00:01.000Z", "60.00"],
    ]);
  });

  it("cuts in time order whatever the order of the events", () => {
    // 300 GB on the 2nd, 9th, 16th and 23rd given backwards: 30.00, 60.00 (crosses 50), 90.00,
    // 120.00 (crosses 100). In the order given, a bisection would stop at the wrong seconds.
    const backwards = [
      gb("d", "2026-03-23T00:00:00Z", "300"),
      gb("c", "2026-03-16T00:00:00Z", "300"),
      gb("b", "2026-03-09T00:00:00Z", "300"),
      gb("a", "2026-03-02T00:00:00Z", "300"),
    ];
    expect(asOfAndTotal(billProgressively(contract, backwards, "2026-03", { threshold: "50" }))).toEqual([
      ["progressive", "2026-03-09T00:00:01.000Z", "60.00"],
      ["progressive", "2026-03-23T00:00:01.000Z", "60.00"],
    ]);
  });

  it("leaves a crossing in the period's last second to the closing invoice", () => {
    // 30.00 on the 2nd, then 300 GB at 23:59:59.500 on the 31st: 60.00, but the second after it is
    // 1 April 00:00:00, the end of the period, which is not a cut. No progressive invoice; the closing
    // one bills the whole 60.00.
    const late = [events[0]!, gb("z", "2026-03-31T23:59:59.500Z", "300")];
    expect(billProgressively(contract, late, "2026-03", { threshold: "50" })).toEqual([]);
    expect(
      asOfAndTotal(billProgressively(contract, late, "2026-03", { threshold: "50", close: true })),
    ).toEqual([["closing", "2026-04-01T00:00:00.000Z", "60.00"]]);
  });

  it("counts the spend as a progressive invoice does: without the period's flat fee", () => {
    // A 20.00 platform fee is billed at the close, not on the progressive invoices. 30.00 on the 2nd
    // would reach 50.00 with the fee (30 + 20); without it the spend reaches 50 only on the 5th (60.00).
    const withFee = buildContract({
      meters: [sumMeter("gb", { unit: "GB" })],
      charges: [unitGb, flatCharge("platform", "Platform", "20")],
    });
    expect(asOfAndTotal(billProgressively(withFee, events, "2026-03", { threshold: "50" }))).toEqual([
      ["progressive", "2026-03-05T12:00:01.000Z", "60.00"],
    ]);
  });
});
