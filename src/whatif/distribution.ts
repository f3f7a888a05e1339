import { Decimal } from "../money/index.js";
import { percentChange, percentText } from "./percentChange.js";
import type { WhatIfRow } from "./whatIf.js";

/** One customer in the ranking of who is hit hardest. */
export interface RankedChange {
  readonly customer: string;
  readonly currency: string;
  readonly change: string;
  /** Absent when the customer paid 0 before (ranked after every customer with a percent). */
  readonly percent?: string;
}

/** A bar of the histogram: the customers whose percent change falls in it. */
export interface ChangeBucket {
  /**
   * In words: "0 to +5 %" (0 excluded), "+5 % to +10 %" (+5 included, +10 excluded), "0 %" (exactly no
   * change), "+20 % or more", the same with "-" for decreases, and "no base (before 0)".
   */
  readonly label: string;
  readonly customers: number;
}

/** A quantile of the percent changes, by the nearest-rank method (no interpolation). */
export interface ChangeQuantile {
  /** "min", "p10", "p25", "median", "p75", "p90" or "max". */
  readonly name: string;
  /** The percent of the customer at that rank, as printed in the rows (2 decimals, half-even). */
  readonly percent: string;
  readonly customer: string;
}

/**
 * The distribution of the changes over the customer base, in percent (so it mixes currencies without
 * adding any amount): who is hit hardest, quantiles and a histogram (docs/what-if.md).
 */
export interface ChangeDistribution {
  /** Every customer, the largest percent increase first; ties by customer name; no base last, by change. */
  readonly ranking: ReadonlyArray<RankedChange>;
  /** Over the customers with a percent; empty when none has one. */
  readonly quantiles: ReadonlyArray<ChangeQuantile>;
  /** Every bucket, in order, even the empty ones; the counts add up to the number of customers. */
  readonly histogram: ReadonlyArray<ChangeBucket>;
}

// The quantiles reported, as a share of the customers in percent (0 = the smallest).
const QUANTILES: ReadonlyArray<readonly [string, number]> = [
  ["min", 0],
  ["p10", 10],
  ["p25", 25],
  ["median", 50],
  ["p75", 75],
  ["p90", 90],
  ["max", 100],
];

// The histogram's edges in percent: symmetric around 0, each bucket including the edge nearer 0
// ([5, 10) up, (−10, −5] down), so a change of exactly +5 % is in "+5 % to +10 %".
const EDGES = [5, 10, 20] as const;

interface Ranked {
  readonly row: WhatIfRow;
  readonly exact: Decimal | undefined;
}

/** The distribution of the rows' changes: ranking, quantiles, histogram. */
export function distributionOf(rows: ReadonlyArray<WhatIfRow>): ChangeDistribution {
  const ranked = rows
    .map((row) => ({ row, exact: percentChange(row.before, row.change) }))
    .sort(hardestFirst);
  const withPercent = ranked.filter((item): item is Ranked & { exact: Decimal } => item.exact !== undefined);
  return {
    ranking: ranked.map(({ row, exact }) => ({
      customer: row.customer,
      currency: row.currency.code,
      change: row.change,
      ...(exact === undefined ? {} : { percent: percentText(exact) }),
    })),
    quantiles: quantilesOf([...withPercent].reverse()),
    histogram: histogramOf(ranked),
  };
}

// Largest percent first; customers without a percent after them, largest change first (amounts of one
// currency only compare meaningfully, but the order must still be total and fixed); then by name.
function hardestFirst(a: Ranked, b: Ranked): number {
  if (a.exact !== undefined && b.exact !== undefined) {
    const order = b.exact.comparedTo(a.exact);
    if (order !== 0) return order;
  } else if (a.exact !== undefined || b.exact !== undefined) return a.exact === undefined ? 1 : -1;
  else {
    const order = new Decimal(b.row.change).comparedTo(a.row.change);
    if (order !== 0) return order;
  }
  return a.row.customer < b.row.customer ? -1 : a.row.customer > b.row.customer ? 1 : 0;
}

// Nearest rank over the percents in increasing order: the q-th quantile of n values is the value at
// rank ⌈q × n / 100⌉ (1-based), and the minimum for q = 0.
function quantilesOf(increasing: ReadonlyArray<Ranked & { exact: Decimal }>): ChangeQuantile[] {
  const n = increasing.length;
  if (n === 0) return [];
  return QUANTILES.map(([name, q]) => {
    const rank = Math.max(1, Math.ceil((q * n) / 100));
    const { row, exact } = increasing[rank - 1] as Ranked & { exact: Decimal };
    return { name, percent: percentText(exact), customer: row.customer };
  });
}

function histogramOf(ranked: ReadonlyArray<Ranked>): ChangeBucket[] {
  const labels = bucketLabels();
  const counts = new Map(labels.map((label) => [label, 0]));
  for (const { exact } of ranked) {
    const label = bucketOf(exact);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return labels.map((label) => ({ label, customers: counts.get(label) ?? 0 }));
}

// The labels from the largest decrease to the largest increase, then the customers without a base.
function bucketLabels(): string[] {
  const top = EDGES[EDGES.length - 1];
  const up = [
    ...EDGES.map((edge, at) => (at === 0 ? `0 to +${edge} %` : `+${EDGES[at - 1]} % to +${edge} %`)),
    `+${top} % or more`,
  ];
  const down = [
    ...EDGES.map((edge, at) => (at === 0 ? `0 to -${edge} %` : `-${EDGES[at - 1]} % to -${edge} %`)),
    `-${top} % or more`,
  ];
  return [...down.reverse(), "0 %", ...up, NO_BASE];
}

const NO_BASE = "no base (before 0)";

function bucketOf(exact: Decimal | undefined): string {
  if (exact === undefined) return NO_BASE;
  if (exact.isZero()) return "0 %";
  const sign = exact.isNegative() ? "-" : "+";
  const size = exact.abs();
  const at = EDGES.findIndex((edge) => size.lessThan(edge));
  if (at === -1) return `${sign}${EDGES[EDGES.length - 1]} % or more`;
  return at === 0 ? `0 to ${sign}${EDGES[0]} %` : `${sign}${EDGES[at - 1]} % to ${sign}${EDGES[at]} %`;
}
