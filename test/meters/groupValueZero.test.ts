import { describe, expect, it } from "vitest";
import { canonicalJson, rateInvoice } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// A grouped charge at 1.00 a unit of `v`, a line per `project`.
const contract = buildContract({
  charges: [
    {
      id: "use",
      name: "Use",
      meter: "m",
      price: { model: "grouped", groupBy: ["project"], price: { model: "unit", unitPrice: "1" } },
    },
  ],
});

describe("a group value of −0", () => {
  it("is the group 0, and the invoice reads back as itself", () => {
    // JSON.parse('{"project":-0}') gives −0, and JSON writes it as 0: before, the line's group held −0,
    // so the invoice differed from its own JSON (found by the hostile-inputs fuzzing, seed 2061638634).
    // Events of −0 and 0 fall in one bucket (a Map key −0 is +0): 2 + 3 = 5 units at 1.00 = 5.00.
    const events = [
      usageEvent("e1", "e", "2026-02-10T00:00:00Z", JSON.parse('{"project":-0,"v":"2"}')),
      usageEvent("e2", "e", "2026-02-11T00:00:00Z", { project: 0, v: "3" }),
    ];
    const invoice = rateInvoice(contract, events, "2026-02");
    const line = invoice.lines.find((entry) => entry.chargeId === "use");
    expect([line?.amount, Object.is(line?.group?.project, 0)]).toEqual(["5.00", true]);
    expect(JSON.parse(canonicalJson(invoice))).toEqual(invoice);
  });
});
