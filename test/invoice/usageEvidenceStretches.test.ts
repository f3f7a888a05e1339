import { describe, expect, it } from "vitest";
import {
  type GroupEvidence,
  parseUsageEvent,
  rateInvoice,
  usageEvidence,
  usageEvidenceAsync,
  usageEvidenceText,
} from "../../src/index.js";
import {
  buildContract,
  type ChargeInput,
  type ContractOverrides,
  type MeterInput,
  matrixChargeOf,
  SEATS_METER,
  sumMeter,
  unitCharge,
  usageEvent,
} from "../_support/contract.js";

// A period cut by a change of terms bills a line per stretch; the usage evidence lists, under each group
// rated so, the stretches with the quantity and events each line rated (StretchEvidence). UTC, March
// 2026, terms changed from 17 March: stretches 2026-03-01/2026-03-17 and 2026-03-17/2026-04-01.

const at = (day: number, hour = 12) =>
  `2026-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`;

// The contract of `meter` and `charge` at 1.00 a unit, at 2.00 a unit from `effective`.
function repricedFrom(meter: MeterInput, charge: ChargeInput, effective = "2026-03-17") {
  const layer: ContractOverrides = {
    meters: [meter],
    charges: [charge],
    amendments: [{ id: "up", effective, charges: [{ ...charge, price: { model: "unit", unitPrice: "2" } }] }],
  };
  return buildContract(layer);
}

// [line, period label, quantity, events] of each stretch of a group.
const rows = (group: GroupEvidence | undefined) =>
  group?.stretches?.map((stretch) => [stretch.line, stretch.period.label, stretch.quantity, stretch.events]);

/**
 * The one group of a contract cut on 17 March has a stretch before and after ([quantity, events]) and
 * the period's `whole` quantity, and the invoice's lines of charge `id` have the stretches' quantities.
 */
function expectCutOn17th(
  contract: Parameters<typeof usageEvidence>[0],
  events: ReadonlyArray<ReturnType<typeof usageEvent>>,
  id: string,
  expected: { before: [string, number]; after: [string, number]; whole: string },
) {
  const group = usageEvidence(contract, events, "2026-03").meters[0]?.groups[0];
  expect(rows(group)).toEqual([
    [`${id}@2026-03-01`, "2026-03-01/2026-03-17", ...expected.before],
    [`${id}@2026-03-17`, "2026-03-17/2026-04-01", ...expected.after],
  ]);
  expect(group?.ratedQuantity).toBe(expected.whole);
  const invoice = rateInvoice(contract, events, "2026-03");
  expect(invoice.lines.map((line) => [line.id, line.quantity])).toEqual([
    [`${id}@2026-03-01`, expected.before[0]],
    [`${id}@2026-03-17`, expected.after[0]],
  ]);
}

describe("usage evidence per stretch of a cut period", () => {
  const contract = repricedFrom(sumMeter("m", { eventType: "e", unit: "GB" }), unitCharge("use", "Use", "m"));
  const events = [
    usageEvent("a", "e", at(5), { v: "5" }),
    // One second before the cut: still the first stretch.
    usageEvent("b", "e", "2026-03-16T23:59:59Z", { v: "2" }),
    // The cut itself, midnight of the 17th: the second stretch.
    usageEvent("c", "e", "2026-03-17T00:00:00Z", { v: "1" }),
    usageEvent("d", "e", at(20), { v: "3" }),
  ];

  it("gives each line of a price change its stretch, quantity and events (a sum meter)", () => {
    const evidence = usageEvidence(contract, events, "2026-03");
    const group = evidence.meters[0]?.groups[0];
    // 1–16 March: a + b = 5 + 2 = 7 GB from 2 events; 17–31 March: c + d = 1 + 3 = 4 GB from 2 events.
    expect(rows(group)).toEqual([
      ["use@2026-03-01", "2026-03-01/2026-03-17", "7", 2],
      ["use@2026-03-17", "2026-03-17/2026-04-01", "4", 2],
    ]);
    expect(group?.stretches?.[1]).toStrictEqual({
      line: "use@2026-03-17",
      name: "Use",
      period: {
        label: "2026-03-17/2026-04-01",
        start: "2026-03-17T00:00:00.000Z",
        end: "2026-04-01T00:00:00.000Z",
      },
      quantity: "4",
      events: 2,
    });
    // The whole period's 11 = 7 + 4; the invoice bills 7 × 1.00 = 7.00 and 4 × 2.00 = 8.00.
    expect(group?.ratedQuantity).toBe("11");
    const invoice = rateInvoice(contract, events, "2026-03");
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["use@2026-03-01", "7", "7.00"],
      ["use@2026-03-17", "4", "8.00"],
    ]);
  });

  it("prints a row per stretch under the group, naming its line", () => {
    const text = usageEvidenceText(usageEvidence(contract, events, "2026-03"));
    expect(text).toContain(
      [
        "  all events: 4 events, 11 GB (the whole period's quantity)",
        "    its lines, one per stretch (the end date not included):",
        "      2026-03-01 to 2026-03-17: 7 GB from 2 events, on line use@2026-03-01 (Use)",
        "      2026-03-17 to 2026-04-01: 4 GB from 2 events, on line use@2026-03-17 (Use)",
        "    2026-03-05       1 event  5 GB",
      ].join("\n"),
    );
  });

  it("lists the same stretches for streamed events", async () => {
    const streamed = await usageEvidenceAsync(
      contract,
      async function* () {
        yield* events.map((input) => parseUsageEvent(input));
      },
      "2026-03",
    );
    expect(streamed).toStrictEqual(usageEvidence(contract, events, "2026-03"));
    expect(rows(streamed.meters[0]?.groups[0])).toHaveLength(2);
  });

  it("lists no stretch where the terms hold all period, nor for a charge the cut leaves alone", () => {
    const uncut = buildContract({ meters: [sumMeter("m", { eventType: "e" })] });
    expect(usageEvidence(uncut, events, "2026-03").meters[0]?.groups[0]?.stretches).toBeUndefined();
    // Another charge's amendment cuts the period on the 17th; use's terms hold, so its one line rates
    // the whole period's 11 and has no stretch.
    const other = buildContract({
      meters: [sumMeter("m", { eventType: "e" }), sumMeter("n")],
      charges: [unitCharge("use", "Use", "m"), unitCharge("more", "More", "n")],
      amendments: [{ id: "up", effective: "2026-03-17", charges: [unitCharge("more", "More", "n", "2")] }],
    });
    const evidence = usageEvidence(other, events, "2026-03");
    expect(evidence.cutOn).toEqual(["2026-03-17"]);
    expect(evidence.meters[0]?.groups[0]).toMatchObject({ ratedQuantity: "11" });
    expect(evidence.meters[0]?.groups[0]?.stretches).toBeUndefined();
  });
});

describe("usage evidence per stretch: an amended matrix cell", () => {
  const bw = { id: "bw", eventType: "cdn", aggregation: "sum", valueProperty: "gb" } as const;
  const matrix = (eu: string) =>
    matrixChargeOf("bandwidth", "Bandwidth", "bw", "region", [
      ["na", { model: "unit", unitPrice: "0.10" }],
      ["eu", { model: "unit", unitPrice: eu }],
    ]);
  const contract = buildContract({
    meters: [bw],
    charges: [matrix("0.20")],
    amendments: [{ id: "eu", effective: "2026-03-16", charges: [matrix("0.40")] }],
  });
  const cdn = (id: string, day: number, region: string, gb: string) =>
    usageEvent(id, "cdn", at(day), { region, gb });
  const events = [
    cdn("n1", 2, "na", "100"),
    cdn("n2", 20, "na", "50"),
    cdn("e1", 3, "eu", "10"),
    cdn("e2", 16, "eu", "30"),
    cdn("e3", 31, "eu", "5"),
  ];

  it("cuts only the amended cell's group: eu per stretch, na over the whole period", () => {
    const evidence = usageEvidence(contract, events, "2026-03");
    const [eu, na] = evidence.meters[0]?.groups ?? [];
    expect([eu?.group, na?.group]).toEqual([{ region: "eu" }, { region: "na" }]);
    // eu: 1–15 March e1 = 10 GB (× 0.20 = 2.00); 16–31 March e2 + e3 = 30 + 5 = 35 GB (× 0.40 = 14.00).
    expect(rows(eu)).toEqual([
      ['bandwidth[region="eu"]@2026-03-01', "2026-03-01/2026-03-16", "10", 1],
      ['bandwidth[region="eu"]@2026-03-16', "2026-03-16/2026-04-01", "35", 2],
    ]);
    // na's cell is the same before and after: one line of 100 + 50 = 150 GB, no stretch.
    expect(na?.stretches).toBeUndefined();
    expect(na?.ratedQuantity).toBe("150");
    const invoice = rateInvoice(contract, events, "2026-03");
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      // The line of the terms that hold all period first, then the stretches (rateCharges.ts).
      ['bandwidth[region="na"]', "150", "15.00"],
      ['bandwidth[region="eu"]@2026-03-01', "10", "2.00"],
      ['bandwidth[region="eu"]@2026-03-16', "35", "14.00"],
    ]);
  });
});

describe("usage evidence per stretch: one meter split two ways", () => {
  // Transfer by region and a surcharge by region and service, on one meter, both from 1.00 to 2.00 a GB
  // on the 17th: the evidence lists the meter once per grouping.
  const charges = (unitPrice: string): ChargeInput[] => [
    matrixChargeOf("transfer", "Transfer", "bw", "region", [["eu", { model: "unit", unitPrice }]]),
    {
      id: "surcharge",
      name: "Surcharge",
      meter: "bw",
      price: {
        model: "matrix",
        dimensions: ["region", "service"],
        cells: [{ match: { region: "eu", service: "http" }, price: { model: "unit", unitPrice } }],
      },
    },
  ];
  const contract = buildContract({
    meters: [{ id: "bw", eventType: "cdn", aggregation: "sum", valueProperty: "gb" }],
    charges: charges("1"),
    amendments: [{ id: "up", effective: "2026-03-17", charges: charges("2") }],
  });
  const events = [
    usageEvent("h1", "cdn", at(5), { region: "eu", service: "http", gb: "3" }),
    usageEvent("h2", "cdn", at(20), { region: "eu", service: "http", gb: "4" }),
  ];

  it("lists each line under the group of its own grouping only", () => {
    const [byRegion, byService] = usageEvidence(contract, events, "2026-03").meters.map(
      (meter) => meter.groups[0],
    );
    // The same 3 GB before the 17th and 4 GB after, once per charge, each under its own grouping.
    expect([byRegion?.group, rows(byRegion)]).toEqual([
      { region: "eu" },
      [
        ['transfer[region="eu"]@2026-03-01', "2026-03-01/2026-03-17", "3", 1],
        ['transfer[region="eu"]@2026-03-17', "2026-03-17/2026-04-01", "4", 1],
      ],
    ]);
    expect([byService?.group, rows(byService)]).toEqual([
      { region: "eu", service: "http" },
      [
        ['surcharge[region="eu",service="http"]@2026-03-01', "2026-03-01/2026-03-17", "3", 1],
        ['surcharge[region="eu",service="http"]@2026-03-17', "2026-03-17/2026-04-01", "4", 1],
      ],
    ]);
  });
});

describe("usage evidence per stretch: meters whose stretches do not add up", () => {
  it("gives each stretch its own peak (max): the period's peak is the larger of the two", () => {
    const contract = repricedFrom(
      sumMeter("vcpu", { aggregation: "max" }),
      unitCharge("cpu", "vCPU", "vcpu"),
    );
    const events = [4, 8, 6, 2].map((v, i) =>
      usageEvent(`p${i}`, "vcpu", at([3, 10, 18, 30][i]!), { v: `${v}` }),
    );
    // 1–16 March: max(4, 8) = 8; 17–31 March: max(6, 2) = 6; the period's max(8, 6) = 8.
    expectCutOn17th(contract, events, "cpu", { before: ["8", 2], after: ["6", 2], whole: "8" });
  });

  it("counts each stretch's own distinct values (unique_count): one seen in both counts in each", () => {
    const users = {
      id: "users",
      eventType: "login",
      aggregation: "unique_count",
      valueProperty: "user",
    } as const;
    const contract = repricedFrom(users, unitCharge("mau", "Active users", "users"));
    const login = (id: string, day: number, user: string) => usageEvent(id, "login", at(day), { user });
    const events = [
      login("l1", 2, "alice"),
      login("l2", 10, "bob"),
      login("l3", 20, "alice"),
      login("l4", 25, "carol"),
    ];
    // 1–16 March: alice, bob = 2; 17–31 March: alice, carol = 2; the period: alice, bob, carol = 3,
    // not 2 + 2 = 4 (alice is in both stretches). The lines bill 2 × 1.00 and 2 × 2.00.
    expectCutOn17th(contract, events, "mau", { before: ["2", 2], after: ["2", 2], whole: "3" });
  });

  it("gives each stretch the peak of its own daily windows (a windowed meter)", () => {
    const peakDay = sumMeter("gb", { aggregation: "max", window: { size: "day", aggregation: "sum" } });
    const contract = repricedFrom(peakDay, unitCharge("peak", "Peak day", "gb"));
    const gb = (id: string, day: number, hour: number, v: string) =>
      usageEvent(id, "gb", at(day, hour), { v });
    const events = [
      gb("w1", 5, 10, "4"),
      gb("w2", 5, 15, "6"),
      gb("w3", 10, 12, "7"),
      gb("w4", 20, 12, "3"),
      gb("w5", 25, 8, "2"),
      gb("w6", 25, 20, "2"),
    ];
    // Days: 5 March 4 + 6 = 10, 10 March 7, 20 March 3, 25 March 2 + 2 = 4. 1–16 March's peak day:
    // max(10, 7) = 10 from 3 events; 17–31 March's: max(3, 4) = 4 from 3 events; the period's 10.
    expectCutOn17th(contract, events, "peak", { before: ["10", 3], after: ["4", 3], whole: "10" });
  });
});

describe("usage evidence per stretch: meters that carry state", () => {
  const level = (id: string, day: number, gb: string) => usageEvent(id, "storage", at(day, 0), { gb });
  const seat = (id: string, day: number, user: string) =>
    usageEvent(id, "seat", at(day, 0), { user, op: "add" });

  it("gives a weighted_sum each stretch's GB-months, which add up to the period's", () => {
    const storage = {
      id: "storage",
      eventType: "storage",
      aggregation: "weighted_sum",
      valueProperty: "gb",
    } as const;
    const contract = repricedFrom(storage, unitCharge("store", "Storage", "storage"));
    const events = [level("s1", 10, "124"), level("s2", 24, "31")];
    // No level carried in: 0 GB until the 10th. 1–16 March: 124 GB × 7 days (10th–16th) = 868 GB-days
    // ÷ 31 = 28 GB-month; 17–31 March opens at 124 GB: 124 × 7 (17th–23rd) + 31 × 8 (24th–31st) = 1,116
    // ÷ 31 = 36; the period: 868 + 1,116 = 1,984 ÷ 31 = 64 = 28 + 36. The stretch from the 17th has no
    // event of its own before the 24th: its 1 event is s2.
    expectCutOn17th(contract, events, "store", { before: ["28", 1], after: ["36", 1], whole: "64" });
  });

  it("lists no stretch for a running total, which the terms at the period's end price once", () => {
    const contract = repricedFrom(SEATS_METER, unitCharge("seats", "Seats", "seats"));
    const events = [seat("a1", 5, "carol"), seat("a2", 25, "dave")];
    const evidence = usageEvidence(contract, events, "2026-03");
    expect(evidence.cutOn).toEqual(["2026-03-17"]);
    expect(evidence.meters[0]?.groups[0]?.stretches).toBeUndefined();
    // carol and dave, active in March: 2 seats × 2.00 (the terms from the 17th) on one line.
    expect(rateInvoice(contract, events, "2026-03").lines.map((line) => [line.id, line.amount])).toEqual([
      ["seats", "4.00"],
    ]);
  });
});
