import { describe, expect, it } from "vitest";
import { billedOnAnotherCycle, noContractOnItsCycle } from "../../src/cli/batchMessages.js";

// The sentences of a batch about contracts billed on another cycle, as an operator reads them at month end.
const daily = (customer: string) => ({
  contract: `ctr_${customer}`,
  customer,
  billing: { cadence: "daily", alignment: "calendar" },
  // February 2026: 28 days, from 2026-02-01/2026-02-02 to 2026-02-28/2026-03-01
  billingPeriods: Array.from({ length: 28 }, (_, day) => {
    const date = (d: number) => (d <= 28 ? `2026-02-${String(d).padStart(2, "0")}` : "2026-03-01");
    return `${date(day + 1)}/${date(day + 2)}`;
  }),
});

describe("billedOnAnotherCycle", () => {
  it("names the first and last of many billing periods, and one event in the singular", () => {
    expect(billedOnAnotherCycle({ ...daily("cus_d"), events: 1 }, "2026-02")).toBe(
      "ctr_cus_d (cus_d, 1 event) is billed daily: 28 billing periods, 2026-02-01/2026-02-02 to 2026-02-28/2026-03-01, meet 2026-02; rate each with its own --period (--summary FILE lists them under contractsOnAnotherCycle)",
    );
  });
});

describe("billedOnAnotherCycle, one billing period", () => {
  it("says the period covers part of it, not that the billing period meets the period", () => {
    const quarterly = {
      contract: "ctr_cus_c",
      customer: "cus_c",
      billing: { cadence: "quarterly", alignment: "calendar" },
      billingPeriods: ["2026-Q1"],
    };
    expect(billedOnAnotherCycle(quarterly, "2026-02")).toBe(
      "ctr_cus_c (cus_c) is billed quarterly: 2026-02 covers part of its billing period 2026-Q1; rate it with --period 2026-Q1",
    );
  });
});

describe("noContractOnItsCycle", () => {
  it("names three contracts and counts the others on another cycle and those not in force", () => {
    const offCycle = ["cus_a", "cus_b", "cus_c", "cus_d"].map(daily);
    // 6 contracts: 4 on another cycle (3 named, 1 more) and 6 − 4 = 2 not in force
    const text = noContractOnItsCycle({ period: "2026-02", contracts: 6, offCycle });
    expect(
      text.startsWith(
        "--period 2026-02: 2026-02 is not a billing period of any of the 6 contracts of --contracts, so the batch would rate nothing",
      ),
    ).toBe(true);
    expect(text.match(/is billed daily/g)).toHaveLength(3);
    expect(
      text.endsWith(
        "(and 1 more billed on another cycle, 2 not in force in 2026-02). No usage was read and nothing was written.",
      ),
    ).toBe(true);
  });
});
