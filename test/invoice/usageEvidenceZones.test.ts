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
