import { meteredEvent, SEATS_METER, sumMeter, unitCharge, usageEvent } from "../../_support/contract.js";
import { february, type StepCase } from "./stepCase.js";

// The usage step, and each way a meter computes its quantity when it does more than add up.

export const USAGE_STEP_CASES: Readonly<Record<string, StepCase>> = {
  // 3 + 4 = 7 GB from 2 events, at 1.00 a GB = 7.00
  usage: {
    contract: { meters: [sumMeter("m", { eventType: "e", unit: "GB" })] },
    usage: [meteredEvent("e1", "3"), meteredEvent("e2", "4")],
    says: ["Use: 7 GB from 2 events.", "7 GB at $1.0000 = $7.00."],
  },
  // the average of February's 28 daily peaks: 280 on the 3rd, 140 on the 4th, 0 on the other 26 days;
  // (280 + 140) ÷ 28 = 15 GB-month
  windows: {
    contract: {
      meters: [
        {
          id: "r2",
          eventType: "r2",
          aggregation: "avg",
          valueProperty: "gb",
          unit: "GB-month",
          window: { size: "day", aggregation: "max" },
        },
      ],
      charges: [unitCharge("r2", "Storage", "r2", "0.015")],
    },
    usage: [
      usageEvent("a", "r2", february("03", "10:00:00"), { gb: "100" }),
      usageEvent("b", "r2", february("03", "14:00:00"), { gb: "280" }),
      usageEvent("c", "r2", february("04"), { gb: "140" }),
    ],
    says: [
      "Storage: 15 GB-month from 3 events.",
      "The quantity is the avg of 28 daily windows, each the max of its events; 26 windows without events counted as 0.",
    ],
  },
  // one day, 288 five-minute samples, each the window's megabits ÷ 300 s: 1 … 20 Mbit/s in 20 of them,
  // 0 in the rest; 5 % of 288 = 14.4, rounded down: the top 14 (20 … 7) are discarded, 6 Mbit/s billed
  percentile: {
    contract: {
      billing: { cadence: "daily" },
      meters: [
        {
          id: "transit",
          eventType: "transit",
          aggregation: "percentile",
          valueProperty: "megabits",
          unit: "Mbit/s",
          window: { size: "5m", aggregation: "sum", perSecond: true },
          percentile: { rank: "95" },
        },
      ],
      charges: [unitCharge("transit", "Transit", "transit", "0.50")],
    },
    usage: Array.from({ length: 20 }, (_, i) =>
      // one event in each of 20 consecutive five-minute windows from 10:00
      usageEvent(`t${i}`, "transit", new Date(Date.UTC(2026, 1, 3, 10, 5 * i)).toISOString(), {
        megabits: String((i + 1) * 300),
      }),
    ),
    period: "2026-02-03/2026-02-04",
    says: [
      "Transit: 6 Mbit/s from 20 events.",
      "The 95th percentile of 288 5m samples (the sum of each, per second): the top 14 discarded (5% of 288, rounded down), the highest remaining billed.",
    ],
  },
  // per instance: 5,400 s ÷ 3,600 = 1.5 → 2 hours; 100 s → 0.03 → 1 hour; 3 hours × 0.10 = 0.30
  entities: {
    contract: {
      meters: [
        sumMeter("vm", {
          valueProperty: "seconds",
          unit: "hours",
          entity: { property: "instance", divideBy: "3600", round: "up", cap: "720" },
        }),
      ],
      charges: [unitCharge("vm", "VM hours", "vm", "0.10")],
    },
    usage: [
      usageEvent("v1", "vm", february("03"), { instance: "i-1", seconds: "5400" }),
      usageEvent("v2", "vm", february("04"), { instance: "i-2", seconds: "100" }),
    ],
    says: [
      "VM hours: 3 hours from 2 events.",
      "Summed over 2 entities, each divided by 3,600, rounded up, capped at 720 (0 entities capped).",
    ],
  },
  // 400 GB for the first 14 days, 200 GB for the last 14: (400 × 14 + 200 × 14) ÷ 28 = 300 GB-month
  weighted: {
    contract: {
      meters: [
        { id: "st", eventType: "st", aggregation: "weighted_sum", valueProperty: "gb", unit: "GB-month" },
      ],
      charges: [unitCharge("st", "Storage", "st", "0.02")],
    },
    usage: [
      usageEvent("s1", "st", "2026-02-01T00:00:00Z", { gb: "400" }),
      usageEvent("s2", "st", "2026-02-15T00:00:00Z", { gb: "200" }),
    ],
    says: [
      "Storage: 300 GB-month from 2 events.",
      // s1 sets 400 at 1 February 00:00, the period's first instant: the opening 0 held for no time
      "Time-weighted over 2 changes: level 400 from the start (set by an event at the period's first instant), 200 at the end, level × time divided by the period.",
    ],
  },
  // cy was active before February; ann and bob are added, ann removed: 3 seats active at some point
  // (1 carried in + 2 added), 2 carried out (cy, bob); 3 × 10.00 = 30.00
  persistent: {
    contract: {
      meters: [SEATS_METER],
      charges: [unitCharge("seats", "Seats", "seats", "10")],
    },
    usage: [
      usageEvent("u1", "seat", february("03"), { user: "ann", op: "add" }),
      usageEvent("u2", "seat", february("04"), { user: "bob", op: "add" }),
      usageEvent("u3", "seat", february("05"), { user: "ann", op: "remove" }),
    ],
    options: { carried: { seats: { active: ["cy"] } } },
    says: [
      "Seats: 3 from 3 events.",
      "Running total since the contract start: 1 carried in, 2 added this period; 2 carried out.",
    ],
  },
};
