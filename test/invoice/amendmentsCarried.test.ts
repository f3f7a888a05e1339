import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice, rateInvoiceAsync } from "../../src/invoice/index.js";
import { parseUsageEvent } from "../../src/schema/index.js";
import { buildContract, buildContractJson, SEATS_METER, unitCharge } from "../_support/contract.js";

// A UTC contract with the two kinds of meters that carry state from period to period: storage, a
// weighted_sum gauge in GB-month ($0.50), and seats, a persistent unique count ($10 per seat).
const base = buildContractJson({
  id: "ctr_carried_amend",
  meters: [
    { id: "storage", eventType: "storage.level", aggregation: "weighted_sum", valueProperty: "gb" },
    SEATS_METER,
  ],
  charges: [unitCharge("storage", "Storage", "storage", "0.50"), unitCharge("seats", "Seats", "seats", "10")],
});
const contractWith = (amendments: ContractInput["amendments"]) => buildContract(base, { amendments });
const storageAt = (price: string) => ({
  id: "storage",
  name: "Storage",
  meter: "storage",
  price: { model: "unit" as const, unitPrice: price },
});
const seatsAt = (price: string) => ({
  id: "seats",
  name: "Seats",
  meter: "seats",
  price: { model: "unit" as const, unitPrice: price },
});

const level = (id: string, day: number, gb: string) => ({
  id,
  type: "storage.level",
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T00:00:00Z`,
  properties: { gb },
});
const seat = (id: string, day: number, user: string, op: "add" | "remove") => ({
  id,
  type: "seat",
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T00:00:00Z`,
  properties: { user, op },
});
// February closed with 62 GB stored and alice and bob active.
const carried = { storage: { level: "62" }, seats: { active: ["alice", "bob"] } };
const march = [
  level("l1", 10, "124"),
  level("l2", 24, "31"),
  seat("s1", 5, "carol", "add"),
  seat("s2", 20, "alice", "remove"),
  seat("s3", 25, "dave", "add"),
];

describe("amendments on a weighted_sum meter", () => {
  it("opens each piece at the level the previous piece closed with", () => {
    const invoice = rateInvoice(
      contractWith([{ id: "up", effective: "2026-03-17", charges: [storageAt("1")] }]),
      march,
      "2026-03",
      {
        carried,
      },
    );
    const storage = invoice.lines.filter((line) => line.chargeId === "storage");
    // 1–16 March: 62 GB × 9 days (1st–10th) + 124 GB × 7 days (10th–17th) = 558 + 868 = 1,426 GB-days
    //   ÷ 31 days = 46 GB-month × 0.50 = 23.00
    // 17–31 March, opening at 124 GB (where 1–16 March closed, not February's 62):
    //   124 × 7 days (17th–24th) + 31 × 8 days (24th–1 April) = 868 + 248 = 1,116 GB-days ÷ 31 = 36 × 1.00 = 36.00
    expect(storage.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["storage@2026-03-01", "46", "23.00"],
      ["storage@2026-03-17", "36", "36.00"],
    ]);
    expect(storage[1]!.steps[0]).toMatchObject({
      kind: "usage",
      computation: { kind: "weighted", openingLevel: "124", closingLevel: "31" },
    });
  });

  it("keeps the invoice's usage report and carried-out state those of the whole period", () => {
    const amended = rateInvoice(
      contractWith([{ id: "up", effective: "2026-03-17", charges: [storageAt("1")] }]),
      march,
      "2026-03",
      {
        carried,
      },
    );
    const plain = rateInvoice(contractWith(undefined), march, "2026-03", { carried });
    // whole March: 1,426 + 1,116 = 2,542 GB-days ÷ 31 = 82 GB-month = 46 + 36; closes at 31 GB
    expect(amended.usage.meters.find((meter) => meter.meter === "storage")?.quantity).toBe("82");
    expect(amended.usage.carryOut?.storage).toEqual({ level: "31" });
    expect(amended.usage).toEqual(plain.usage);
  });

  it("gives the same streamed result as in memory", async () => {
    const contract = contractWith([{ id: "up", effective: "2026-03-17", charges: [storageAt("1")] }]);
    const parsed = march.map((raw) => parseUsageEvent(raw));
    const streamed = await rateInvoiceAsync(contract, () => parsed, "2026-03", { carried });
    expect(streamed).toEqual(rateInvoice(contract, march, "2026-03", { carried }));
  });
});

describe("amendments on a persistent meter", () => {
  it("prices the whole period's reading with the terms in force at the end, once, and says so", () => {
    const invoice = rateInvoice(
      contractWith([{ id: "up", effective: "2026-03-17", charges: [seatsAt("12")] }]),
      march,
      "2026-03",
      {
        carried,
      },
    );
    const seats = invoice.lines.filter((line) => line.chargeId === "seats");
    // seats active at some point in March: alice, bob (carried), carol (5th), dave (25th) = 4,
    // priced at the 12.00 in force on 31 March: 4 × 12 = 48.00 — not 4 × 10 + 4 × 12 for two pieces
    expect(seats.map((line) => [line.id, line.quantity, line.amount])).toEqual([["seats", "4", "48.00"]]);
    expect(seats[0]!.period).toEqual({ start: "2026-03-01T00:00:00.000Z", end: "2026-04-01T00:00:00.000Z" });
    expect(invoice.warnings).toEqual([
      'Charge seats has new terms from 2026-03-17; its meter "seats" is a running total read at the end of the period, so those terms price the whole period\'s reading (2026-03-01/2026-04-01).',
    ]);
    expect(invoice.usage.carryOut?.seats).toEqual({ active: ["bob", "carol", "dave"] });
    expect(explainText(invoice)).toContain("- Charge seats has new terms from 2026-03-17");
  });

  it("names the first day of the terms in force at the end when a later amendment leaves them unchanged", () => {
    // Seats go to 12.00 on the 10th; on the 20th another amendment changes only storage. Seats' terms
    // are 10.00, 12.00, 12.00 over the three pieces: those of the end have been in force since the 10th.
    const invoice = rateInvoice(
      contractWith([
        { id: "up", effective: "2026-03-10", charges: [seatsAt("12")] },
        { id: "store", effective: "2026-03-20", charges: [storageAt("1")] },
      ]),
      march,
      "2026-03",
      { carried },
    );
    // the 4 seats active at some point in March × 12.00 = 48.00, one line for the whole period
    const seats = invoice.lines.filter((line) => line.chargeId === "seats");
    expect(seats.map((line) => [line.id, line.quantity, line.amount])).toEqual([["seats", "4", "48.00"]]);
    expect(invoice.warnings).toEqual([
      'Charge seats has new terms from 2026-03-10; its meter "seats" is a running total read at the end of the period, so those terms price the whole period\'s reading (2026-03-01/2026-04-01).',
    ]);
  });

  it("bills nothing for a reading whose charge ends inside the period, with a warning", () => {
    const invoice = rateInvoice(
      contractWith([{ id: "stop", effective: "2026-03-17", remove: ["seats"] }]),
      march,
      "2026-03",
      {
        carried,
      },
    );
    expect(invoice.lines.map((line) => line.chargeId)).toEqual(["storage"]);
    expect(invoice.warnings).toEqual([
      'Charge seats read the running total of meter "seats", which is read at the end of the period, but ends on 2026-03-17: it bills nothing for that reading in 2026-03-01/2026-04-01.',
    ]);
    // the reading itself still shows in the usage report and carries on: 4 seats, 3 active at the end
    expect(invoice.usage.meters.find((meter) => meter.meter === "seats")?.quantity).toBe("4");
    expect(invoice.usage.carryOut?.seats).toEqual({ active: ["bob", "carol", "dave"] });
  });

  it("prorates a new flat fee over its piece when the charge stops reading the running total", () => {
    const invoice = rateInvoice(
      contractWith([
        {
          id: "flat",
          effective: "2026-03-17",
          charges: [{ id: "seats", name: "Seats", price: { model: "flat", amount: "310" } }],
        },
      ]),
      march,
      "2026-03",
      { carried },
    );
    // 17–31 March of a 310.00 monthly fee: 310 × 15 ÷ 31 = 150.00; the seat reading is not billed
    expect(
      invoice.lines.filter((line) => line.chargeId === "seats").map((line) => [line.id, line.amount]),
    ).toEqual([["seats@2026-03-17", "150.00"]]);
    expect(invoice.warnings).toEqual([
      'Charge seats read the running total of meter "seats", which is read at the end of the period, but no longer reads it from 2026-03-17: it bills nothing for that reading in 2026-03-01/2026-04-01.',
    ]);
    // the same as data: a program reads which change left the reading unbilled from `details.change`
    expect(invoice.notices?.map((notice) => [notice.code, notice.details])).toEqual([
      [
        "running_total_unbilled",
        { meter: "seats", change: "no_longer_reads", date: "2026-03-17", period: "2026-03-01/2026-04-01" },
      ],
    ]);
  });

  it("prices the whole reading with a charge added inside the period", () => {
    const contract = buildContract(base, {
      charges: [base.charges![0]!],
      amendments: [{ id: "add", effective: "2026-03-17", charges: [seatsAt("10")] }],
    });
    const invoice = rateInvoice(contract, march, "2026-03", { carried });
    // storage unchanged, rated whole: 82 GB-month × 0.50 = 41.00
    // seats, added on the 17th: the 4 seats active at some point in March × 10.00 = 40.00, one line
    // for the whole period (the reading is the period's, whatever day the charge started)
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["storage", "41.00"],
      ["seats", "40.00"],
    ]);
  });
});
