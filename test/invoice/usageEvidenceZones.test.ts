import { describe, expect, it } from "vitest";
import { usageEvidence } from "../../src/index.js";
import { buildContract } from "../_support/contract.js";

// Per-hour evidence in zones whose offset is not whole hours: an hour starts at hh:00 local time, which
// is hh:15, hh:30 or hh:45 in UTC. Three events around local 11:00 on 2026-02-13 (no DST that day in
// any of these zones): A at 10:30, B at 11:00:00.000 and C at 10:59:59.999 local, sent in that order
// (B before C, so an hour remembered from B must not take C).
const ZONES = [
  // +05:45: 10:30 local = 04:45Z, 11:00 = 05:15Z.
  { timeZone: "Asia/Kathmandu", a: "04:45:00.000", b: "05:15:00.000", c: "05:14:59.999", offset: "+05:45" },
  // +05:30: 10:30 local = 05:00Z, 11:00 = 05:30Z.
  { timeZone: "Asia/Kolkata", a: "05:00:00.000", b: "05:30:00.000", c: "05:29:59.999", offset: "+05:30" },
  // Newfoundland Standard Time, −03:30: 10:30 local = 14:00Z, 11:00 = 14:30Z.
  { timeZone: "America/St_Johns", a: "14:00:00.000", b: "14:30:00.000", c: "14:29:59.999", offset: "-03:30" },
];

describe("usageEvidence by hour in zones with a half or three-quarter hour offset", () => {
  it.each(ZONES)("starts each hour at the local hour in $timeZone", ({ timeZone, a, b, c, offset }) => {
    const contract = buildContract({ timeZone });
    const at = (id: string, time: string, v: string) => ({
      id,
      type: "e",
      customer: "cus",
      timestamp: `2026-02-13T${time}Z`,
      properties: { v },
    });
    const events = [at("A", a, "1"), at("B", b, "2"), at("C", c, "4")];
    const byPeriod = usageEvidence(contract, events, "2026-02", { by: "hour" }).meters[0]?.groups[0]
      ?.byPeriod;
    // Local 10:00 holds A and C (1 + 4 = 5), local 11:00 holds B (2).
    expect(byPeriod).toStrictEqual([
      { start: `2026-02-13T10:00${offset}`, events: 2, quantity: "5" },
      { start: `2026-02-13T11:00${offset}`, events: 1, quantity: "2" },
    ]);
  });
});

// Lord Howe Island changes its clocks by half an hour: standard time +10:30, daylight time +11:00.
// On Sunday 4 October 2026 the clocks go from 02:00+10:30 (2026-10-03T15:30Z) to 02:30+11:00, so that
// day's hour 01 runs 14:30Z–15:30Z and its hour 02 is 02:30–03:00+11:00, 15:30Z–16:00Z, half an hour.
// On Sunday 5 April 2026 they go back from 02:00+11:00 (2026-04-04T15:00Z) to 01:30+10:30: hour 01 at
// +11:00 runs 14:00Z–15:00Z, then 01:30–02:00+10:30 is 15:00Z–15:30Z, then 02:00+10:30 from 15:30Z.
// Before, the half hour was labelled 02:00+11:00 (an instant outside it, 15:00Z) and given the bounds
// 15:00Z–16:00Z, which took an event of the hour before when it was sent after one of the half hour.
describe("usageEvidence by hour where the clocks change by half an hour (Australia/Lord_Howe)", () => {
  const contract = buildContract({ timeZone: "Australia/Lord_Howe" });
  const at = (id: string, timestamp: string, v: string) => ({
    id,
    type: "e",
    customer: "cus",
    timestamp,
    properties: { v },
  });
  const byPeriodOf = (events: ReturnType<typeof at>[], period: string) =>
    usageEvidence(contract, events, period, { by: "hour" }).meters[0]?.groups[0]?.byPeriod;

  it("starts the half hour after the clocks go forward at its first instant, 02:30+11:00", () => {
    const events = [
      at("A", "2026-10-03T15:45:00.000Z", "4"), // 02:45+11:00
      at("B", "2026-10-03T15:10:00.000Z", "1"), // 01:40+10:30, sent after A
      at("C", "2026-10-03T15:29:59.999Z", "2"), // 01:59:59.999+10:30
      at("D", "2026-10-03T15:30:00.000Z", "8"), // 02:30+11:00, the first instant of daylight time
      at("E", "2026-10-03T16:00:00.000Z", "16"), // 03:00+11:00
    ];
    // hour 01: B + C = 1 + 2 = 3; the half hour: A + D = 4 + 8 = 12; hour 03: E = 16.
    expect(byPeriodOf(events, "2026-10")).toStrictEqual([
      { start: "2026-10-04T01:00+10:30", events: 2, quantity: "3" },
      { start: "2026-10-04T02:30+11:00", events: 2, quantity: "12" },
      { start: "2026-10-04T03:00+11:00", events: 1, quantity: "16" },
    ]);
  });

  it("starts the half hour after the clocks go back at its first instant, 01:30+10:30", () => {
    const events = [
      at("F", "2026-04-04T15:10:00.000Z", "1"), // 01:40+10:30
      at("G", "2026-04-04T14:50:00.000Z", "2"), // 01:50+11:00, sent after F
      at("H", "2026-04-04T15:00:00.000Z", "4"), // 01:30+10:30, the first instant of standard time
      at("I", "2026-04-04T15:30:00.000Z", "8"), // 02:00+10:30
      at("J", "2026-04-04T14:00:00.000Z", "16"), // 01:00+11:00
    ];
    // hour 01 at +11:00: G + J = 2 + 16 = 18; the half hour: F + H = 1 + 4 = 5; hour 02: I = 8.
    expect(byPeriodOf(events, "2026-04")).toStrictEqual([
      { start: "2026-04-05T01:00+11:00", events: 2, quantity: "18" },
      { start: "2026-04-05T01:30+10:30", events: 2, quantity: "5" },
      { start: "2026-04-05T02:00+10:30", events: 1, quantity: "8" },
    ]);
  });
});
