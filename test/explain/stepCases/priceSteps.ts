import {
  CAPACITY_TIERS,
  type ContractOverrides,
  flatCharge,
  meteredEvent,
  sumMeter,
  usageEvent,
} from "../../_support/contract.js";
import { february, oneEvent, type StepCase } from "./stepCase.js";

// The steps a price model writes, each shown on the docs' worked example (docs/pricing.md).

// 7,000 GB over tiers 0.10 to 1,000 (fee 5), 0.08 to 5,000 (fee 20), then 0.05
const graduated = {
  meters: [sumMeter("bw", { valueProperty: "gb", unit: "GB" })],
  charges: [
    {
      id: "bw",
      name: "Bandwidth",
      meter: "bw",
      price: {
        model: "graduated",
        tiers: [
          { upTo: "1000", unitPrice: "0.10", flatFee: "5" },
          { upTo: "5000", unitPrice: "0.08", flatFee: "20" },
          { unitPrice: "0.05" },
        ],
      },
    },
  ],
} satisfies ContractOverrides;
// 10,001 requests in packages of 10,000 at 0.0075, a partial package rounded up: 2 × 0.0075 = 0.015
const packages = {
  meters: [sumMeter("req", { valueProperty: "n", unit: "requests" })],
  charges: [
    {
      id: "req",
      name: "Requests",
      meter: "req",
      price: { model: "package", packageSize: "10000", packagePrice: "0.0075" },
    },
  ],
} satisfies ContractOverrides;
// card fees 2.9 % + 0.30 on transactions of 100, 20 and 5
const cardFees = {
  meters: [sumMeter("pay", { valueProperty: "amount", unit: "USD" })],
  charges: [
    {
      id: "fees",
      name: "Card fees",
      meter: "pay",
      price: { model: "percentage", percent: "2.9", fixedFee: "0.30" },
    },
  ],
} satisfies ContractOverrides;
const payments = (...amounts: string[]) =>
  amounts.map((amount, i) => usageEvent(`p${i}`, "pay", february("03", `1${i}:00:00`), { amount }));

export const PRICE_STEP_CASES: Readonly<Record<string, StepCase>> = {
  flat: {
    contract: { meters: [], charges: [flatCharge("platform", "Platform", "300")] },
    usage: [],
    says: ["Platform: Flat fee $300.00.", "Line total $300.00."],
  },
  unit: {
    contract: { meters: [sumMeter("m", { eventType: "e", unit: "GB" })] },
    usage: [meteredEvent("e1", "3"), meteredEvent("e2", "4")],
    says: ["7 GB at $1.0000 = $7.00."],
  },
  package: {
    contract: packages,
    usage: [oneEvent("req", { n: "10001" })],
    says: [
      "10,001 requests in packages of 10,000 = 2 packages (a partial package rounded up) at $0.0075 = $0.015.",
    ],
  },
  // 0.015 is a tie: half-even keeps the even cent, 0.02
  rounding: {
    contract: packages,
    usage: [oneEvent("req", { n: "10001" })],
    says: ["Rounded half-even from $0.015 to $0.02.", "Line total $0.02."],
  },
  // 1,000 × 0.10 = 100; 4,000 × 0.08 = 320; 2,000 × 0.05 = 100; fees 5 + 20; 545.00
  tier: {
    contract: graduated,
    usage: [oneEvent("bw", { gb: "7000" })],
    says: [
      "First 1,000 GB at $0.1000 = $100.00; next 4,000 GB at $0.0800 = $320.00; remaining 2,000 GB at $0.0500 = $100.00.",
      "Line total $545.00.",
    ],
  },
  tier_flat_fee: {
    contract: graduated,
    usage: [oneEvent("bw", { gb: "7000" })],
    says: ["Tier 1 flat fee $5.00.", "Tier 2 flat fee $20.00."],
  },
  // graduated blocks: tier 1 ⌈1,000 ÷ 100⌉ = 10 × 5 = 50; tier 2 ⌈250 ÷ 500⌉ = 1 × 20 = 20
  tier_package: {
    contract: {
      meters: [sumMeter("st", { valueProperty: "gb", unit: "GB" })],
      charges: [
        {
          id: "st",
          name: "Storage blocks",
          meter: "st",
          price: {
            model: "tiered_package",
            mode: "graduated",
            tiers: [
              { upTo: "1000", packageSize: "100", packagePrice: "5" },
              { packageSize: "500", packagePrice: "20" },
            ],
          },
        },
      ],
    },
    usage: [oneEvent("st", { gb: "1250" })],
    says: [
      "Tier 1 (up to 1,000 GB): 1,000 GB in packages of 100 = 10 packages at $5.0000 = $50.00.",
      "Tier 2 (over 1,000 GB): 250 GB in packages of 500 = 1 package at $20.0000 = $20.00.",
    ],
  },
  // 1,000 × 0.10 + 200 × 0.08 = 116, below tier 2's minimum 150: + 34
  tier_minimum: {
    contract: {
      meters: [sumMeter("api", { valueProperty: "n", unit: "calls" })],
      charges: [
        {
          id: "api",
          name: "API calls",
          meter: "api",
          price: {
            model: "tiered_with_minimum",
            tiers: [
              { upTo: "1000", unitPrice: "0.10", minimum: "50" },
              { unitPrice: "0.08", minimum: "150" },
            ],
          },
        },
      ],
    },
    usage: [oneEvent("api", { n: "1200" })],
    says: [
      "The tiers come to $116.00, below tier 2's minimum of $150.00: plus $34.00.",
      "Line total $150.00.",
    ],
  },
  // 125 × 0.029 = 3.625; 3 × 0.30 = 0.90; 4.525 → 4.52
  percentage: {
    contract: cardFees,
    usage: payments("100", "20", "5"),
    says: ["2.9% of $125.00 = $3.625, on 3 transactions worth $125.00."],
  },
  fixed_fees: {
    contract: cardFees,
    usage: payments("100", "20", "5"),
    says: ["Fixed fee $0.3000 × 3 transactions = $0.90.", "Line total $4.52."],
  },
  // 1.5 % + 0.10, each between 0.50 and 5.00: 10 → 0.25 raised by 0.25; 1,000 → 15.10 lowered by 10.10
  per_event_limit: {
    contract: {
      ...cardFees,
      charges: [
        {
          id: "fees",
          name: "Card fees",
          meter: "pay",
          price: {
            model: "percentage",
            percent: "1.5",
            fixedFee: "0.10",
            minimumPerEvent: "0.50",
            maximumPerEvent: "5.00",
          },
        },
      ],
    },
    usage: payments("10", "100", "1000"),
    says: [
      "1 transaction raised to the minimum of $0.50 each: plus $0.25.",
      "1 transaction capped at the maximum of $5.00 each: -$10.10.",
      "Line total $7.10.",
    ],
  },
  // 11 seats fall in band 2, (10, 50]: 199.00
  threshold: {
    contract: {
      meters: [sumMeter("seats", { valueProperty: "n", unit: "seats" })],
      charges: [
        {
          id: "seats",
          name: "Seats",
          meter: "seats",
          price: {
            model: "threshold",
            bands: [{ upTo: "10", amount: "49" }, { upTo: "50", amount: "199" }, { amount: "499" }],
          },
        },
      ],
    },
    usage: [oneEvent("seats", { n: "11" })],
    says: ["Band 2 (over 10 seats up to 50 seats) applies to 11 seats: $199.00."],
  },
  // 120 GB breaks tier 1's 100; tier 2 holds both limits: 150.00
  capacity: {
    contract: {
      meters: [
        sumMeter("storage_gb", { valueProperty: "gb", unit: "GB" }),
        { id: "requests", eventType: "request", aggregation: "count" },
      ],
      charges: [
        {
          id: "plan",
          name: "Storage plan",
          meter: "storage_gb",
          price: {
            model: "capacity",
            tiers: CAPACITY_TIERS,
          },
        },
      ],
    },
    usage: [
      oneEvent("storage_gb", { gb: "120" }),
      ...["r1", "r2", "r3", "r4", "r5"].map((id) => usageEvent(id, "request", february("04"))),
    ],
    says: [
      "Capacity tier 2, the lowest whose limits hold (storage_gb 120 ≤ 1,000, requests 5 ≤ 10,000,000): $150.00.",
    ],
  },
  // (0.70 + 0.55 + 2.20) × 1.2 = 3.45 × 1.2 = 4.14
  dynamic: {
    contract: {
      meters: [sumMeter("ai", { valueProperty: "cost", unit: "USD" })],
      charges: [{ id: "ai", name: "AI calls", meter: "ai", price: { model: "dynamic", multiplier: "1.2" } }],
    },
    usage: ["0.70", "0.55", "2.20"].map((cost, i) => usageEvent(`a${i}`, "ai", february("05"), { cost })),
    says: ["AI calls: 3.45 USD from 3 events.", "Event amounts $3.45 × 1.2 = $4.14."],
  },
};
