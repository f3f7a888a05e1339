import { describe, expect, it } from "vitest";
import { explain, explainText, parseContract } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Snowflake bills a warehouse "per-second, with a 60-second (i.e. 1-minute) minimum" each time it starts
// or resumes (docs/vendor-price-lists.md). Here a warehouse at $3.60 an hour, $0.001 a second, each
// resume an entity with a minimum of 60 s, in March 2026 (UTC):
// - r1 ran 30 s → raised to 60;
// - r2 ran 1,800 s + 1,800 s (two events) = 3,600 → 3,600;
// - r3 ran 61 s → 61;
// - r4 reported 0 s (resumed and suspended at once) → raised to 60.
// By hand: 60 + 3,600 + 61 + 60 = 3,781 s × $0.001 = $3.781 → $3.78 (half-even). Without the minimum:
// 30 + 3,600 + 61 + 0 = 3,691 s → $3.691 → $3.69.
const warehouse = (entity: Record<string, unknown>) =>
  buildContractJson({
    meters: [
      {
        id: "warehouse",
        eventType: "warehouse.run",
        aggregation: "sum",
        valueProperty: "seconds",
        unit: "seconds",
        entity: { property: "resume", ...entity },
      },
    ],
    charges: [
      { id: "compute", name: "Warehouse", meter: "warehouse", price: { model: "unit", unitPrice: "0.001" } },
    ],
  });
const runs = [
  ["r1a", "r1", "30"],
  ["r2a", "r2", "1800"],
  ["r2b", "r2", "1800"],
  ["r3a", "r3", "61"],
  ["r4a", "r4", "0"],
].map(([id, resume, seconds], index) =>
  usageEvent(id!, "warehouse.run", `2026-03-0${index + 2}T10:00:00Z`, { resume: resume!, seconds: seconds! }),
);

describe("a minimum per entity (a warehouse's 60 seconds each resume)", () => {
  it("raises each resume to 60 s before the resumes are added: 3,781 s, $3.78", () => {
    const invoice = rateInvoice(parseContract(warehouse({ minimum: "60" })), runs, "2026-03");
    const line = invoice.lines[0]!;
    expect([line.quantity, line.amount]).toEqual(["3781", "3.78"]);
    const usage = line.steps[0]!;
    expect(usage.kind === "usage" ? usage.computation : undefined).toMatchObject({
      kind: "entities",
      entities: 4,
      minimum: "60",
      raised: 2,
    });
    expect(explainText(invoice)).toContain("Summed over 4 entities, each at least 60 (2 entities raised).");
    // The Markdown step table's usage row says it too: "(sum)" alone hid the two resumes raised to 60 s.
    expect(explain(invoice, { format: "markdown" })).toContain(
      "| 1 | usage | Measured 3,781 seconds from 5 events on meter warehouse (sum). Summed over 4 entities, each at least 60 (2 entities raised). |  |",
    );
  });

  it("changes nothing for a meter without one: 3,691 s, $3.69, and no minimum recorded", () => {
    const invoice = rateInvoice(parseContract(warehouse({})), runs, "2026-03");
    expect(invoice.lines[0]!.amount).toBe("3.69");
    const usage = invoice.lines[0]!.steps[0]!;
    const computation = usage.kind === "usage" ? usage.computation : undefined;
    expect(computation).not.toHaveProperty("minimum");
    expect(computation).not.toHaveProperty("raised");
  });

  it("applies the minimum after rounding and before the cap", () => {
    // divided by 60 and rounded up (started minutes): r1 1, r2 60, r3 ⌈61 ÷ 60⌉ = 2, r4 0; at least 2
    // minutes a resume: 2 + 60 + 2 + 2; capped at 30 minutes: 2 + 30 + 2 + 2 = 36 minutes.
    const contract = buildContract(warehouse({ divideBy: "60", round: "up", minimum: "2", cap: "30" }));
    const invoice = rateInvoice(contract, runs, "2026-03");
    expect(invoice.lines[0]!.quantity).toBe("36");
    expect(explainText(invoice)).toContain(
      "Summed over 4 entities, each divided by 60, rounded up, at least 2 (2 entities raised), capped at 30 (1 entity capped).",
    );
  });

  it("refuses a minimum above the cap, at the minimum's path", () => {
    const error = thrown(() => parseContract(warehouse({ minimum: "60", cap: "30" })));
    expect(error).toMatchObject({
      code: "invalid_field",
      path: "meters[0].entity.minimum",
      message: expect.stringContaining("the minimum must not be above the cap"),
    });
  });
});
