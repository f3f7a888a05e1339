import { describe, expect, it } from "vitest";
import { buildContractJson, sumMeter, unitCharge } from "../_support/contract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// A quarterly, an annual and a daily contract rated with the period forms that name their billing
// periods (`2026-Q1`, `2026`, `2026-02-10`): until 7 December 2026 (session 43) each was "not
// understood" (exit 2) and only a range of dates rated them.
const { file } = scratchFolder("ratecard-period-forms-", assertCliBuilt);

// GB at 0.05 in UTC from 2026-01-01, billed on the cadence given; events of type `e`, property `v`.
const contractFile = (name: string, cadence: "daily" | "quarterly" | "annual") =>
  file(
    `${name}.json`,
    JSON.stringify(
      buildContractJson({
        id: `ctr_${name}`,
        billing: { cadence },
        meters: [sumMeter("m", { eventType: "e", unit: "GB" })],
        charges: [unitCharge("gb", "Bandwidth", "m", "0.05")],
      }),
    ),
  );
const event = (id: string, timestamp: string, v: string) =>
  JSON.stringify({ id, type: "e", customer: "cus", timestamp, properties: { v } });
// 100 GB on 10 January, 20 GB in the quarter's last minute, 7 GB at the first instant of Q2.
const usage = () =>
  file(
    "usage.ndjson",
    [
      event("a", "2026-01-10T12:00:00Z", "100"),
      event("b", "2026-03-31T23:59:00Z", "20"),
      event("c", "2026-04-01T00:00:00Z", "7"),
    ].join("\n"),
  );

const invoiceOf = (contract: string, period: string) => {
  const result = runCli(
    "invoice",
    "--contract",
    contract,
    "--usage",
    usage(),
    "--period",
    period,
    "--format",
    "json",
  );
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as {
    period: { label: string };
    total: string;
    usage: { eventsCounted: number };
  };
};

describe("--period as a quarter, a year or a day", () => {
  it("rates a quarterly contract for 2026-Q1: (100 + 20) GB × 0.05 = 6.00, the 1 April event left out", () => {
    const invoice = invoiceOf(contractFile("quarterly", "quarterly"), "2026-Q1");
    expect(invoice.period.label).toBe("2026-01-01/2026-04-01");
    expect(invoice.usage.eventsCounted).toBe(2);
    expect(invoice.total).toBe("6.00");
  });

  it("rates an annual contract for 2026: (100 + 20 + 7) GB × 0.05 = 6.35", () => {
    const invoice = invoiceOf(contractFile("annual", "annual"), "2026");
    expect(invoice.period.label).toBe("2026-01-01/2027-01-01");
    expect(invoice.total).toBe("6.35");
  });

  it("rates a daily contract for 2026-01-10: 100 GB × 0.05 = 5.00", () => {
    const invoice = invoiceOf(contractFile("daily", "daily"), "2026-01-10");
    expect(invoice.period.label).toBe("2026-01-10/2026-01-11");
    expect(invoice.total).toBe("5.00");
  });

  it("a quarter over a monthly contract spans three of its billing periods: refused as a range is", () => {
    const monthly = file("monthly.json", JSON.stringify(buildContractJson({ id: "ctr_monthly" })));
    const result = runCli("invoice", "--contract", monthly, "--usage", usage(), "--period", "2026-Q1");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "The period 2026-01-01/2026-04-01 spans more than one billing period of contract ctr_monthly",
    );
  });
});
