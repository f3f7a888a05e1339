import { describe, expect, it } from "vitest";
import { buildContractJson, seatsCharge } from "../_support/contract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// `ratecard invoice --period FROM/TO` for the two halves of April, with seats billed in advance that go
// from 10 to 15 at 12.00 on 10 April: the halves bill what the whole month bills.
const scratch = scratchFolder("ratecard-partial-advance-", assertCliBuilt);
const invoiceTotal = (period: string) => {
  const contract = scratch.file(
    "contract.json",
    JSON.stringify(
      buildContractJson({
        meters: [],
        charges: [seatsCharge("10")],
        amendments: [{ id: "more_seats", effective: "2026-04-10", charges: [seatsCharge("15")] }],
      }),
    ),
  );
  const usage = scratch.file("usage.ndjson", "");
  const result = runCli(
    "invoice",
    "--contract",
    contract,
    "--usage",
    usage,
    "--period",
    period,
    "--format",
    "json",
  );
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { total: string }).total;
};

describe("ratecard invoice --period for part of a billing period, with fees billed in advance", () => {
  it("settles the change once, for the rest of the billing period", () => {
    // first half: −120.00 × 21 ÷ 30 = −84.00 and 180.00 × 21 ÷ 30 = 126.00 (10 April → 1 May): 42.00
    // (before the fix: −24.00 + 36.00 = 12.00, to 16 April only)
    expect(invoiceTotal("2026-04-01/2026-04-16")).toBe("42.00");
    // second half: May's 15 seats, 180.00
    expect(invoiceTotal("2026-04-16/2026-05-01")).toBe("180.00");
    // 42.00 + 180.00 = 222.00, the whole month's
    expect(invoiceTotal("2026-04")).toBe("222.00");
  });
});
