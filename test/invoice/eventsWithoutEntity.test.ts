// Events of a meter with `entity` that lack its property are counted together as one entity; the invoice
// says so (issue 13: "nothing silently merged"). Figures worked by hand in the comments.
import { describe, expect, it } from "vitest";
import { explain, rateInvoice, WARNING_CODES } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

const contract = buildContract({
  meters: [
    { id: "other", eventType: "other", aggregation: "sum", valueProperty: "v" },
    {
      id: "vm_hours",
      eventType: "vm.runtime",
      aggregation: "sum",
      valueProperty: "seconds",
      unit: "hours",
      entity: { property: "instance", divideBy: "3600", round: "up" },
    },
  ],
  charges: [{ id: "vm", name: "VM hours", meter: "vm_hours", price: { model: "unit", unitPrice: "0.05" } }],
});
const run = (id: string, seconds: number, instance?: string | null) =>
  usageEvent(id, "vm.runtime", "2026-03-05T00:00:00Z", {
    seconds,
    ...(instance === undefined ? {} : { instance }),
  });

describe("events without the entity property", () => {
  it("counts them as one entity, as before, and warns with the meter, the property and the count", () => {
    // i-a: 5,400 s = 1.5 h → 2 h; no instance: 1,800 s + 1,800 s (one missing, one null) = 1 h → 1 h
    // (two separate instances would have been 1 + 1 = 2 h); 3 h × 0.05 = 0.15
    const invoice = rateInvoice(
      contract,
      [run("a", 5400, "i-a"), run("m", 1800), run("n", 1800, null)],
      "2026-03",
    );
    expect(invoice.lines[0]!.quantity).toBe("3");
    expect(invoice.lines[0]!.amount).toBe("0.15");
    expect(invoice.notices).toEqual([
      {
        code: "events_without_entity",
        // the meter is the contract's second, meters[1]
        path: "meters[1].entity.property",
        details: { meter: "vm_hours", property: "instance", events: 2 },
        message:
          '2 events of meter "vm_hours" have no instance (missing or null); they are counted as one instance of their own, rounded and capped once. Send the instance with every event of this meter.',
      },
    ]);
    expect(invoice.warnings).toEqual([invoice.notices![0]!.message]);
  });

  it("says it in the line's explanation too", () => {
    const invoice = rateInvoice(contract, [run("a", 5400, "i-a"), run("m", 1800)], "2026-03");
    expect(explain(invoice)).toContain(
      "Summed over 2 entities, each divided by 3,600, rounded up. 1 event without instance counted as one entity.",
    );
    expect(invoice.notices![0]!.message).toMatch(
      /^1 event of meter "vm_hours" has no instance .*; it is counted as one instance of its own/,
    );
  });

  it("adds nothing when every event has the property (the invoice as before)", () => {
    const invoice = rateInvoice(contract, [run("a", 5400, "i-a"), run("b", 60, "i-b")], "2026-03");
    expect(invoice.warnings).toEqual([]);
    expect(invoice.notices).toBeUndefined();
    expect(JSON.stringify(invoice.lines[0]!.steps)).not.toContain("withoutProperty");
  });

  it("is a listed warning code", () => {
    expect(WARNING_CODES).toContain("events_without_entity");
  });
});
