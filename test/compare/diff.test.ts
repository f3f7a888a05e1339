import { describe, expect, it } from "vitest";
import { diff, renderDiff } from "../../src/compare/index.js";
import { rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import {
  buildContract,
  type ContractOverrides,
  matrixChargeOf,
  seatsCharge,
  sumMeter,
  twoTiers,
  unitCharge,
  usageEvent,
} from "../_support/contract.js";
import { GRADUATED, rateMonth } from "./graduatedMonths.js";

const rate = rateMonth;

const total = (result: ReturnType<typeof diff>) =>
  result.attributions.reduce((sum, a) => sum.plus(a.amount), new Decimal(0)).toFixed(2);

describe("diff", () => {
  it("prices a package line's usage change per package, and calls no unchanged price a rate change", () => {
    // Packages of 1,000,000 requests at 100.00, a partial package rounded up, in both months.
    const packages = (size: string, price: string): ContractOverrides => ({
      charges: [
        {
          id: "use",
          name: "Requests",
          meter: "m",
          price: { model: "package", packageSize: size, packagePrice: price, partialPackage: "round_up" },
        },
      ],
    });
    // January 1,500,000 requests = 2 packages = 200.00; February 2,100,000 = 3 packages = 300.00.
    // Usage: (3 − 2) packages × 100.00 = +100.00, all of the change. Before, the old average rate
    // (200.00 ÷ 1,500,000) × 600,000 = 80.00 went to usage and the other 20.00 to an "amendment" that
    // never happened.
    const same = diff(
      rate([packages("1000000", "100")], "2026-01", "1500000"),
      rate([packages("1000000", "100")], "2026-02", "2100000"),
    );
    expect(same.attributions.map((a) => [a.cause, a.amount])).toEqual([["usage", "100.00"]]);
    // The package price raised to 120.00 as well (one contract id, so the rate change is an amendment):
    // usage +100.00 at the old price, then the new price's
    // 20.00 more on each of February's 3 packages = +60.00 (300.00 → 360.00 less the usage).
    const raised = diff(
      rate([packages("1000000", "100")], "2026-01", "1500000"),
      rate([packages("1000000", "120")], "2026-02", "2100000"),
    );
    expect(raised.attributions.map((a) => [a.cause, a.amount])).toEqual([
      ["usage", "100.00"],
      ["amendment", "60.00"],
    ]);
    // Packages of another size do not compare by count: the old average rate is used, as before.
    // January 2 packages of 1,000,000 = 200.00; February 2,100,000 in packages of 500,000 = 5 × 100 =
    // 500.00: usage 600,000 × 200.00 ÷ 1,500,000 = 80.00, price the other 220.00.
    const resized = diff(
      rate([packages("1000000", "100")], "2026-01", "1500000"),
      rate([packages("500000", "100")], "2026-02", "2100000"),
    );
    expect(resized.attributions.map((a) => [a.cause, a.amount])).toEqual([
      ["amendment", "220.00"],
      ["usage", "80.00"],
    ]);
    // The rate names each package's size: "100 → 100" would read as no change at all.
    expect(resized.attributions[0]?.sentence).toBe(
      "Requests: the rate changed (100 per 1000000 → 100 per 500000), applied to 2100000 units.",
    );
  });

  it("says which tiers a line left in words, not as the keys of tiersCrossed", () => {
    // Back from February (1,500 units) to January's 800: tier 1 loses 200 units at 0.10 = −20.00 and
    // tier 2 (now unused) its 500 at 0.08 = −40.00; −60.00 in all, and tier 2 is left.
    const back = diff(rate([GRADUATED], "2026-02", "1500"), rate([GRADUATED], "2026-01", "800"));
    expect(back.attributions[0]).toMatchObject({ amount: "-60.00", tiersCrossed: ["-tier:2"] });
    expect(back.attributions[0]?.sentence).toBe(
      "Bandwidth: usage 1500 → 800 units, priced at the earlier marginal rates; tiers left: 2.",
    );
  });

  it("prices a usage change at the marginal rates and names the tier crossed", () => {
    const january = rate([GRADUATED], "2026-01", "800");
    const february = rate([GRADUATED], "2026-02", "1500");
    // January: 800 × 0.10 = 80.00. February: 1,000 × 0.10 + 500 × 0.08 = 140.00. Change +60.00:
    // tier 1 gains 200 units at 0.10 = 20.00, tier 2 (new) 500 units at 0.08 = 40.00.
    const result = diff(january, february);
    expect(result.change).toBe("60.00");
    expect(result.attributions).toHaveLength(1);
    expect(result.attributions[0]).toMatchObject({
      cause: "usage",
      amount: "60.00",
      line: "use",
      meter: "m",
      tiersCrossed: ["tier:2"],
    });
  });

  it("attributes the same usage under another price book to price", () => {
    const cheaper: ContractOverrides = {
      id: "ctr_b",
      charges: [
        {
          id: "use",
          name: "Bandwidth",
          meter: "m",
          price: { model: "graduated", tiers: [{ upTo: "1000", unitPrice: "0.09" }, { unitPrice: "0.08" }] },
        },
      ],
    };
    // 1,500 units: 140.00 before; after 1,000 × 0.09 + 500 × 0.08 = 130.00. Change −10.00, all price:
    // (0.09 − 0.10) × 1,000 = −10.00 at the new quantity.
    const result = diff(rate([GRADUATED], "2026-02", "1500"), rate([GRADUATED, cheaper], "2026-02", "1500"));
    expect(result.change).toBe("-10.00");
    expect(result.attributions).toEqual([expect.objectContaining({ cause: "price", amount: "-10.00" })]);
  });

  it("calls the same quantity under another price model a price change, not usage", () => {
    const unit: ContractOverrides = {
      id: "ctr_a",
      charges: [{ id: "use", name: "Bandwidth", meter: "m", price: { model: "unit", unitPrice: "0.10" } }],
    };
    const tiered: ContractOverrides = {
      id: "ctr_b",
      charges: [
        {
          id: "use",
          name: "Bandwidth",
          meter: "m",
          price: { model: "graduated", tiers: [{ upTo: "1000", unitPrice: "0.07" }, { unitPrice: "0.15" }] },
        },
      ],
    };
    // 500 units both times: 500 × 0.10 = 50.00 before, 500 × 0.07 = 35.00 after. Change −15.00, all
    // price: the quantity did not move, so no unit is "usage" (walking the unit price's piece out and
    // the first tier's in would have called −15.00 usage and named tier 1 as crossed).
    const result = diff(rate([unit], "2026-03", "500"), rate([tiered], "2026-03", "500"));
    expect(result.attributions).toEqual([
      expect.objectContaining({ cause: "price", amount: "-15.00", line: "use" }),
    ]);
    expect(result.attributions[0]?.tiersCrossed).toBeUndefined();
  });

  it("calls one period under two versions of one contract id a price change, two periods an amendment", () => {
    const unit = (price: string): ContractOverrides => ({
      charges: [{ id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: price } }],
    });
    // 100 units at 2.00 = 200.00, then at 2.50 = 250.00: +50.00, all of it the rate (0.50 × 100).
    // One month under today's contract and the proposal that keeps its id (what a what-if compares):
    // two contracts, so the cause is "price", as between contracts of two ids.
    const proposal = diff(rate([unit("2.00")], "2026-03", "100"), rate([unit("2.50")], "2026-03", "100"));
    expect(proposal.attributions.map((a) => [a.cause, a.amount])).toEqual([["price", "50.00"]]);
    // Two months of the contract, its price changed in between: an amendment, as before.
    const months = diff(rate([unit("2.00")], "2026-02", "100"), rate([unit("2.50")], "2026-03", "100"));
    expect(months.attributions.map((a) => [a.cause, a.amount])).toEqual([["amendment", "50.00"]]);
  });

  it("splits a line's change into quantity at the old price and price at the new quantity", () => {
    const unit = (price: string): ContractOverrides => ({
      charges: [{ id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: price } }],
    });
    // Before 100 × 2.00 = 200.00, after 130 × 2.50 = 325.00: change 125.00.
    // Volume (130 − 100) × 2.00 = 60.00; price (2.50 − 2.00) × 130 = 65.00; 60 + 65 = 125.
    const result = diff(rate([unit("2.00")], "2026-01", "100"), rate([unit("2.50")], "2026-02", "130"));
    expect(result.change).toBe("125.00");
    expect(result.attributions.map((a) => [a.cause, a.amount])).toEqual([
      ["amendment", "65.00"],
      ["usage", "60.00"],
    ]);
    expect(total(result)).toBe("125.00");
  });

  it("names a discount that ended and the tax it changed", () => {
    const terms: ContractOverrides = {
      discounts: [{ id: "intro", name: "Intro 10%", percent: "10", periods: 1 }],
      tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] },
    };
    // 100 units at 1.00 both months. January: 100 − 10 (discount) = 90, VAT 18 → 108.00.
    // February: no discount, 100, VAT 20 → 120.00. Change 12.00 = discount +10.00, tax +2.00.
    const result = diff(rate([terms], "2026-01", "100"), rate([terms], "2026-02", "100"));
    expect(result.change).toBe("12.00");
    expect(result.attributions.map((a) => [a.cause, a.source, a.amount])).toEqual([
      ["discount", "intro", "10.00"],
      ["tax", undefined, "2.00"],
    ]);
    // The amounts in the sentences keep the currency's minor units, as the amounts beside them do:
    // they read "(-10 → 0)" and "18 → 20"
    expect(result.attributions.map((a) => a.sentence)).toEqual([
      // named as the contract names it, as the lines are ("Intro 10%", its id "intro" only in `source`)
      "Intro 10% (discount) no longer applies (-10.00 → 0.00).",
      "Tax added to the total: 18.00 → 20.00.",
    ]);
  });

  it("names a commitment cap as the contract names it, its id only in `source`", () => {
    const capped: ContractOverrides = {
      charges: [{ id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "1.00" } }],
      commitments: [{ id: "cap", name: "Spend cap", maximum: "100" }],
    };
    // January 150 × 1.00 = 150.00, capped at 100.00 (−50.00); February 80 × 1.00 = 80.00, under the cap.
    // Change 80 − 100 = −20.00 = usage (80 − 150) × 1.00 = −70.00 + the cap's −50.00 → 0.00 = +50.00.
    const result = diff(rate([capped], "2026-01", "150"), rate([capped], "2026-02", "80"));
    expect(result.change).toBe("-20.00");
    const cap = result.attributions.find((a) => a.cause === "commitment");
    expect([cap?.source, cap?.amount, cap?.sentence]).toEqual([
      "cap",
      "50.00",
      "Spend cap (commitment cap) no longer applies (-50.00 → 0.00).",
    ]);
  });

  it("writes a name with a line break escaped in the text, so it adds no line to the output", () => {
    const named = (name: string): ContractOverrides => ({
      charges: [{ id: "use", name, meter: "m", price: { model: "unit", unitPrice: "1.00" } }],
    });
    const text = renderDiff(
      diff(
        rate([named("Line\nTotal 0.00 USD")], "2026-01", "100"),
        rate([named("Line\nTotal 0.00 USD")], "2026-02", "130"),
      ),
      "text",
    );
    // 100 → 130 units at 1.00: +30.00, one cause, one line; the name's line break is written "\n"
    expect(text.split("\n").filter((line) => line.startsWith("Total"))).toEqual([]);
    expect(text).toContain("Line\\nTotal 0.00 USD: usage 100 → 130");
  });

  it("takes every line of an invoice whose lines share an id, and leaves nothing of them to rounding", () => {
    // FC_SEED=-1324157280 (FC_NUM_RUNS=3000) of diff.property.test.ts: an invoice in a unit of 6 minor
    // units had two lines of id "c0" (an amendment's split wrote both pieces as "c0"), and diff keyed the
    // earlier invoice's lines by id, so one was lost and its whole 50.500000 read as "rounding". The
    // bound was right: rounding each line once moves it by less than one minor unit, 0.000001 here.
    // Here the same: two flat fees of 50.5 POINTS, the second renamed to the first's id.
    const points = {
      currency: "POINTS",
      customUnits: [{ code: "POINTS", minorUnits: 6 }],
    } satisfies ContractOverrides;
    const fees: ContractOverrides = {
      charges: [
        { id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "1" } },
        { id: "c0", name: "Platform fee", price: { model: "flat", amount: "50.5" } },
        { id: "c1", name: "Platform fee", price: { model: "flat", amount: "50.5" } },
      ],
    };
    const rated = rate([points, fees], "2026-01", "10");
    const twice = {
      ...rated,
      lines: rated.lines.map((line) => (line.id === "c1" ? { ...line, id: "c0" } : line)),
    };
    const usageOnly = rate([points], "2026-02", "10");
    // Before: 10 × 1 + 50.5 + 50.5 = 111.000000; after: 10 × 1 = 10.000000; change −101.000000, both
    // fees removed (−50.500000 each) and nothing to rounding. Before the fix: one line_removed −50.500000
    // and rounding −50.500000.
    const removed = diff(twice, usageOnly);
    expect(removed.change).toBe("-101.000000");
    expect(removed.attributions.map((a) => [a.cause, a.line, a.amount])).toEqual([
      ["line_removed", "c0", "-50.500000"],
      ["line_removed", "c0", "-50.500000"],
    ]);
    // The other way both are added, as they were before the fix.
    expect(diff(usageOnly, twice).attributions.map((a) => [a.cause, a.amount])).toEqual([
      ["line_added", "50.500000"],
      ["line_added", "50.500000"],
    ]);
    // Two such invoices meet line by line, in order: the same invoice against itself has no cause.
    expect(diff(twice, twice).attributions).toEqual([]);
  });

  it("gives the total's rounding to cents its own cause, apart from the lines' rounding", () => {
    // Lines kept to 4 decimals (rounding.lineDecimals), the total rounded to cents half-even: a fee of
    // 0.125 and 0.0001264 a unit. January 1,000 units: 0.125 + 0.1264 = 0.2514 → 0.25 (adjustment
    // −0.0014). February 2,000 units: 0.125 + 0.2528 = 0.3778 → 0.38 (adjustment +0.0022).
    // Change 0.38 − 0.25 = 0.1300: usage 1,000 × 0.0001264 = 0.1264, the total's rounding
    // 0.0022 − (−0.0014) = 0.0036; 0.1264 + 0.0036 = 0.1300. No line was rounded (each is exact to 4
    // decimals), so nothing is left to "rounding": before, the 0.0036 was "rounding" and its sentence
    // spoke of each line's rounding.
    const finer: ContractOverrides = {
      rounding: { mode: "half_even", lineDecimals: 4 },
      charges: [
        { id: "fee", name: "Fee", quantity: "1", price: { model: "unit", unitPrice: "0.125" } },
        { id: "use", name: "Requests", meter: "m", price: { model: "unit", unitPrice: "0.0001264" } },
      ],
    };
    const result = diff(rate([finer], "2026-01", "1000"), rate([finer], "2026-02", "2000"));
    expect([result.before.amount, result.after.amount, result.change]).toEqual([
      "0.2500",
      "0.3800",
      "0.1300",
    ]);
    expect(result.attributions.map((a) => [a.cause, a.amount])).toEqual([
      ["usage", "0.1264"],
      ["total_rounding", "0.0036"],
    ]);
    expect(result.attributions[1]?.sentence).toBe(
      "The total is rounded to 2 decimals (the lines are kept to 4): its rounding adjustment -0.0014 → 0.0022.",
    );
    // The text's cause column is as wide as "total_rounding" (14), so the sentences start in one column.
    const [, usage, settled] = renderDiff(result, "text").split("\n");
    expect(usage).toBe(
      "  +0.1264  usage           Requests: usage 1000 → 2000 units, priced at the earlier marginal rates.",
    );
    expect(settled?.indexOf("The total")).toBe(usage?.indexOf("Requests"));
  });

  it("gives the amount due's rounding to cents to the total's rounding, not to a negative total", () => {
    // test/invoice/lineDecimalsAmountDue.test.ts: lines to 4 decimals, 20 units at 1.00 = 20.0000 → 20.00
    // (adjustment 0.0000), and a wallet paying after tax from a carried balance. Of 10.5000 it leaves
    // 20.00 − 10.50 = 9.50 due (no rounding); of 10.1234, 20.00 − 10.1234 = 9.8766 → 9.88 (adjustment
    // +0.0034). Change 9.88 − 9.50 = 0.3800: the wallet paid 0.3766 less (−10.5000 → −10.1234) and the
    // amount due's rounding added 0.0034; 0.3766 + 0.0034 = 0.3800. Before, the 0.0034 read "A negative
    // total is not due" on a total of 20.00.
    const wallet = buildContract(
      {
        meters: [sumMeter("a")],
        charges: [unitCharge("compute", "Compute", "a")],
        credits: [{ id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "100" }],
      },
      { rounding: { mode: "half_even", lineDecimals: 4 } },
    );
    const used = [usageEvent("u", "a", "2026-03-02T00:00:00Z", { v: "20" })];
    const paying = (balance: string) =>
      rateInvoice(wallet, used, "2026-03", { creditBalances: { wallet: balance } });
    const result = diff(paying("10.5000"), paying("10.1234"));
    expect(result.change).toBe("0.3800");
    expect(result.attributions.map((a) => [a.cause, a.source, a.amount])).toEqual([
      ["credit", "wallet", "0.3766"],
      ["total_rounding", undefined, "0.0034"],
    ]);
  });

  it("refuses invoices of two currencies", () => {
    const euro = rate([{ currency: "EUR" }], "2026-01", "1");
    expect(() => diff(rate([], "2026-01", "1"), euro)).toThrow(
      expect.objectContaining({ code: "currency_mismatch" }),
    );
  });

  it("finds no cause between an invoice and itself", () => {
    const invoice = rate([GRADUATED], "2026-01", "1234.5");
    expect(diff(invoice, invoice)).toMatchObject({ change: "0.00", attributions: [] });
  });

  it("says 1 unit, not 1 units, for a fee line added or removed", () => {
    const fee = {
      charges: [{ id: "fee", name: "Support", price: { model: "flat" as const, amount: "50" } }],
    };
    const result = diff(rate([fee], "2026-01", "1"), rate([GRADUATED], "2026-02", "1"));
    const removed = result.attributions.find((a) => a.cause === "line_removed");
    expect(removed?.sentence).toBe("Support: billed before, not now (1 unit).");
  });

  it("says when the two invoices are of two customers, so a wrong file is not read as a change", () => {
    const ours = rate([GRADUATED], "2026-02", "800");
    const event = usageEvent("x", "e", "2026-02-10T00:00:00Z", { v: "800" }, "cus_other");
    const theirs = rateInvoice(
      buildContract(GRADUATED, { id: "ctr_other", customer: { id: "cus_other" } }),
      [event],
      "2026-02",
    );
    const result = diff(ours, theirs);
    expect([result.before.customer, result.after.customer]).toEqual(["cus", "cus_other"]);
    expect(renderDiff(result, "text")).toContain(
      "These invoices are of two customers, cus before and cus_other after: the causes below compare two customers' bills, not one customer's change.",
    );
    expect(renderDiff(diff(ours, ours), "text")).not.toContain("two customers");
  });
});

describe("diff names the lines of one charge apart", () => {
  // A matrix by region, graduated: 100 GB at 0.10, then 0.01; eu halved from 16 March (amendment).
  const matrix = (eu: ReturnType<typeof twoTiers>) =>
    matrixChargeOf("bw", "Bandwidth", "m", "region", [
      ["na", twoTiers("0.10", "0.01")],
      ["eu", eu],
    ]);
  const contract = buildContract({
    charges: [matrix(twoTiers("0.10", "0.01"))],
    amendments: [{ id: "a1", effective: "2026-03-16", charges: [matrix(twoTiers("0.05", "0.005"))] }],
  });
  const bw = (id: string, day: string, region: string, v: string) =>
    usageEvent(id, "e", `2026-03-${day}T10:00:00Z`, { v, region });

  it("by group and by the piece of the period a line bills", () => {
    // before: na 80 units (8.00), eu 80 on the 5th (8.00) and 80 on the 25th at half (4.00): 20.00.
    // after: na 160 = 100 × 0.10 + 60 × 0.01 = 10.60, eu only on the 5th (8.00): 18.60; change −1.40,
    // in line order: −4.00 for eu's piece from the 16th gone, and +2.60 for na's 80 more at the marginal
    // rates (units 81–100 at 0.10 = 2.00, 101–160 at 0.01 = 0.60).
    const before = rateInvoice(
      contract,
      [bw("n1", "05", "na", "80"), bw("e1", "05", "eu", "80"), bw("e2", "25", "eu", "80")],
      "2026-03",
    );
    const after = rateInvoice(
      contract,
      [bw("n1", "05", "na", "80"), bw("n2", "25", "na", "80"), bw("e1", "05", "eu", "80")],
      "2026-03",
    );
    const result = diff(before, after);
    expect(result.change).toBe("-1.40");
    expect(result.attributions.map((a) => [a.amount, a.sentence])).toEqual([
      ["-4.00", "Bandwidth [region eu] from 2026-03-16: billed before, not now (80 units)."],
      [
        "2.60",
        "Bandwidth [region na]: usage 80 → 160 units, priced at the earlier marginal rates; tiers crossed: 2.",
      ],
    ]);
  });
});

describe("diff names a credit for unused time as a credit", () => {
  it("says the seats' credit of April was credited before, not now", () => {
    // 10 seats at 12.00 billed in advance, 15 from 21 April: April credits the 10 seats' unused
    // 21 April – 1 May, −10 × 12.00 × 10/30 = −40.00, and bills the 15 for it, 15 × 12.00 × 10/30 =
    // 60.00; May has neither. Leaving out the credit is +40.00: a credit gone, not a charge.
    const contract = buildContract({
      term: { start: "2026-01-01" },
      meters: [],
      charges: [seatsCharge("10")],
      amendments: [{ id: "more_seats", effective: "2026-04-21", charges: [seatsCharge("15")] }],
    });
    const result = diff(rateInvoice(contract, [], "2026-04"), rateInvoice(contract, [], "2026-05"));
    const sentences = result.attributions.map((a) => [a.amount, a.sentence]);
    expect(sentences).toContainEqual([
      "40.00",
      "Seats (credit for unused time) from 2026-04-21: credited before, not now (10 units).",
    ]);
    expect(sentences).toContainEqual(["-60.00", "Seats from 2026-04-21: billed before, not now (15 units)."]);
  });
});
