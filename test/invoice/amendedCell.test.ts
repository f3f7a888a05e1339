import { describe, expect, it } from "vitest";
import { aggregateForRating, prepareRating, rateFromAggregates, rateInvoice } from "../../src/index.js";
import { buildContract, matrixChargeOf, twoTiers, usageEvent } from "../_support/contract.js";

// A matrix by region whose cells are graduated: 100 GB at the first price, then the second per GB
// (twoTiers); `extra` adds a defaultPrice.
const matrix = (cells: Record<string, ReturnType<typeof twoTiers>>, extra: Record<string, unknown> = {}) =>
  matrixChargeOf("bw", "Bandwidth", "m", "region", Object.entries(cells), extra);
const NA = twoTiers("0.10", "0.01");
const BEFORE = matrix({ na: NA, eu: twoTiers("0.10", "0.01") });
// eu at half price from 16 March; na's cell as it was
const AFTER = matrix({ na: NA, eu: twoTiers("0.05", "0.005") });

// 80 GB in na and in eu on the 5th and again on the 25th of March
const events = ["05", "25"].flatMap((day) =>
  ["na", "eu"].map((region) =>
    usageEvent(`${region}${day}`, "e", `2026-03-${day}T10:00:00Z`, { v: "80", region }),
  ),
);
const lines = (invoice: ReturnType<typeof rateInvoice>) =>
  invoice.lines.map((line) => [line.id, line.amount]);

describe("an amendment that reprices some cells of a matrix", () => {
  it("keeps the other cells' tiers running over the whole period, as an override with where does", () => {
    // na's cell is the same before and after the 16th: one line over March, 160 GB =
    // 100 × 0.10 + 60 × 0.01 = 10.00 + 0.60 = 10.60 (until this was fixed na's tiers restarted on eu's
    // date: 80 × 0.10 + 80 × 0.10 = 16.00, 5.40 too much). eu's cell changed: 80 × 0.10 = 8.00 for 1–16
    // March and 80 × 0.05 = 4.00 after. Total 10.60 + 8.00 + 4.00 = 22.60.
    const contract = buildContract({
      charges: [BEFORE],
      amendments: [{ id: "a1", effective: "2026-03-16", charges: [AFTER] }],
    });
    const invoice = rateInvoice(contract, events, "2026-03");
    expect(lines(invoice)).toEqual([
      ['bw[region="na"]', "10.60"],
      ['bw[region="eu"]@2026-03-01', "8.00"],
      ['bw[region="eu"]@2026-03-16', "4.00"],
    ]);
    expect(invoice.total).toBe("22.60");
  });

  it("keeps them running when the charge itself starts inside the period", () => {
    // The charge is added on 3 March (absent 1–3 March), then eu is halved on the 16th. na's cell never
    // changes from the 3rd: one line over 3–31 March, 160 GB = 100 × 0.10 + 60 × 0.01 = 10.60 (until
    // this was fixed the absent first piece made every cell restart on the 16th: 8.00 + 8.00 = 16.00).
    // eu: 80 × 0.10 = 8.00 for 3–16 March, 80 × 0.05 = 4.00 after. With a fee of 1.00 all month, the
    // total is 1.00 + 10.60 + 8.00 + 4.00 = 23.60.
    const contract = buildContract({
      charges: [{ id: "fee", name: "Fee", price: { model: "flat", amount: "1.00" } }],
      amendments: [
        { id: "added", effective: "2026-03-03", charges: [BEFORE] },
        { id: "a1", effective: "2026-03-16", charges: [AFTER] },
      ],
    });
    const invoice = rateInvoice(contract, events, "2026-03");
    expect(lines(invoice)).toEqual([
      // runs in order of start, then end (docs/contracts.md): eu's 3–16 March, na's 3–31, eu's 16–31
      ["fee", "1.00"],
      ['bw[region="eu"]@2026-03-03', "8.00"],
      ['bw[region="na"]@2026-03-03', "10.60"],
      ['bw[region="eu"]@2026-03-16', "4.00"],
    ]);
    expect(invoice.total).toBe("23.60");
    // From aggregates (the usage aggregated over na's run of 3–31 March as a span), the same lines.
    const prepared = prepareRating(contract, "2026-03");
    const aggregates = JSON.parse(JSON.stringify(aggregateForRating(prepared, events)));
    expect(lines(rateFromAggregates(prepared, aggregates))).toEqual(lines(invoice));
  });

  it("bills the same as the override with where that says the same thing", () => {
    const amended = buildContract({
      charges: [BEFORE],
      amendments: [{ id: "a1", effective: "2026-03-16", charges: [AFTER] }],
    });
    const overridden = buildContract({
      charges: [BEFORE],
      overrides: [{ id: "o1", charge: "bw", from: "2026-03-16", where: { region: "eu" }, multiplier: "0.5" }],
    });
    const a = rateInvoice(amended, events, "2026-03");
    const o = rateInvoice(overridden, events, "2026-03");
    expect(lines(a)).toEqual(lines(o));
  });

  it("rates the same from aggregates as from the events", () => {
    const contract = buildContract({
      charges: [BEFORE],
      amendments: [{ id: "a1", effective: "2026-03-16", charges: [AFTER] }],
    });
    const prepared = prepareRating(contract, "2026-03");
    const aggregates = JSON.parse(JSON.stringify(aggregateForRating(prepared, events)));
    expect(lines(rateFromAggregates(prepared, aggregates))).toEqual(
      lines(rateInvoice(contract, events, "2026-03")),
    );
  });

  it("restarts a group priced by the default when the default changes, and keeps a cell that did not", () => {
    // na has a cell, every other region the default: 100 GB at 0.20 then 0.02, raised on the 16th to
    // 0.30 then 0.03. na (cell unchanged) is one line: 10.60. eu (default) is cut: 80 × 0.20 = 16.00,
    // then 80 × 0.30 = 24.00. Total 10.60 + 16.00 + 24.00 = 50.60.
    const contract = buildContract({
      charges: [matrix({ na: NA }, { defaultPrice: twoTiers("0.20", "0.02") })],
      amendments: [
        {
          id: "a1",
          effective: "2026-03-16",
          charges: [matrix({ na: NA }, { defaultPrice: twoTiers("0.30", "0.03") })],
        },
      ],
    });
    const invoice = rateInvoice(contract, events, "2026-03");
    expect(lines(invoice)).toEqual([
      ['bw[region="na"]', "10.60"],
      ['bw[region="eu"]@2026-03-01', "16.00"],
      ['bw[region="eu"]@2026-03-16', "24.00"],
    ]);
  });

  it("keeps a region's tiers when its cell is added and priced as the default was", () => {
    // Before the 16th eu has no cell and takes the default (0.10, then 0.01); from the 16th a cell
    // prices eu the same way. eu's price never changed: one line, 160 GB = 10.60, as na's.
    const contract = buildContract({
      charges: [matrix({ na: NA }, { defaultPrice: twoTiers("0.10", "0.01") })],
      amendments: [
        {
          id: "a1",
          effective: "2026-03-16",
          charges: [
            matrix({ na: NA, eu: twoTiers("0.10", "0.01") }, { defaultPrice: twoTiers("0.10", "0.01") }),
          ],
        },
      ],
    });
    const invoice = rateInvoice(contract, events, "2026-03");
    expect(lines(invoice).sort()).toEqual([
      ['bw[region="eu"]', "10.60"],
      ['bw[region="na"]', "10.60"],
    ]);
  });
});
