import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  parseContract,
  parseUsageEvent,
  summarizeWhatIf,
  type WhatIfCustomer,
  whatIf,
  whatIfCsv,
  whatIfRow,
} from "../../src/index.js";
import { thrown } from "../_support/thrown.js";

// The base of docs/what-if.md: four customers under today's contract (platform 100.00 a month,
// bandwidth 0.10 a GB) and the proposed one (platform 90.00, bandwidth 0.07 a GB up to 1,000 GB and
// 0.15 beyond), March 2026, UTC.
const DATA = join(import.meta.dirname, "data");

function customer(name: string, after: "proposed" | "pricebook" = "proposed"): WhatIfCustomer {
  const read = (file: string) => JSON.parse(readFileSync(file, "utf8"));
  const own = read(join(DATA, "base", name, "contract.json"));
  const proposed =
    after === "proposed"
      ? read(join(DATA, "proposed", name, "contract.json"))
      : { ...read(join(DATA, "pricebook-usd.json")), customer: own.customer };
  const events = readFileSync(join(DATA, "base", name, "usage.ndjson"), "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => parseUsageEvent(JSON.parse(line)));
  return { name, before: parseContract(own), after: parseContract(proposed), events };
}

const NAMES = readdirSync(join(DATA, "base")).sort();
const result = whatIf(
  NAMES.map((name) => customer(name)),
  "2026-03",
);

describe("whatIf", () => {
  it("rates each customer under both contracts", () => {
    // acme 500 GB: 100 + 500 × 0.10 = 150.00 → 90 + 500 × 0.07 = 125.00; −25.00 = −16.666…% → −16.67.
    // beta 3,000 GB: 100 + 300 = 400.00 → 90 + 1,000 × 0.07 + 2,000 × 0.15 = 90 + 70 + 300 = 460.00;
    //   +60.00 = +15 %.
    // delta no usage: 100.00 → 90.00; −10.00 = −10 %.
    // gamma (EUR) 1,000 GB: 100 + 100 = 200.00 → 90 + 70 = 160.00; −40.00 = −20 %.
    expect(
      result.rows.map((row) => [
        row.customer,
        row.currency.code,
        row.before,
        row.after,
        row.change,
        row.percent,
      ]),
    ).toEqual([
      ["acme", "USD", "150.00", "125.00", "-25.00", "-16.67"],
      ["beta", "USD", "400.00", "460.00", "60.00", "15.00"],
      ["delta", "USD", "100.00", "90.00", "-10.00", "-10.00"],
      ["gamma", "EUR", "200.00", "160.00", "-40.00", "-20.00"],
    ]);
  });

  it("names the largest cause of each change", () => {
    // acme: bandwidth 50.00 → 35.00 (−15.00) outweighs the platform fee's −10.00; beta: bandwidth
    // 300.00 → 370.00 (+70.00); delta: only the platform fee moved (−10.00); gamma: 100 → 70 (−30.00).
    expect(result.rows.map((row) => [row.topCause?.cause, row.topCause?.line, row.topCause?.amount])).toEqual(
      [
        ["price", "bandwidth", "-15.00"],
        ["price", "bandwidth", "70.00"],
        ["price", "platform", "-10.00"],
        ["price", "bandwidth", "-30.00"],
      ],
    );
  });

  it("totals each currency on its own", () => {
    // USD: 150 + 400 + 100 = 650.00 → 125 + 460 + 90 = 675.00, +25.00 = 25 / 650 = 3.846…% → 3.85.
    // EUR: gamma alone, 200.00 → 160.00.
    expect(result.totals).toEqual([
      {
        currency: { code: "EUR", minorUnits: 2 },
        customers: 1,
        before: "200.00",
        after: "160.00",
        change: "-40.00",
        percent: "-20.00",
        increased: 0,
        decreased: 1,
        unchanged: 0,
      },
      {
        currency: { code: "USD", minorUnits: 2 },
        customers: 3,
        before: "650.00",
        after: "675.00",
        change: "25.00",
        percent: "3.85",
        increased: 1,
        decreased: 2,
        unchanged: 0,
      },
    ]);
  });

  it("ranks who is hit hardest and gives nearest-rank quantiles", () => {
    expect(result.distribution.ranking.map((item) => [item.customer, item.percent])).toEqual([
      ["beta", "15.00"],
      ["delta", "-10.00"],
      ["acme", "-16.67"],
      ["gamma", "-20.00"],
    ]);
    // Increasing: gamma −20, acme −16.67, delta −10, beta +15 (n = 4). Rank ⌈q × 4 / 100⌉:
    // p10 ⌈0.4⌉ = 1, p25 ⌈1⌉ = 1, median ⌈2⌉ = 2, p75 ⌈3⌉ = 3, p90 ⌈3.6⌉ = 4.
    expect(result.distribution.quantiles.map((q) => [q.name, q.customer])).toEqual([
      ["min", "gamma"],
      ["p10", "gamma"],
      ["p25", "gamma"],
      ["median", "acme"],
      ["p75", "delta"],
      ["p90", "beta"],
      ["max", "beta"],
    ]);
  });

  it("puts each change in one histogram bucket, an edge in the bucket away from 0", () => {
    // gamma −20 % exactly: "-20 % or more"; delta −10 % exactly and acme −16.67 %: "-10 % to -20 %";
    // beta +15 %: "+10 % to +20 %".
    const counts = Object.fromEntries(
      result.distribution.histogram.map((bucket) => [bucket.label, bucket.customers]),
    );
    expect(counts).toEqual({
      "-20 % or more": 1,
      "-10 % to -20 %": 2,
      "-5 % to -10 %": 0,
      "0 to -5 %": 0,
      "0 %": 0,
      "0 to +5 %": 0,
      "+5 % to +10 %": 0,
      "+10 % to +20 %": 1,
      "+20 % or more": 0,
      "no base (before 0)": 0,
    });
  });

  it("gives the same result one customer at a time", () => {
    const rows = NAMES.map((name) => whatIfRow(customer(name), "2026-03"));
    expect(summarizeWhatIf(rows)).toEqual(result);
  });

  it("writes the rows as CSV", () => {
    const csv = whatIfCsv(result).split("\r\n");
    expect(csv[0]).toBe(
      "customer,currency,before,after,change,percent,top_cause,top_cause_line,top_cause_amount,top_cause_sentence,warning",
    );
    // The sentence holds a comma, so it is quoted.
    expect(csv[1]).toMatch(
      /^acme,USD,150\.00,125\.00,-25\.00,-16\.67,price,bandwidth,-15\.00,"Bandwidth: the rate changed/,
    );
    expect(csv).toHaveLength(6); // header, 4 rows, and the empty string after the last CRLF
  });

  it("has no percent for a customer who paid nothing before", () => {
    const free = customer("delta");
    const nothing = parseContract({
      ...JSON.parse(readFileSync(join(DATA, "base", "delta", "contract.json"), "utf8")),
      charges: [
        {
          id: "bandwidth",
          name: "Bandwidth",
          meter: "bandwidth",
          price: { model: "unit", unitPrice: "0.10" },
        },
      ],
    });
    // No usage and no fee: 0.00 before; 90.00 after (the platform fee of the proposal).
    const row = whatIf([{ ...free, before: nothing }], "2026-03");
    expect(row.rows[0]).toMatchObject({ before: "0.00", after: "90.00", change: "90.00" });
    expect(row.rows[0]?.percent).toBeUndefined();
    expect(row.totals[0]?.percent).toBeUndefined();
    expect(row.distribution.quantiles).toEqual([]);
    expect(row.distribution.histogram.at(-1)).toEqual({ label: "no base (before 0)", customers: 1 });
  });

  it("warns when the proposal does not count the same events", () => {
    // The price book as written bills cus_placeholder: none of beta's 3 events is its customer's, so
    // the proposal bills the 90.00 fee alone (400.00 → 90.00), which is not what the new prices do.
    const beta = customer("beta");
    const book = parseContract(JSON.parse(readFileSync(join(DATA, "pricebook-usd.json"), "utf8")));
    const [row] = whatIf([{ ...beta, after: book }], "2026-03").rows;
    expect(row).toMatchObject({ before: "400.00", after: "90.00" });
    expect(row?.warning).toMatch(
      /^Today's contract counts 3 of the customer's events and the proposed one 0:/,
    );
    expect(result.rows.every((each) => each.warning === undefined)).toBe(true);
  });

  it("refuses a proposal in another currency, naming the customer", () => {
    // gamma is billed in EUR; the price book is in USD.
    const error = thrown(() => whatIf([customer("gamma", "pricebook")], "2026-03")) as Error;
    expect(error).toMatchObject({
      code: "currency_mismatch",
      path: "currency",
      details: { customer: "gamma" },
    });
    expect(error.message).toMatch(/^Customer gamma: /);
  });
});
