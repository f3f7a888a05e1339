import { describe, expect, it } from "vitest";
import { ContractError } from "../../src/errors/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  buildContractJson,
  flatCharge,
  sumMeter,
  unitCharge,
  usageEvent,
} from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// A monthly contract from January 1, 2026: a $310 platform fee in arrears and compute at $1 per unit.
// The customer asks to cancel on March 2; the cancellation takes effect on March 17.
const base = buildContractJson({
  id: "ctr_cancel",
  term: { start: "2026-01-01" },
  meters: [sumMeter("cpu")],
  charges: [flatCharge("platform", "Platform", "310"), unitCharge("compute", "Compute", "cpu")],
});
const cancelled = buildContractJson(base, {
  cancellation: { requested: "2026-03-02", effective: "2026-03-17" },
});
const cpu = (id: string, date: string, v: string) => usageEvent(id, "cpu", `${date}T12:00:00Z`, { v });
const usage = [cpu("a", "2026-03-05", "7"), cpu("b", "2026-03-20", "5")];

describe("cancellation: requested on one date, effective on another", () => {
  it("ends the billing on the effective date: March 1 → 17, the fee prorated, later usage not billed", () => {
    const invoice = rateInvoice(buildContract(cancelled), usage, "2026-03");
    expect(invoice.period.start).toBe("2026-03-01T00:00:00.000Z");
    expect(invoice.period.end).toBe("2026-03-17T00:00:00.000Z");
    // platform: 310.00 × 16 days ÷ 31 days = 160.00; compute: the 7 units of March 5 only (March 20 is
    // after the cancellation) × 1.00 = 7.00; total 167.00
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["platform", "160.00"],
      ["compute", "7.00"],
    ]);
    expect(invoice.total).toBe("167.00");
    expect(invoice.cancellation).toEqual({
      requested: "2026-03-02T00:00:00.000Z",
      effective: "2026-03-17T00:00:00.000Z",
    });
    expect(explainText(invoice)).toContain(
      "Cancelled: requested 2026-03-02, effective 2026-03-17; nothing is billed from 2026-03-17 on.",
    );
  });

  it("bills exactly as a term ending on the effective date, with the cancellation recorded besides", () => {
    const asTermEnd = rateInvoice(
      buildContract(base, { term: { start: "2026-01-01", end: "2026-03-17" } }),
      usage,
      "2026-03",
    );
    const withCancellation = rateInvoice(buildContract(cancelled), usage, "2026-03");
    expect(withCancellation.lines).toEqual(asTermEnd.lines);
    expect(withCancellation.total).toBe(asTermEnd.total);
  });

  it("leaves the invoices before the effective period as they were, without the record", () => {
    const february = rateInvoice(buildContract(cancelled), [], "2026-02");
    expect(february.lines.map((line) => [line.id, line.amount])).toEqual([
      ["platform", "310.00"],
      ["compute", "0.00"],
    ]);
    expect(february.cancellation).toBeUndefined();
  });

  it("takes the earlier of term.end and the effective date, and refuses an effective date outside the term", () => {
    const early = thrown(() =>
      buildContract(base, { cancellation: { requested: "2025-12-01", effective: "2026-01-01" } }),
    );
    expect(early).toBeInstanceOf(ContractError);
    expect(early).toMatchObject({ code: "invalid_period", path: "cancellation.effective" });
    const late = thrown(() =>
      buildContract(base, {
        term: { start: "2026-01-01", end: "2026-06-01" },
        cancellation: { requested: "2026-05-01", effective: "2026-07-01" },
      }),
    );
    expect(late).toMatchObject({ code: "invalid_period", path: "cancellation.effective" });
  });
});
