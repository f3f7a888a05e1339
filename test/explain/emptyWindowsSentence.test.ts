import { describe, expect, it } from "vitest";
import { explain, explainText } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// Storage billed as the average of daily peaks (Cloudflare R2's GB-month, docs/meters.md), April 2026
// in UTC: 30 daily windows, peaks of 10 GB on 8 April and 20 GB on 9 April, no reading on the other 28
// days; 1.00 a GB-month.
// - emptyWindows "zero" (the default): (10 + 20 + 28 × 0) ÷ 30 = 1 GB-month → 1.00;
// - emptyWindows "skip": the 28 empty days are left out, (10 + 20) ÷ 2 = 15 GB-month → 15.00.
// Both invoices read "Measured as the avg of 30 daily windows, …; 28 windows without events counted as
// 0 or left out as the meter says", false of the second (an average over 2 windows, not 30): the
// invoice did not record which the empty windows were.
const usage = [
  usageEvent("d8", "storage", "2026-04-08T12:00:00Z", { v: 10 }),
  usageEvent("d9", "storage", "2026-04-09T12:00:00Z", { v: 20 }),
];
const invoiceWith = (emptyWindows: "zero" | "skip") =>
  rateInvoice(
    buildContract({
      meters: [
        sumMeter("storage", {
          aggregation: "avg",
          unit: "GB-month",
          window: { size: "day", aggregation: "max", emptyWindows },
        }),
      ],
      charges: [unitCharge("storage", "Storage", "storage")],
    }),
    usage,
    "2026-04",
  );

describe("the sentence of a windowed meter says what its empty windows were", () => {
  it("counted as 0: the avg of all 30 daily windows, 1.00", () => {
    const invoice = invoiceWith("zero");
    expect(invoice.lines[0]!.amount).toBe("1.00");
    expect(explainText(invoice)).toContain(
      "The quantity is the avg of 30 daily windows, each the max of its events; 28 windows without events counted as 0.",
    );
  });

  it("left out: the avg of the 2 daily windows with events, 15.00", () => {
    const invoice = invoiceWith("skip");
    expect(invoice.lines[0]!.amount).toBe("15.00");
    const text = explainText(invoice);
    expect(text).toContain(
      "The quantity is the avg of the 2 daily windows with events, each the max of its events; 28 of the 30 windows had no events and were left out.",
    );
    expect(text).not.toContain("avg of 30 daily windows");
  });

  it("keeps both readings open for an invoice issued before emptyWindowsAs was recorded", () => {
    const invoice = invoiceWith("skip");
    const old = structuredClone(invoice);
    const usageStep = old.lines[0]!.steps[0]!;
    if (usageStep.kind === "usage" && usageStep.computation?.kind === "windows")
      delete (usageStep.computation as { emptyWindowsAs?: string }).emptyWindowsAs;
    expect(explainText(old)).toContain(
      "; 28 windows without events counted as 0 or left out as the meter says.",
    );
  });

  it("records it on the invoice, emptyWindowsAs", () => {
    const computation = (emptyWindows: "zero" | "skip") => {
      const usageStep = invoiceWith(emptyWindows).lines[0]!.steps[0]!;
      return usageStep.kind === "usage" ? usageStep.computation : undefined;
    };
    expect(computation("zero")).toMatchObject({ windows: 30, emptyWindows: 28, emptyWindowsAs: "zero" });
    expect(computation("skip")).toMatchObject({ windows: 30, emptyWindowsAs: "skip" });
  });

  it("says once, in the Markdown usage row, how the meter measured", () => {
    // (10 + 20 + 28 × 0) ÷ 30 = 1 GB-month. The row read "Measured 1 GB-month from 2 events on meter
    // storage (avg). Measured as the avg of 30 daily windows, …": measured twice, the avg twice.
    const markdown = explain(invoiceWith("zero"), { format: "markdown" });
    expect(markdown).toContain(
      "| usage | Measured 1 GB-month from 2 events on meter storage. The quantity is the avg of 30 daily windows, each the max of its events; 28 windows without events counted as 0. |",
    );
    expect(markdown).not.toContain("Measured as");
  });
});
