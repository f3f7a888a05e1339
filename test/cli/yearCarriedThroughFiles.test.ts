import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice } from "../../src/index.js";
import { carriedFrom } from "../_support/carriedFrom.js";
import { buildContract, buildContractJson, SEATS_METER, usageEvent } from "../_support/contract.js";
import { apartFromOutsidePeriod } from "../_support/outsidePeriodWarning.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// A year billed month by month, each invoice continuing the one before it through files (`--carry`,
// `--balances` and `--commitment-spend` all given last month's invoice, as a billing run does) prints
// the bytes the library gives when the same state is carried in memory (usage.carryOut, each grant's
// balanceAfter, each cumulative commitment's spendAfter). The contract carries all three: persistent
// seats, three grants (money before tax expiring in June, a custom unit after tax, a grant that opens
// mid-April), and a commitment of 3,000.00 over the year with an overage factor.
const { file } = scratchFolder("ratecard-year-carried-", assertCliBuilt);

const MONTHS = Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, "0")}`);
const CONTRACT = buildContractJson({
  id: "ctr_year_files",
  customUnits: [{ code: "CREDIT", minorUnits: 0 }],
  tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT 19%", percent: "19" }] },
  meters: [SEATS_METER, { id: "m", eventType: "e", aggregation: "sum", valueProperty: "v" }],
  charges: [
    { id: "seats", name: "Seats", meter: "seats", price: { model: "unit", unitPrice: "12" } },
    { id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "0.37" } },
  ],
  credits: [
    { id: "welcome", name: "Welcome", kind: "promotional", amount: "150.00", expires: "2026-06-01" },
    {
      id: "wallet",
      name: "Wallet",
      kind: "prepaid",
      taxed: "at_use",
      amount: "40000",
      unit: "CREDIT",
      unitValue: "0.003",
      costBasis: "0.002",
    },
    { id: "spring", name: "Spring", kind: "promotional", amount: "75.00", effective: "2026-04-15" },
  ],
  commitments: [
    {
      id: "year",
      name: "Annual commitment",
      minimum: "3000",
      overageFactor: "1.15",
      cumulative: { from: "2026-01-01", until: "2027-01-01" },
    },
  ],
});

// Seats join every other month and one leaves in July; usage varies, nothing in August.
const EVENTS = MONTHS.flatMap((month, m) => [
  ...(m % 2 === 0
    ? [usageEvent(`seat${m}`, "seat", `${month}-03T00:00:00Z`, { user: `u${m}`, op: "add" })]
    : []),
  ...(m === 6 ? [usageEvent("leave", "seat", `${month}-09T00:00:00Z`, { user: "u0", op: "remove" })] : []),
  ...(m === 7
    ? []
    : [usageEvent(`use${m}`, "e", `${month}-17T12:00:00Z`, { v: String(137 * (m + 1) ** 2) })]),
]);

describe("a year carried through files is the year carried in memory", () => {
  it("prints, month by month, the library's invoice with carryOut, balances and spend to date carried", () => {
    const contract = buildContract(CONTRACT);
    const contractFile = file("contract.json", JSON.stringify(CONTRACT));
    const usageFile = file("usage.ndjson", `${EVENTS.map((event) => JSON.stringify(event)).join("\n")}\n`);
    let previous: Invoice | undefined;
    let previousFile: string | undefined;
    for (const month of MONTHS) {
      const invoice: Invoice = rateInvoice(contract, EVENTS, month, carriedFrom(previous));
      const carriedBy =
        previousFile === undefined
          ? []
          : ["--carry", previousFile, "--balances", previousFile, "--commitment-spend", previousFile];
      const args = ["--contract", contractFile, "--usage", usageFile, "--period", month, "--format", "json"];
      const result = runCli("invoice", ...args, ...carriedBy);
      // a month without usage of this year-long file gets the outside-period warning, true and beside the point
      expect(apartFromOutsidePeriod(result.stderr), month).toBe("");
      expect(result.stdout, month).toBe(`${JSON.stringify(invoice, null, 2)}\n`);
      previous = invoice;
      previousFile = file(`${month}.json`, result.stdout);
    }
    // the year's last invoice: the welcome grant gone since June, the spend of the whole year carried
    expect(previous!.credits!.map((credit) => credit.id).sort()).toEqual(["spring", "wallet"]);
    expect(previous!.commitments![0]!.cumulative!.closes).toBe(true);
  });
});
