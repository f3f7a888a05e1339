// Rates N quantities through every price model, exact (ratecard) vs a naive float version of the
// same model written here, in the same run. The target: ≥ 200,000 exact ratings/s for a
// three-tier graduated price on one core.
import { Decimal, PRICE_MODELS, parseContract, ratePrice } from "../dist/index.js";
import { measure, table } from "./lib.mjs";

const d = (value) => new Decimal(value);
const SAMPLE = 1000;
const quantities = Array.from({ length: SAMPLE }, (_, i) => (i * 7919) % 120_000);
const exactQuantities = quantities.map((q) => d(q));
const transactions = Array.from({ length: 20 }, (_, i) => ((i * 37) % 500) + 0.5);
const exactTransactions = transactions.map((v) => d(v));

// Float helpers: the "obvious" implementations a script would use.
const floatTiers = (tiers, q) => {
  let amount = 0;
  let from = 0;
  for (const [upTo, price] of tiers) {
    const top = Math.min(q, upTo);
    if (top > from) amount += (top - from) * price;
    if (q <= upTo) break;
    from = upTo;
  }
  return amount;
};
const volumeOf = (tiers, q) => tiers.find(([upTo]) => q <= upTo);
const T3 = [
  [10_000, 0.08],
  [50_000, 0.06],
  [Number.POSITIVE_INFINITY, 0.04],
];
const tiers3 = [
  { upTo: d(10_000), unitPrice: d("0.08") },
  { upTo: d(50_000), unitPrice: d("0.06") },
  { unitPrice: d("0.04") },
];

const matrixTerms = parseContract({
  schemaVersion: 1,
  id: "bench",
  customer: { id: "c" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly" },
  term: { start: "2026-01-01" },
  meters: [{ id: "bw", eventType: "bw", aggregation: "sum", valueProperty: "gb" }],
  charges: [
    {
      id: "mx",
      name: "Matrix",
      meter: "bw",
      price: {
        model: "matrix",
        dimensions: ["region"],
        // Prices as decimal text: String(0.05 + 1 / 100) is "0.060000000000000005", which the
        // unit-price bound (15 decimals) refuses as the float artifact it is.
        cells: ["na", "eu", "apac", "latam"].map((region, i) => ({
          match: { region },
          price: { model: "unit", unitPrice: ["0.05", "0.06", "0.07", "0.08"][i] },
        })),
      },
    },
  ],
}).charges[0].price;
const regions = ["na", "eu", "apac", "latam"];
const floatMatrix = new Map(regions.map((region, i) => [region, 0.05 + i / 100]));

const CASES = [
  {
    name: "flat",
    exact: (i) => ratePrice({ model: "flat", amount: d(500) }, exactQuantities[i]).amount,
    float: () => 500,
  },
  {
    name: "unit",
    exact: (i) => ratePrice({ model: "unit", unitPrice: d("0.0000025") }, exactQuantities[i]).amount,
    float: (i) => quantities[i] * 0.0000025,
  },
  {
    name: "package",
    exact: (i) =>
      ratePrice({ model: "package", packageSize: d(10_000), packagePrice: d("0.0075") }, exactQuantities[i])
        .amount,
    float: (i) => Math.ceil(quantities[i] / 10_000) * 0.0075,
  },
  {
    name: "graduated (3 tiers)",
    exact: (i) => ratePrice({ model: "graduated", tiers: tiers3 }, exactQuantities[i]).amount,
    float: (i) => floatTiers(T3, quantities[i]),
  },
  {
    name: "volume (3 tiers)",
    exact: (i) => ratePrice({ model: "volume", tiers: tiers3 }, exactQuantities[i]).amount,
    float: (i) => quantities[i] * volumeOf(T3, quantities[i])[1],
  },
  {
    name: "tiered_package",
    exact: (i) =>
      ratePrice(
        {
          model: "tiered_package",
          mode: "graduated",
          tiers: [
            { upTo: d(10_000), packageSize: d(100), packagePrice: d(5) },
            { packageSize: d(1000), packagePrice: d(40) },
          ],
        },
        exactQuantities[i],
      ).amount,
    float: (i) => {
      const q = quantities[i];
      return Math.ceil(Math.min(q, 10_000) / 100) * 5 + Math.ceil(Math.max(0, q - 10_000) / 1000) * 40;
    },
  },
  {
    name: "percentage (20 tx)",
    exact: () =>
      ratePrice(
        {
          model: "percentage",
          percent: d("2.9"),
          fixedFee: d("0.30"),
          minimumPerEvent: d("0.5"),
          freeEvents: 2,
        },
        d(0),
        { eventValues: exactTransactions, meterQuantities: new Map() },
      ).amount,
    float: () => transactions.reduce((sum, v, i) => (i < 2 ? sum : sum + Math.max(0.5, v * 0.029 + 0.3)), 0),
  },
  {
    name: "graduated_percentage",
    exact: (i) =>
      ratePrice(
        {
          model: "graduated_percentage",
          tiers: [{ upTo: d(10_000), percent: d(2) }, { percent: d("1.5") }],
        },
        exactQuantities[i],
      ).amount,
    float: (i) =>
      floatTiers(
        [
          [10_000, 0.02],
          [Number.POSITIVE_INFINITY, 0.015],
        ],
        quantities[i],
      ),
  },
  {
    name: "threshold",
    exact: (i) =>
      ratePrice(
        {
          model: "threshold",
          bands: [
            { upTo: d(10_000), amount: d(49) },
            { upTo: d(50_000), amount: d(199) },
            { amount: d(499) },
          ],
        },
        exactQuantities[i],
      ).amount,
    float: (i) => (quantities[i] <= 10_000 ? 49 : quantities[i] <= 50_000 ? 199 : 499),
  },
  {
    name: "capacity",
    exact: (i) =>
      ratePrice(
        {
          model: "capacity",
          tiers: [{ limits: [{ meter: "bw", max: d(50_000) }], amount: d(20) }, { amount: d(150) }],
        },
        exactQuantities[i],
        { eventValues: [], meterQuantities: new Map([["bw", exactQuantities[i]]]) },
      ).amount,
    float: (i) => (quantities[i] <= 50_000 ? 20 : 150),
  },
  {
    name: "dynamic",
    exact: (i) => ratePrice({ model: "dynamic", multiplier: d("1.2") }, exactQuantities[i]).amount,
    float: (i) => quantities[i] * 1.2,
  },
  {
    name: "tiered_with_minimum",
    exact: (i) =>
      ratePrice(
        {
          model: "tiered_with_minimum",
          tiers: [
            { upTo: d(10_000), unitPrice: d("0.08"), minimum: d(100) },
            { unitPrice: d("0.06"), minimum: d(900) },
          ],
        },
        exactQuantities[i],
      ).amount,
    float: (i) => {
      const q = quantities[i];
      return Math.max(
        floatTiers(
          [
            [10_000, 0.08],
            [Number.POSITIVE_INFINITY, 0.06],
          ],
          q,
        ),
        q <= 10_000 ? 100 : 900,
      );
    },
  },
  {
    name: "matrix (4 cells)",
    exact: (i) =>
      ratePrice(
        PRICE_MODELS.matrix.grouping.priceFor(matrixTerms, { region: regions[i % 4] }),
        exactQuantities[i],
      ).amount,
    float: (i) => quantities[i] * floatMatrix.get(regions[i % 4]),
  },
];

/** Rates `count` quantities through every model; returns the rows of the table. */
export function benchPricing(count) {
  const rows = CASES.map(({ name, exact, float }) => ({
    name,
    subject: measure(
      `ratecard ${name}`,
      (n) => {
        let last;
        for (let i = 0; i < n; i += 1) last = exact(i % SAMPLE);
        return last;
      },
      count,
    ),
    baseline: measure(
      `float ${name}`,
      (n) => {
        let sum = 0;
        for (let i = 0; i < n; i += 1) sum += float(i % SAMPLE);
        return sum;
      },
      count,
    ),
  }));
  table(
    `Rating ${count.toLocaleString("en-US")} quantities per model (exact with steps vs naive float)`,
    rows,
  );
  return rows;
}
