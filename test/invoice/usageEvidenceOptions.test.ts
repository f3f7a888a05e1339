import { describe, expect, it } from "vitest";
import { usageEvidence } from "../../src/index.js";
import { buildContract, perRegionCharge, sumMeter, unitCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// The options of usageEvidence, read against the contract: the sentences that say why one is refused,
// and the defaults (per local day, ten event ids). Bandwidth per region (a matrix: each region is a
// line) and API calls (one line), New York time: February 2026 runs from 2026-02-01T05:00Z.
const contract = buildContract({
  timeZone: "America/New_York",
  meters: [
    { id: "bw", eventType: "cdn", aggregation: "sum", valueProperty: "gb", unit: "GB" },
    sumMeter("calls"),
  ],
  charges: [perRegionCharge("bandwidth", "bw", "0.20"), unitCharge("api", "API calls", "calls")],
});
const cdn = (id: string, timestamp: string, region: string, gb: string) => ({
  id,
  type: "cdn",
  customer: "cus",
  timestamp,
  properties: { region, gb },
});
const EVENTS = [
  cdn("e1", "2026-02-01T06:00:00Z", "na", "10"),
  // 23:59 on February 1 in New York
  cdn("e2", "2026-02-02T04:59:00Z", "na", "1"),
  // midnight on February 2 in New York
  cdn("e3", "2026-02-02T05:00:00Z", "eu", "7"),
];

describe("usageEvidence options", () => {
  it("one meter when asked, every meter otherwise", () => {
    expect(usageEvidence(contract, EVENTS, "2026-02").meters.map((meter) => meter.meter)).toEqual([
      "bw",
      "calls",
    ]);
    expect(usageEvidence(contract, EVENTS, "2026-02", { meter: "calls" }).meters.map((m) => m.meter)).toEqual(
      ["calls"],
    );
  });

  it("a local date as from is midnight in the contract's zone", () => {
    // from 2026-02-02 = 05:00Z: e1 (06:00Z on the 1st) and e2 (04:59Z on the 2nd) are before it, so
    // North America lists nothing; e3 is not
    const groups = usageEvidence(contract, EVENTS, "2026-02", { meter: "bw", from: "2026-02-02" }).meters[0]
      ?.groups;
    expect(groups?.map((group) => [group.group.region, group.events, group.quantity])).toEqual([
      ["eu", 1, "7"],
    ]);
  });

  it("lists ten event ids by default", () => {
    // twelve events on the same line: the first ten are shown, all twelve counted
    const many = Array.from({ length: 12 }, (_, i) =>
      cdn(
        `m${String(i + 1).padStart(2, "0")}`,
        `2026-02-10T${String(i + 6).padStart(2, "0")}:00:00Z`,
        "eu",
        "1",
      ),
    );
    const evidence = usageEvidence(contract, many, "2026-02", { meter: "bw" });
    expect(evidence.by).toBe("day");
    const [group] = evidence.meters[0]?.groups ?? [];
    expect(group?.events).toBe(12);
    expect(group?.firstEvents.map((listed) => listed.id)).toEqual([
      "m01",
      "m02",
      "m03",
      "m04",
      "m05",
      "m06",
      "m07",
      "m08",
      "m09",
      "m10",
    ]);
    // per local day by default, and the evidence says so: 06:00Z to 17:00Z on the 10th is 01:00 to
    // 12:00 in New York
    expect(group?.byPeriod.map((period) => period.start)).toEqual(["2026-02-10"]);
  });

  it("refuses a meter the contract does not have, listing its meters", () => {
    expect(thrown(() => usageEvidence(contract, EVENTS, "2026-02", { meter: "nope" }))).toMatchObject({
      code: "unknown_meter",
      path: "meter",
      message: 'The contract has no meter "nope"; its meters are bw, calls.',
    });
  });

  it("refuses a contract with no meter (fees only) in its own words, not as a --meter nobody gave", () => {
    // Failed before: 'The contract has no meter ""; its meters are none.' at path "meter".
    const feesOnly = buildContract({
      meters: [],
      charges: [{ id: "fee", name: "Fee", price: { model: "flat", amount: "10" } }],
    });
    const error = thrown(() => usageEvidence(feesOnly, EVENTS, "2026-02"));
    expect(error).toMatchObject({ code: "unknown_meter", path: "contract.meters" });
    expect((error as Error).message).toMatch(/^Contract ctr has no meters: every charge is a fee/);
  });

  it("refuses a group by a property no line is split by, naming the dimensions there are", () => {
    expect(thrown(() => usageEvidence(contract, EVENTS, "2026-02", { group: { pop: "iad" } }))).toMatchObject(
      {
        code: "invalid_argument",
        path: "group",
        message:
          "No charge splits a line by pop: the dimensions its lines are grouped by are region. To narrow the events by any property, use where instead of group.",
      },
    );
    // API calls are one line: no dimension at all
    expect(
      thrown(() =>
        usageEvidence(contract, EVENTS, "2026-02", { meter: "calls", group: { region: "eu", pop: "iad" } }),
      ),
    ).toMatchObject({
      message:
        "No charge splits these meters' lines by region and pop: the dimensions its lines are grouped by are none (each meter is one line). To narrow the events by any property, use where instead of group.",
    });
  });

  it("refuses a time bound it cannot read, and a from not before the to", () => {
    expect(thrown(() => usageEvidence(contract, EVENTS, "2026-02", { to: "next week" }))).toMatchObject({
      code: "invalid_instant",
      path: "to",
      message:
        'to must be a local date (2026-02-10, midnight in the contract\'s zone) or an ISO 8601 timestamp with an offset (2026-02-10T14:00:00Z), not "next week".',
    });
    const emptyRanges: ReadonlyArray<readonly [string, string]> = [
      ["2026-02-10", "2026-02-10"],
      ["2026-02-11", "2026-02-10"],
    ];
    for (const [from, to] of emptyRanges) {
      expect(thrown(() => usageEvidence(contract, EVENTS, "2026-02", { from, to }))).toMatchObject({
        code: "invalid_argument",
        path: "to",
        message: `from ${from} is not before to ${to}, so no event could be listed; give a from earlier than the to.`,
      });
    }
    // a from one millisecond before the to is a range
    expect(() =>
      usageEvidence(contract, EVENTS, "2026-02", { from: "2026-02-10T04:59:59.999Z", to: "2026-02-10" }),
    ).not.toThrow();
  });
});
