import { describe, expect, it } from "vitest";
import { correctLateUsage, issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, type ContractOverrides, usageEvent } from "../_support/contract.js";
import { VOLUME_BANDWIDTH } from "../_support/lateUsageExample.js";
import { thrown } from "../_support/thrown.js";

// Bandwidth on a volume price: every GB at 0.10 up to 1,000 GB, every GB at 0.08 above; a 10.00 fee.
const VOLUME: ContractOverrides = VOLUME_BANDWIDTH;
const gb = (id: string, day: number, v: string) =>
  usageEvent(id, "use", `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`, { v });
const USAGE = [gb("a", 3, "500"), gb("b", 9, "400")];
const LATE = [gb("late", 20, "200")];

// Each test issues its own invoice rather than the describe block once: Stryker's per-test coverage counts
// code run while a file loads as no test's, so a mutant reached only there never met these tests.
describe("correctLateUsage, next_invoice (the default)", () => {
  const contract = buildContract(VOLUME);
  const issue = () => rateInvoice(contract, USAGE, "2026-03");

  it("reverses the issued line and books the re-rated one when the volume tier moves", () => {
    const issued = issue();
    // issued: 900 GB × 0.10 = 90.00 (+ 10.00); with 200 late GB: 1,100 GB × 0.08 = 88.00 (every unit repriced)
    expect(issued.total).toBe("100.00");
    const result = correctLateUsage(contract, issued, USAGE, LATE, { billOn: "2026-04" });
    expect(result.mode).toBe("next_invoice");
    if (result.mode !== "next_invoice") return;
    expect(result.lines).toEqual([
      {
        id: "ctr:2026-03-01/gb:reversal",
        kind: "reversal",
        corrects: "gb",
        chargeId: "gb",
        name: "Bandwidth",
        quantity: "-900",
        amount: "-90.00",
      },
      {
        id: "ctr:2026-03-01/gb:rebook",
        kind: "rebook",
        corrects: "gb",
        chargeId: "gb",
        name: "Bandwidth",
        quantity: "1100",
        amount: "88.00",
      },
    ]);
    // −90.00 + 88.00 = −2.00: the next invoice gives 2.00 back although 200 more GB were used
    expect(result.subtotal).toBe("-2.00");
    expect(result.total).toBe("-2.00");
    expect(result.lateEvents).toEqual({ given: 1, counted: 1 });
    expect(result.billOn).toBe("2026-04-01/2026-05-01");
  });

  it("books nothing when the late events change nothing (a repeat of an event already counted)", () => {
    const issued = issue();
    const result = correctLateUsage(contract, issued, USAGE, [gb("a", 3, "500")], { billOn: "2026-04" });
    expect(result).toMatchObject({ mode: "next_invoice", lines: [], subtotal: "0.00", total: "0.00" });
    // the repeat of "a" is left out as a duplicate id: 1 given − 0 counted = 1 not counted
    expect(result.lateEvents).toEqual({
      given: 1,
      counted: 0,
      notCounted: [{ reason: "duplicate_id", events: 1 }],
    });
  });

  it("refuses a period older than the look-back window, and a billing period that is not later", () => {
    const issued = issue();
    // March corrected in May: 2 periods back (March, April) — inside the default window of 2
    expect(correctLateUsage(contract, issued, USAGE, LATE, { billOn: "2026-05" }).mode).toBe("next_invoice");
    // in June: 3 periods back
    expect(
      thrown(() => correctLateUsage(contract, issued, USAGE, LATE, { billOn: "2026-06" })),
    ).toMatchObject({
      code: "correction_outside_window",
      path: "billOn",
    });
    expect(
      thrown(() => correctLateUsage(contract, issued, USAGE, LATE, { billOn: "2026-03" })),
    ).toMatchObject({
      code: "invalid_period",
      path: "billOn",
    });
    const narrow = buildContract(VOLUME, { lateUsage: { lookBackPeriods: 1 } });
    const narrowIssued = rateInvoice(narrow, USAGE, "2026-03");
    expect(
      thrown(() => correctLateUsage(narrow, narrowIssued, USAGE, LATE, { billOn: "2026-05" })),
    ).toMatchObject({ code: "correction_outside_window" });
  });

  it("corrects the same invoice a second time from the first correction's rerated invoice", () => {
    const issued = issue();
    const first = correctLateUsage(contract, issued, USAGE, LATE, { billOn: "2026-04" });
    if (first.mode !== "next_invoice") return;
    // 100 GB more of 25 March arrive in May: 1,200 GB × 0.08 = 96.00, total 106.00
    const more = [gb("later", 25, "100")];
    const second = correctLateUsage(contract, first.rerated, [...USAGE, ...LATE], more, {
      billOn: "2026-05",
    });
    if (second.mode !== "next_invoice") return;
    // from what April left (98.00): 106.00 − 98.00 = +8.00; 100.00 − 2.00 + 8.00 = 106.00
    expect(second.total).toBe("8.00");
    // from the issued invoice with both late files: 106.00 − 100.00 = 6.00, and with April's −2.00 the
    // customer pays 104.00: April's correction counted twice (docs/late-usage.md)
    const again = correctLateUsage(contract, issued, USAGE, [...LATE, ...more], { billOn: "2026-05" });
    expect(again.mode === "next_invoice" && again.total).toBe("6.00");
  });

  it("refuses usage that does not rate to the issued invoice", () => {
    const issued = issue();
    expect(
      thrown(() => correctLateUsage(contract, issued, [gb("a", 3, "500")], LATE, { billOn: "2026-04" })),
    ).toMatchObject({ code: "usage_does_not_reproduce", path: "usage" });
  });

  it("says the usage report differs, not the total, when only events outside the period are missing", () => {
    // Rated from a, b and an April event "x" (outside the period: 3 read, 2 counted), 900 GB × 0.10 +
    // 10.00 = 100.00; given a and b only, the same lines and 100.00, but 2 read. Before, the sentence
    // read "rates to a total of 100.00, not the 100.00 issued".
    const april = usageEvent("x", "use", "2026-04-02T12:00:00Z", { v: "5" });
    const issued = rateInvoice(contract, [...USAGE, april], "2026-03");
    const error = thrown(() =>
      correctLateUsage(contract, issued, USAGE, LATE, { billOn: "2026-04" }),
    ) as Error;
    expect(error).toMatchObject({ code: "usage_does_not_reproduce", path: "usage" });
    expect(error.message).toContain(
      "rates to its lines and its total of 100.00, but not to its usage report: 2 events read and 2 counted, where the invoice read 3 and counted 2",
    );
    expect(error.message).not.toContain("not the 100.00 issued");
  });
});

describe("correctLateUsage, credit_note", () => {
  const contract = buildContract(VOLUME, { lateUsage: { correction: "credit_note" } });
  const issue = () => rateInvoice(contract, USAGE, "2026-03");

  it("credits the issued invoice in full and re-issues the period with every event", () => {
    const issued = issue();
    const result = correctLateUsage(contract, issued, USAGE, LATE, { billOn: "2026-04" });
    expect(result.mode).toBe("credit_note");
    if (result.mode !== "credit_note") return;
    // the note credits 90.00 + 10.00 = 100.00; the re-issued invoice bills 88.00 + 10.00 = 98.00
    expect(result.creditNote?.total).toBe("100.00");
    expect(result.creditNote?.invoiceId).toBe("ctr:2026-03-01");
    expect(result.reissued?.id).toBe("ctr:2026-03-01:reissued");
    expect(result.reissued?.total).toBe("98.00");
    expect(result.reissued?.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["gb", "1100", "88.00"],
      ["platform", "1", "10.00"],
    ]);
  });

  it("credits only what earlier credit notes left, so the notes undo the invoice once", () => {
    const issued = issue();
    // a goodwill note of 10.00 on bandwidth (billed 90.00) was issued before the late events came
    const goodwill = issueCreditNote(contract, issued, [
      { kind: "amount", line: "gb", amount: "10", reason: "goodwill" },
    ]);
    const result = correctLateUsage(contract, issued, USAGE, LATE, {
      billOn: "2026-04",
      creditNotes: [goodwill],
    });
    if (result.mode !== "credit_note") throw new Error("credit_note mode expected");
    // 100.00 billed − 10.00 credited before = 90.00 left: bandwidth 90.00 − 10.00 = 80.00 and the fee
    // 10.00; the two notes credit 100.00, the issued total, once. The re-issue bills 98.00 as before.
    expect(result.creditNote?.total).toBe("90.00");
    expect(result.creditNote?.lines.map((line) => [line.corrects, line.amount])).toEqual([
      ["gb", "80.00"],
      ["platform", "10.00"],
    ]);
    expect(result.creditNote?.id).toBe("ctr:2026-03-01:credit-note:2");
    expect(result.reissued?.total).toBe("98.00");
  });

  it("issues nothing when nothing changed", () => {
    const issued = issue();
    const result = correctLateUsage(contract, issued, USAGE, [], { billOn: "2026-04" });
    expect(result).toEqual({
      mode: "credit_note",
      invoiceId: "ctr:2026-03-01",
      currency: { code: "USD", minorUnits: 2 },
      period: "2026-03-01/2026-04-01",
      billOn: "2026-04-01/2026-05-01",
      lateEvents: { given: 0, counted: 0 },
    });
  });
});
