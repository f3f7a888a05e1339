import { describe, expect, it } from "vitest";
import { rateInvoice, usageEvidence, usageEvidenceText } from "../../src/index.js";
import { buildContract, perRegionCharge, usageEvent } from "../_support/contract.js";

// Bandwidth in GB per region, priced per region (a matrix, so each region is a line), New York time:
// February 2026 runs from 2026-02-01T05:00Z to 2026-03-01T05:00Z.
const contract = buildContract({
  timeZone: "America/New_York",
  meters: [{ id: "bw", eventType: "cdn", aggregation: "sum", valueProperty: "gb", unit: "GB" }],
  charges: [perRegionCharge("bandwidth", "bw", "0.20", [{ region: "na", unitPrice: "0.10" }])],
});

const event = (id: string, timestamp: string, region: string, gb: string, extra: object = {}) => ({
  id,
  type: "cdn",
  customer: "cus",
  timestamp,
  properties: { region, gb },
  ...extra,
});

const EVENTS = [
  // 23:00 on January 31 in New York: before the period.
  event("e1", "2026-02-01T04:00:00Z", "na", "10"),
  event("e2", "2026-02-01T05:00:00Z", "na", "10"),
  event("e3", "2026-02-01T06:00:00Z", "na", "2.5"),
  // 23:59 on February 1 in New York, although February 2 in UTC.
  event("e4", "2026-02-02T04:59:00Z", "na", "1"),
  event("e5", "2026-02-02T05:00:00Z", "eu", "7"),
  // e3 again, the same payload: counted once.
  event("e3", "2026-02-01T06:00:00Z", "na", "2.5"),
  // e6 twice with different values: which one is right is unknown, so neither counts.
  event("e6", "2026-02-03T12:00:00Z", "eu", "1"),
  event("e6", "2026-02-03T12:00:00Z", "eu", "2"),
  event("e7", "2026-02-03T12:00:00Z", "na", "100", { customer: "someone_else" }),
  event("e8", "2026-02-03T12:00:00Z", "na", "1", { type: "cdn.logs" }),
];

describe("usageEvidence: which events made a line, and were any counted twice", () => {
  // Computed in each test, not here: mutation testing ties only code run inside a test to that test.

  it("lists each line's events per local day, with a total equal to the line's quantity", () => {
    const evidence = usageEvidence(contract, EVENTS, "2026-02");
    const [meter] = evidence.meters;
    expect(meter).toMatchObject({ meter: "bw", dimensions: ["region"], unit: "GB" });
    // Groups in the order of their values ("eu" < "na"), as the invoice orders the lines.
    expect(meter?.groups).toEqual([
      {
        group: { region: "eu" },
        ratedQuantity: "7",
        events: 1,
        quantity: "7",
        byPeriod: [{ start: "2026-02-02", events: 1, quantity: "7" }],
        firstEvents: [{ id: "e5", timestamp: "2026-02-02T05:00:00.000Z", value: "7" }],
      },
      {
        group: { region: "na" },
        // e2 + e3 + e4 = 10 + 2.5 + 1 = 13.5, all on February 1 in New York.
        ratedQuantity: "13.5",
        events: 3,
        quantity: "13.5",
        byPeriod: [{ start: "2026-02-01", events: 3, quantity: "13.5" }],
        firstEvents: [
          { id: "e2", timestamp: "2026-02-01T05:00:00.000Z", value: "10" },
          { id: "e3", timestamp: "2026-02-01T06:00:00.000Z", value: "2.5" },
          { id: "e4", timestamp: "2026-02-02T04:59:00.000Z", value: "1" },
        ],
      },
    ]);
    const lines = rateInvoice(contract, EVENTS, "2026-02").lines;
    expect(lines.map((line) => line.quantity)).toEqual(["7", "13.5"]);
  });

  it("reports every excluded event by reason, and each repeated id with what became of it", () => {
    const evidence = usageEvidence(contract, EVENTS, "2026-02");
    expect(evidence).toMatchObject({ eventsRead: 10, eventsCounted: 4 });
    expect(evidence.excluded).toEqual([
      { reason: "duplicate_id", events: 1, sampleIds: ["e3"] },
      { reason: "conflicting_duplicate", events: 2, sampleIds: ["e6"] },
      { reason: "other_customer", events: 1, sampleIds: ["e7"] },
      { reason: "unknown_event_type", events: 1, sampleIds: ["e8"] },
      { reason: "outside_period", events: 1, sampleIds: ["e1"] },
    ]);
    expect(evidence.duplicates).toEqual({
      ids: 2,
      countedOnce: 1,
      notCounted: 1,
      sample: [
        { id: "e3", copies: 2, counted: true },
        { id: "e6", copies: 2, counted: false, reason: "conflicting_duplicate" },
      ],
    });
  });

  it("says when the kept copy of a repeated id was itself left out", () => {
    const late = [
      event("d1", "2026-03-05T00:00:00Z", "na", "1"),
      event("d1", "2026-03-05T00:00:00Z", "na", "1"),
    ];
    expect(usageEvidence(contract, late, "2026-02").duplicates.sample).toEqual([
      { id: "d1", copies: 2, counted: false, reason: "outside_period" },
    ]);
  });

  it("narrows to a group, a time range and a property, per local hour, keeping the first N", () => {
    const narrowed = usageEvidence(contract, EVENTS, "2026-02", {
      group: { region: "na" },
      from: "2026-02-01T05:30:00Z",
      by: "hour",
      limit: 1,
    });
    // e3 (06:00Z = 01:00 New York) and e4 (04:59Z = 23:59 the day before, local): 2.5 + 1 = 3.5.
    expect(narrowed.meters[0]?.groups).toEqual([
      {
        group: { region: "na" },
        ratedQuantity: "13.5",
        events: 2,
        quantity: "3.5",
        byPeriod: [
          { start: "2026-02-01T01:00-05:00", events: 1, quantity: "2.5" },
          { start: "2026-02-01T23:00-05:00", events: 1, quantity: "1" },
        ],
        firstEvents: [{ id: "e3", timestamp: "2026-02-01T06:00:00.000Z", value: "2.5" }],
      },
    ]);
    const where = usageEvidence(contract, EVENTS, "2026-02", { where: { gb: "7" }, to: "2026-02-03" });
    expect(where.meters[0]?.groups.map((group) => [group.group, group.events])).toEqual([
      [{ region: "eu" }, 1],
    ]);
  });

  it("tells apart the two 01:00 hours of the night New York's clocks go back", () => {
    // 2026-11-01: 05:30Z is 01:30 EDT (−04:00), 06:30Z is 01:30 EST (−05:00), 07:10Z is 02:10 EST.
    const night = [
      event("n1", "2026-11-01T05:30:00Z", "eu", "1"),
      event("n2", "2026-11-01T06:30:00Z", "eu", "2"),
      event("n3", "2026-11-01T06:59:59Z", "eu", "4"),
      event("n4", "2026-11-01T07:10:00Z", "eu", "8"),
    ];
    const byHour = usageEvidence(contract, night, "2026-11", { by: "hour" }).meters[0]?.groups[0]?.byPeriod;
    expect(byHour).toEqual([
      { start: "2026-11-01T01:00-04:00", events: 1, quantity: "1" },
      { start: "2026-11-01T01:00-05:00", events: 2, quantity: "6" },
      { start: "2026-11-01T02:00-05:00", events: 1, quantity: "8" },
    ]);
    // That day has 25 hours; all four events are on it.
    const byDay = usageEvidence(contract, night, "2026-11").meters[0]?.groups[0]?.byPeriod;
    expect(byDay).toEqual([{ start: "2026-11-01", events: 4, quantity: "15" }]);
  });

  it("refuses options it cannot follow, saying why", () => {
    expect(() => usageEvidence(contract, EVENTS, "2026-02", { meter: "nope" })).toThrow(
      expect.objectContaining({ code: "unknown_meter", path: "meter" }),
    );
    expect(() => usageEvidence(contract, EVENTS, "2026-02", { group: { pop: "iad" } })).toThrow(
      expect.objectContaining({ code: "invalid_argument", path: "group" }),
    );
    expect(() => usageEvidence(contract, EVENTS, "2026-02", { from: "yesterday" })).toThrow(
      expect.objectContaining({ code: "invalid_instant", path: "from" }),
    );
    expect(() =>
      usageEvidence(contract, EVENTS, "2026-02", { from: "2026-02-10", to: "2026-02-10" }),
    ).toThrow(expect.objectContaining({ code: "invalid_argument", path: "to" }));
    expect(() => usageEvidence(contract, EVENTS, "2026-02", { limit: -1 })).toThrow(
      expect.objectContaining({ path: "limit" }),
    );
    expect(() => usageEvidence(contract, EVENTS, "2026-02", { by: "week" } as never)).toThrow(
      expect.objectContaining({ path: "by" }),
    );
  });
});

describe("usage evidence of a period cut by a change of terms", () => {
  // 1.00 a unit, raised to 2.00 from 17 March: the invoice bills use@2026-03-01 (5 units, 5.00) and
  // use@2026-03-17 (3 units, 6.00); the meter's quantity over March is 5 + 3 = 8, no single line's.
  const unit = (unitPrice: string) => ({
    id: "use",
    name: "Use",
    meter: "m",
    price: { model: "unit" as const, unitPrice },
  });
  const amended = buildContract({
    charges: [unit("1")],
    amendments: [{ id: "up", effective: "2026-03-17", charges: [unit("2")] }],
  });
  const events = [
    usageEvent("a", "e", "2026-03-05T00:00:00Z", { v: "5" }),
    usageEvent("b", "e", "2026-03-20T00:00:00Z", { v: "3" }),
  ];

  it("says where the period is cut, and that a group's quantity is the whole period's", () => {
    const evidence = usageEvidence(amended, events, "2026-03");
    expect(evidence.cutOn).toEqual(["2026-03-17"]);
    expect(evidence.meters[0]?.groups[0]?.ratedQuantity).toBe("8");
    const text = usageEvidenceText(evidence);
    expect(text).toContain(
      "The period is cut on 2026-03-17 by a change of terms: a line whose charge's terms change there is rated per stretch, from the events of its stretch only (its id ends in the date its stretch starts).",
    );
    expect(text).toContain("all events: 2 events, 8 (the whole period's quantity)");
    expect(rateInvoice(amended, events, "2026-03").lines.map((line) => [line.id, line.amount])).toEqual([
      ["use@2026-03-01", "5.00"],
      ["use@2026-03-17", "6.00"],
    ]);
  });

  it("says nothing of a cut when the terms hold all period", () => {
    const whole = buildContract({ charges: [unit("1")] });
    const evidence = usageEvidence(whole, events, "2026-03");
    expect(evidence.cutOn).toBeUndefined();
    expect(usageEvidenceText(evidence)).toContain("all events: 2 events, 8 (the quantity rated)");
  });
});
