import { rateClosingInvoice, rateProgressiveInvoice } from "../../../src/index.js";
import {
  COMPUTE_AND_STORAGE,
  computeAndStorageUsage,
  flatCharge,
  fullQuantityTiersCharge,
  meteredEvent,
  PRORATED_UNITS_METER,
  sumMeter,
  unitCharge,
} from "../../_support/contract.js";
import { february, oneEvent, type StepCase } from "./stepCase.js";

// The steps the contract's terms and the charge's options write around the price.

// a fee billed in advance
const advanceFee = (amount: string) => flatCharge("platform", "Platform", amount, { billed: "in_advance" });

// Cloudflare R2 Class A, one line per bucket, rounded and given its free million on the account's total.
const groupsAsOne = {
  meters: [sumMeter("ops", { valueProperty: "ops" })],
  charges: [
    {
      id: "class_a",
      name: "Class A operations",
      meter: "ops",
      price: {
        model: "grouped" as const,
        groupBy: ["bucket"],
        price: { model: "unit" as const, unitPrice: "4.50" },
      },
      transform: { divideBy: "1000000", included: "1", round: "up" as const, scope: "charge" as const },
    },
  ],
};
const groupsAsOneUsage = [
  oneEvent("ops", { bucket: "a", ops: "2000000" }, "e1"),
  oneEvent("ops", { bucket: "b", ops: "1000000" }, "e2"),
  oneEvent("ops", { bucket: "c", ops: "1000000" }, "e3"),
];

export const LINE_STEP_CASES: Readonly<Record<string, StepCase>> = {
  // 10 units at 1.00 = 10.00, raised to the line minimum 31.00
  line_limit: {
    contract: { charges: [unitCharge("use", "Use", "m", "1", { minimum: "31" })] },
    usage: [meteredEvent("e1", "10")],
    says: ["Raised to the line minimum of $31.00 (from $10.00).", "Line total $31.00."],
  },
  // every price × 0.5: 10 × 0.50 = 5.00
  override: {
    contract: { overrides: [{ id: "half", charge: "use", multiplier: "0.5" }] },
    usage: [meteredEvent("e1", "10")],
    says: ["Price changed by override half: every price and fee × 0.5.", "10 at $0.5000 = $5.00."],
  },
  // 2,500,000,000 bytes ÷ 10^9 = 2.5, minus 1 included = 1.5, rounded up = 2 GB × 0.10 = 0.20
  billable_quantity: {
    contract: {
      meters: [sumMeter("bytes", { valueProperty: "bytes" })],
      charges: [
        unitCharge("storage", "Storage", "bytes", "0.10", {
          transform: { divideBy: "1000000000", included: "1", round: "up", unit: "GB" },
        }),
      ],
    },
    usage: [oneEvent("bytes", { bytes: "2500000000" })],
    says: [
      "Billable quantity: 2,500,000,000 divided by 1,000,000,000, minus 1 included, rounded up = 2 GB.",
      "2 GB at $0.1000 = $0.20.",
    ],
  },
  // transform scope "charge": buckets a 2,000,000, b 1,000,000, c 1,000,000 = 4,000,000 ÷ 10^6 = 4 − 1
  // included = 3 → 3 × 4.50 = 13.50 = 1,350 cents; by usage 2 : 1 : 1 = 675, 337.5, 337.5, one cent left
  // to b (tied with c, the earlier id): b's line 3.38
  group_total: {
    contract: groupsAsOne,
    usage: groupsAsOneUsage,
    line: 'class_a[bucket="b"]',
    says: [
      "Rated as one with the charge's other groups: the 3 groups measured 4,000,000 from 3 events in all.",
    ],
  },
  group_share: {
    contract: groupsAsOne,
    usage: groupsAsOneUsage,
    line: 'class_a[bucket="b"]',
    says: [
      "3 at $4.5000 = $13.50.",
      "The charge's $13.50 is split over its groups in proportion to their usage, what rounding leaves over going to the largest remainders: this group's 1,000,000 of 4,000,000 is $3.38.",
      "Line total $3.38.",
    ],
  },
  // a pool of 5 units: use draws 5 of its 7, 2 billable × 1.00 = 2.00
  allowance: {
    contract: { allowances: [{ id: "free", name: "Free units", quantity: "5", charges: ["use"] }] },
    usage: [meteredEvent("e1", "7")],
    says: ["Drawn from shared allowance free: 5, all it had left; 2 billable.", "Line total $2.00."],
  },
  // the term starts on 10 March: 22 of March's 31 days, 1,900,800 of 2,678,400 seconds;
  // 310 × 1,900,800 ÷ 2,678,400 = 220.00
  proration: {
    contract: {
      term: { start: "2026-03-10" },
      meters: [],
      charges: [flatCharge("platform", "Platform", "310")],
    },
    usage: [],
    period: "2026-03",
    says: ["Prorated for 1,900,800 of 2,678,400 seconds: $310.00 × 1,900,800 ÷ 2,678,400 = $220.00."],
  },
  // 8 units added on 15 March, prorated: 8 × 17 ÷ 31 = 4.3870967… → 4.38710; volume tiers picked by the
  // full 8 (tier 2, $5 and a $50 flat fee): 50 + (8 × 5 + 50 − 50) × 4.3871 ÷ 8 = 50 + 21.9355 = 71.9355
  full_quantity_tiers: {
    contract: {
      meters: [PRORATED_UNITS_METER],
      charges: [fullQuantityTiersCharge("volume")],
    },
    usage: [
      { id: "u8", type: "unit", customer: "cus", timestamp: "2026-03-15T10:00:00Z", properties: { n: "8" } },
    ],
    period: "2026-03",
    says: [
      "Tiers reached by the full quantity, 8, and the prorated 4.3871 priced (Lago's prorated charges): the flat fees $50.00 stay whole, the rest is scaled: $50.00 + ($90.00 − $50.00) × 4.3871 ÷ 8 = $71.9355.",
    ],
  },
  // Flexprice's bucketed max: hourly peaks 9 and 15 through tiers 0–10 at 0.10, then 0.05, each hour on
  // its own: 9 × 0.10 = 0.90; 10 × 0.10 + 5 × 0.05 = 1.25; Σ 2.15
  window_pricing: {
    contract: {
      meters: [
        {
          id: "peak",
          eventType: "cache",
          aggregation: "sum",
          valueProperty: "gb",
          window: { size: "hour", aggregation: "max" },
        },
      ],
      charges: [
        {
          id: "cache",
          name: "Cache",
          meter: "peak",
          windows: { tiers: "each_window" },
          price: {
            model: "graduated",
            tiers: [
              { upTo: "10", unitPrice: "0.10" },
              { upTo: "20", unitPrice: "0.05" },
              { unitPrice: "0.02" },
            ],
          },
        },
      ],
    },
    usage: [
      {
        id: "c1",
        type: "cache",
        customer: "cus",
        timestamp: "2026-03-01T00:30:00Z",
        properties: { gb: "9" },
      },
      {
        id: "c2",
        type: "cache",
        customer: "cus",
        timestamp: "2026-03-01T01:30:00Z",
        properties: { gb: "15" },
      },
    ],
    period: "2026-03",
    says: [
      "Priced window by window, the tiers starting again in each window (Flexprice's bucketed pricing); 2 windows of 744 billed: from 2026-03-01T00:00:00.000Z, 9 → $0.90; from 2026-03-01T01:00:00.000Z, 15 → $1.25. Windows' sum: 24 for $2.15.",
    ],
  },
  // 5 seats set by the contract × 12.00 = 60.00
  contract_quantity: {
    contract: {
      meters: [],
      charges: [{ id: "seats", name: "Seats", quantity: "5", price: { model: "unit", unitPrice: "12" } }],
    },
    usage: [],
    says: ["Quantity 5, set by the contract (seats or licences), not measured.", "5 at $12.0000 = $60.00."],
  },
  // a trial until 15 March: March's fee is billed for the 17 days after it, 310 × 17 ÷ 31 = 170.00
  trial: {
    contract: {
      term: { start: "2026-03-01" },
      trial: { end: "2026-03-15" },
      meters: [],
      charges: [flatCharge("platform", "Platform", "310")],
    },
    usage: [],
    period: "2026-03",
    says: [
      "Free trial until 2026-03-15T00:00:00.000Z: only the time after it is billed.",
      "Prorated for 1,468,800 of 2,678,400 seconds: $310.00 × 1,468,800 ÷ 2,678,400 = $170.00.",
    ],
  },
  // March's 310.00 was billed in advance; from 21 March the fee is 620.00: the 11 unused days of the
  // old fee are credited, 310 × 11 ÷ 31 = 110.00
  unused_time: {
    contract: {
      meters: [],
      charges: [advanceFee("310")],
      amendments: [{ id: "upgrade", effective: "2026-03-21", charges: [advanceFee("620")] }],
    },
    usage: [],
    period: "2026-03",
    says: [
      "Credit for the unused time from 2026-03-21T00:00:00.000Z to 2026-04-01T00:00:00.000Z of the fee billed in advance: -$110.00.",
    ],
  },
  // As unused_time, with 10 % off the fee on February's closing invoice that billed March (Stripe's flexible
  // billing mode): the credit is 110.00 less 10 %, −99.00
  unused_time_discount: {
    contract: {
      meters: [],
      charges: [advanceFee("310")],
      discounts: [{ id: "launch", name: "Launch", percent: "10" }],
      amendments: [
        {
          id: "upgrade",
          effective: "2026-03-21",
          charges: [advanceFee("620")],
          creditBasis: "net_of_discount",
        },
      ],
    },
    usage: [],
    period: "2026-03",
    says: [
      "Net of discount launch, which took 10 % of the fee on the invoice that billed it: -$110.00 less that share is -$99.00.",
    ],
  },
  // spend 5.20 + 3.50 = 8.70 below the minimum 50.00: true-up 41.30
  commitment_true_up: {
    contract: {
      ...COMPUTE_AND_STORAGE,
      commitments: [{ id: "min50", name: "Monthly minimum", minimum: "50" }],
    },
    usage: computeAndStorageUsage("5.20", "3.50"),
    period: "2026-03",
    says: [
      "The committed minimum for the period is $50.00; spend came to $8.70, so the shortfall of $41.30 is billed.",
    ],
  },
  // spend 100 + 50 = 150, 50 above the minimum 100, billed at 1.5 times: 50 × 0.5 = 25.00 more
  commitment_overage: {
    contract: {
      ...COMPUTE_AND_STORAGE,
      commitments: [{ id: "commit", name: "Commit", minimum: "100", overageFactor: "1.5" }],
    },
    usage: computeAndStorageUsage("100", "50"),
    period: "2026-03",
    says: [
      "Spend of $150.00 is $50.00 above the committed minimum of $100.00; the excess is billed at 1.5 times its price, so the overage is $50.00 × (1.5 − 1) = $25.00.",
    ],
  },
  // 30 units by the 10th billed progressively (30.00); the period closes at 30 + 12 = 42 units = 42.00,
  // less the 30.00 billed = 12.00
  billed_earlier: {
    contract: { charges: [unitCharge("use", "Use", "m", "1")] },
    usage: [meteredEvent("e1", "30"), { ...meteredEvent("e2", "12"), timestamp: february("20") }],
    rate: (contract, usage, period) => {
      const first = rateProgressiveInvoice(contract, usage, period, "2026-02-10");
      return rateClosingInvoice(contract, usage, period, { earlier: [first] });
    },
    says: [
      "So far this period: 42 for $42.00; already billed on ctr_billed_earlier:2026-02-01:progressive-1: 30 for $30.00, taken off.",
      "Line total $12.00.",
    ],
  },
};
