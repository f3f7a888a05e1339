import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { issueCreditNote, parseInvoice, previewInvoice, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, flatCharge, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// February 2026 has 28 days; as of 8 February 00:00 UTC, 7 of them have passed: 604,800 of 2,419,200 s.
const AS_OF = "2026-02-08T00:00:00Z";
const use = (id: string, day: number, v: string) =>
  usageEvent(id, "use", `2026-02-${String(day).padStart(2, "0")}T12:00:00Z`, { v });
const EVENTS = [use("a", 3, "30"), use("b", 5, "70"), use("late", 10, "50")];
const unitAndFee = buildContract({
  meters: [sumMeter("use", { unit: "GB" })],
  charges: [unitCharge("gb", "Bandwidth", "use"), flatCharge("platform", "Platform", "10")],
});

describe("previewInvoice", () => {
  it("rates the usage before asOf, keeps fees whole and projects a unit line linearly", () => {
    const preview = previewInvoice(unitAndFee, EVENTS, "2026-02", AS_OF);
    // so far: 30 + 70 = 100 GB × 1.00 = 100.00, platform 10.00 (whole) → 110.00
    expect(preview.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["gb", "100", "100.00"],
      ["platform", "1", "10.00"],
    ]);
    expect(preview.total).toBe("110.00");
    // projected: 100 GB × 2,419,200 / 604,800 = 400 GB → 400.00; platform 10.00 → 410.00
    expect(preview.preview).toEqual({
      asOf: "2026-02-08T00:00:00.000Z",
      elapsedSeconds: "604800",
      periodSeconds: "2419200",
      projection: {
        method: "linear_in_elapsed_time",
        lines: [
          { line: "gb", method: "linear", quantity: "400", soFar: "100.00", projected: "400.00" },
          { line: "platform", method: "not_metered", quantity: "1", soFar: "10.00", projected: "10.00" },
        ],
        subtotal: "410.00",
        total: "410.00",
      },
    });
  });

  it("reports the events at or after asOf as excluded, never dropped", () => {
    const preview = previewInvoice(
      unitAndFee,
      [...EVENTS, use("edge", 8, "1")],
      "2026-02",
      "2026-02-08T12:00:00Z",
    );
    // "edge" is at 12:00 on the 8th, exactly asOf: the cut is half-open like a period, so it is excluded.
    expect(preview.usage.eventsRead).toBe(4);
    expect(preview.usage.eventsCounted).toBe(2);
    expect(preview.usage.excluded).toEqual([
      { reason: "after_as_of", events: 2, sampleIds: ["edge", "late"] },
    ]);
  });

  it("prices the projected quantity through the tiers, not the amount so far times four", () => {
    const contract = buildContract({
      meters: [sumMeter("use")],
      charges: [
        {
          id: "gb",
          name: "Bandwidth",
          meter: "use",
          price: {
            model: "graduated",
            tiers: [
              { upTo: "100", unitPrice: "1" },
              { upTo: null, unitPrice: "0.5" },
            ],
          },
        },
      ],
    });
    const preview = previewInvoice(contract, EVENTS, "2026-02", AS_OF);
    // so far 100 GB: 100 × 1.00 = 100.00; projected 400 GB: 100 × 1.00 + 300 × 0.50 = 250.00 (not 400.00)
    expect(preview.total).toBe("100.00");
    expect(preview.preview?.projection.total).toBe("250.00");
  });

  it("holds a peak as measured: a maximum does not grow with time", () => {
    const contract = buildContract({
      meters: [{ id: "use", eventType: "use", aggregation: "max", valueProperty: "v" }],
      charges: [unitCharge("seats", "Seats", "use", "3")],
    });
    const preview = previewInvoice(contract, EVENTS, "2026-02", AS_OF);
    // peak so far max(30, 70) = 70 × 3.00 = 210.00, held to the end
    expect(preview.preview?.projection.lines).toEqual([
      { line: "seats", method: "held", quantity: "70", soFar: "210.00", projected: "210.00" },
    ]);
  });

  it("projects each piece of an amended period at the rate of the whole period so far", () => {
    const contract = buildContract({
      meters: [sumMeter("use")],
      charges: [unitCharge("gb", "Bandwidth", "use")],
      amendments: [
        {
          id: "raise",
          effective: "2026-02-15",
          charges: [unitCharge("gb", "Bandwidth", "use", "2")],
        },
      ],
    });
    const preview = previewInvoice(contract, EVENTS, "2026-02", AS_OF);
    // rate so far: 100 GB in 7 days. 1–14 Feb: 100 + 100 × 7/7 = 200 GB × 1.00 = 200.00;
    // 15–28 Feb (not begun): 0 + 100 × 14/7 = 200 GB × 2.00 = 400.00; 600.00 in all
    expect(
      preview.preview?.projection.lines.map((line) => [line.line, line.quantity, line.projected]),
    ).toEqual([
      ["gb@2026-02-01", "200", "200.00"],
      ["gb@2026-02-15", "200", "400.00"],
    ]);
    expect(preview.preview?.projection.total).toBe("600.00");
    // the preview itself has only the first piece's usage: 100 GB × 1.00; the second piece billed 0.00
    expect(preview.total).toBe("100.00");
  });

  it("equals the closing invoice, projection included, when asOf is the period's end", () => {
    const closing = rateInvoice(unitAndFee, EVENTS, "2026-02");
    const preview = previewInvoice(unitAndFee, EVENTS, "2026-02", "2026-03-01T00:00:00Z");
    // 30 + 70 + 50 = 150 GB + 10.00 = 160.00 either way; nothing is still to come
    expect(preview.lines).toEqual(closing.lines);
    expect(preview.total).toBe("160.00");
    expect(preview.preview?.projection.total).toBe("160.00");
  });

  it("reads back as an invoice, with the preview sealed by the digest", () => {
    const preview = previewInvoice(unitAndFee, EVENTS, "2026-02", AS_OF);
    expect(parseInvoice(JSON.parse(JSON.stringify(preview)))).toEqual(preview);
    const edited = structuredClone(preview) as { preview: { projection: { total: string } } };
    edited.preview.projection.total = "1.00";
    expect(thrown(() => parseInvoice(edited))).toMatchObject({ code: "digest_mismatch" });
  });

  it("labels the projection in words as projected, not billed", () => {
    const text = explainText(previewInvoice(unitAndFee, EVENTS, "2026-02", AS_OF));
    expect(text).toContain("Preview as of 2026-02-08 (UTC; 2026-02-08T00:00:00.000Z):");
    expect(text).toContain("projected, not billed");
    expect(text).toMatch(/Bandwidth.*\$100\.00 so far.*\$400\.00 projected/);
    expect(text).toContain("at or after the preview's as-of instant (not billed yet)");
  });

  it("dates the cut-off in the contract's zone, as the period reads", () => {
    // 15 February 00:00 UTC is 14 February 19:00 in New York (UTC−5): a New York period's cut-off read
    // "2026-02-15T00:00:00.000Z", a day later than the local date. Its period starts at 05:00 UTC on 1
    // February, so 13 days and 19 hours have passed: 13 × 86,400 + 19 × 3,600 = 1,191,600 s.
    const newYork = buildContract({
      timeZone: "America/New_York",
      meters: [sumMeter("use", { unit: "GB" })],
      charges: [unitCharge("gb", "Bandwidth", "use")],
    });
    const text = explainText(previewInvoice(newYork, EVENTS, "2026-02", "2026-02-15T00:00:00Z"));
    expect(text).toContain(
      "Preview as of 2026-02-14 19:00 (America/New_York; 2026-02-15T00:00:00.000Z): 1,191,600 of the period's 2,419,200 seconds had passed.",
    );
  });

  it("reads a date alone as its midnight in the contract's zone", () => {
    const newYork = buildContract({
      timeZone: "America/New_York",
      meters: [sumMeter("use")],
      charges: [unitCharge("gb", "Bandwidth", "use")],
    });
    // midnight of 8 February in New York is 05:00 UTC (EST, UTC−5)
    expect(previewInvoice(newYork, EVENTS, "2026-02", "2026-02-08").preview?.asOf).toBe(
      "2026-02-08T05:00:00.000Z",
    );
  });

  it("refuses an asOf outside the period or unreadable, at asOf", () => {
    expect(thrown(() => previewInvoice(unitAndFee, EVENTS, "2026-02", "2026-02-01T00:00:00Z"))).toMatchObject(
      {
        code: "invalid_period",
        path: "asOf",
      },
    );
    expect(thrown(() => previewInvoice(unitAndFee, EVENTS, "2026-02", "2026-03-01T00:00:01Z"))).toMatchObject(
      {
        code: "invalid_period",
        path: "asOf",
      },
    );
    expect(thrown(() => previewInvoice(unitAndFee, EVENTS, "2026-02", "next tuesday"))).toMatchObject({
      code: "invalid_instant",
      path: "asOf",
    });
  });
});

describe("a preview is not an issued invoice", () => {
  it("refuses a credit note against a preview, at invoice.preview", () => {
    const preview = previewInvoice(unitAndFee, EVENTS, "2026-02", AS_OF);
    expect(
      thrown(() => issueCreditNote(unitAndFee, preview, [{ kind: "invoice", reason: "goodwill" }])),
    ).toMatchObject({ code: "invalid_argument", path: "invoice.preview" });
  });
});
