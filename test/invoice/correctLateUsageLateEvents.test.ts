import { describe, expect, it } from "vitest";
import { isRatecardError } from "../../src/errors/index.js";
import { correctLateUsage, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";
import { marchGb, VOLUME_BANDWIDTH } from "../_support/lateUsageExample.js";
import { thrown } from "../_support/thrown.js";

// docs/late-usage.md's example: 500 + 400 GB issued at 0.10 (volume, up to 1,000 GB) + a 10.00 fee.
const USAGE = [marchGb("a", 3, "500"), marchGb("b", 9, "400")];

describe("correctLateUsage: late events that are not new usage", () => {
  const contract = buildContract(VOLUME_BANDWIDTH);

  it("refuses a late event that reuses a billed event's id with another payload, instead of refunding it", () => {
    const issued = rateInvoice(contract, USAGE, "2026-03");
    // Before: "a" (500 GB) and its late namesake (600 GB) were both left out as a conflicting duplicate,
    // so the re-rating billed 400 GB only: counted −1 and a refund of the 500 GB already billed.
    const error = thrown(() =>
      correctLateUsage(contract, issued, USAGE, [marchGb("new", 20, "1"), marchGb("a", 3, "600")], {
        billOn: "2026-04",
      }),
    );
    expect(isRatecardError(error) && error.code).toBe("late_event_conflict");
    expect(isRatecardError(error) && error.path).toBe("late[1].id");
  });

  it("says how many late events each reason left out, so 'given 3, counted 1' is accounted for", () => {
    const issued = rateInvoice(contract, USAGE, "2026-03");
    const late = [
      marchGb("new", 20, "200"),
      marchGb("a", 3, "500"), // a repeat of a billed event: counted once, already billed
      usageEvent("april", "use", "2026-04-02T12:00:00Z", { v: "7" }), // after the period
      { ...marchGb("other", 21, "9"), customer: "someone_else" },
    ];
    const result = correctLateUsage(contract, issued, USAGE, late, { billOn: "2026-04" });
    // 4 given − 1 counted = 3 left out: 1 duplicate_id, 1 outside_period, 1 other_customer
    expect(result.lateEvents).toEqual({
      given: 4,
      counted: 1,
      notCounted: [
        { reason: "duplicate_id", events: 1 },
        { reason: "other_customer", events: 1 },
        { reason: "outside_period", events: 1 },
      ],
    });
  });

  it("adds no notCounted when every late event counted", () => {
    const issued = rateInvoice(contract, USAGE, "2026-03");
    const result = correctLateUsage(contract, issued, USAGE, [marchGb("new", 20, "200")], {
      billOn: "2026-04",
    });
    expect(result.lateEvents).toEqual({ given: 1, counted: 1 });
  });

  it("counts for each reason only the late events, not those the issued invoice had already left out", () => {
    // Issued from 500 + 400 GB, with one event of another customer and one of April already left out.
    const usage = [
      ...USAGE,
      { ...marchGb("theirs", 5, "3"), customer: "someone_else" },
      usageEvent("april", "use", "2026-04-02T12:00:00Z", { v: "7" }),
    ];
    const issued = rateInvoice(contract, usage, "2026-03");
    const late = [marchGb("new", 20, "200"), { ...marchGb("other", 21, "9"), customer: "someone_else" }];
    const result = correctLateUsage(contract, issued, usage, late, { billOn: "2026-04" });
    // other_customer: 2 after − 1 before = 1 late; outside_period: 1 − 1 = 0, not listed.
    expect(result.lateEvents).toEqual({
      given: 2,
      counted: 1,
      notCounted: [{ reason: "other_customer", events: 1 }],
    });
  });

  it("lets a late event reuse an id only another customer's billed event has, or another customer's event reuse one", () => {
    const usage = [...USAGE, { ...marchGb("x", 5, "3"), customer: "someone_else" }];
    const issued = rateInvoice(contract, usage, "2026-03");
    // "x" of this customer is new usage (another customer's "x" is no copy of it): 500 + 400 + 50 GB.
    // "a" of another customer is left out as another customer's, and refunds nothing.
    const late = [marchGb("x", 20, "50"), { ...marchGb("a", 3, "600"), customer: "someone_else" }];
    const result = correctLateUsage(contract, issued, usage, late, { billOn: "2026-04" });
    expect(result.lateEvents).toEqual({
      given: 2,
      counted: 1,
      notCounted: [{ reason: "other_customer", events: 1 }],
    });
  });

  it("refuses a late copy of one of two billed copies that already conflicted (it differs from the other)", () => {
    // "a" was billed twice with 500 and 450 GB: both left out as a conflicting duplicate.
    const usage = [...USAGE, marchGb("a", 3, "450")];
    const issued = rateInvoice(contract, usage, "2026-03");
    const error = thrown(() =>
      correctLateUsage(contract, issued, usage, [marchGb("a", 3, "450")], { billOn: "2026-04" }),
    );
    expect(isRatecardError(error) && [error.code, error.path]).toEqual(["late_event_conflict", "late[0].id"]);
  });
});
