import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { focusRows } from "../../src/export/index.js";
import { type Invoice, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, type ChargeInput, type ContractOverrides, usageEvent } from "../_support/contract.js";
import { fuzzRuns, fuzzTimeout } from "../_support/fuzzRuns.js";
import { unitsOfText } from "../_support/invoiceOracle.js";

// The whole adjustment chain of docs/contracts.md, steps 1–11, against an oracle written here in whole
// minor units (BigInt), with no ratecard code: lines rounded once, line discounts then invoice discounts
// (percentages first, then fixed amounts, each in contract order), an invoice-wide minimum (a true-up
// line) or maximum (a cap spread over the lines), promotional credits in priority order (then id), and
// exclusive or inclusive tax rounded per line or per invoice, maybe with a rate that changes on a day of
// the period; discounts may be in force from or until a day (pro rata). Every spread is proportional with largest
// remainders, ties to the earlier line ("How amounts are spread over lines"). The charges are fees of a
// fixed quantity (prorated on a partial period) or metered usage (one event, never prorated) at a unit
// price with four decimals, so each line rounds; metered charges may share an allowance pool.

type Mode = "half_even" | "half_up" | "half_down" | "up" | "down" | "ceiling" | "floor";

interface Commitment {
  readonly minimum?: number | undefined;
  readonly maximum?: number | undefined;
  readonly overage100?: number | undefined;
  readonly charges?: ReadonlyArray<number> | undefined;
}

interface Pool {
  /** Thousandths of a unit, free per billing period (never prorated). */
  readonly quantity1000: number;
  /** Metered charges, in the order they draw. */
  readonly charges: ReadonlyArray<number>;
}

interface Case {
  readonly pool?: Pool | undefined;
  /** The day of March 2026 the term starts (UTC): from the 2nd on, a partial first period. */
  readonly startDay: number;
  readonly minorUnits: 0 | 2 | 3;
  readonly mode: Mode;
  /**
   * Per charge: the quantity in thousandths (a fee's is whole) and the unit price in ten-thousandths of
   * the currency; a metered charge bills one event of that quantity.
   */
  readonly charges: ReadonlyArray<{
    readonly quantity1000: number;
    readonly metered: boolean;
    readonly price4: number;
    /** The line's own minimum and maximum per billing period, in ten-thousandths of the currency. */
    readonly minimum4?: number | undefined;
    readonly maximum4?: number | undefined;
  }>;
  /**
   * A percent in tenths (125 is 12.5 %) or a fixed amount in minor units; charge indexes or all; maybe in
   * force only from or until a day of March (a local date, midnight UTC), so pro rata.
   */
  readonly discounts: ReadonlyArray<{
    readonly percent10?: number | undefined;
    readonly fixed?: number | undefined;
    readonly charges?: ReadonlyArray<number> | undefined;
    readonly dated?: { readonly day: number; readonly side: "from" | "until" } | undefined;
  }>;
  /** A minimum and/or maximum, on some charges or all; with a minimum, maybe an overage factor in hundredths. */
  readonly commitment?: Commitment | undefined;
  /**
   * Beside a commitment on some charges, one on the whole invoice (listed first when `wideFirst`): the
   * narrower runs first and its true-up or overage line is spend of the wider (docs/contracts.md,
   * "Order of commitments").
   */
  readonly wide?: (Commitment & { readonly wideFirst: boolean }) | undefined;
  readonly credits: ReadonlyArray<{
    /** Minor units of the currency, or whole CREDIT for a grant with a unit value. */
    readonly amount: number;
    readonly priority: number;
    readonly charges?: ReadonlyArray<number> | undefined;
    /** What one CREDIT (a custom unit of 0 decimals) pays, in millionths of the currency. */
    readonly unitValue6?: number | undefined;
    /** The days after 1 April 2026 it expires on (it is in force in March either way). */
    readonly expiresIn?: number | undefined;
    /** A prepaid grant taxed at purchase, with what one unit cost in hundredths (face value when absent). */
    readonly prepaid?: { readonly costBasis100?: number | undefined } | undefined;
  }>;
  readonly burnOrder: "priority" | "expiry" | "narrowest";
  /** A `"credit": true` flat charge of minus this many minor units, the last line; none when undefined. */
  readonly refund?: number | undefined;
  /** Prepaid grants taxed at use: they pay the total after tax (step 11), in priority order, then id. */
  readonly wallets: ReadonlyArray<{ readonly amount: number; readonly priority: number }>;
  readonly tax?:
    | {
        readonly mode: "exclusive" | "inclusive";
        readonly rounding: "per_line" | "per_invoice";
        readonly percent10: number;
        /** A second rate on some charges only. */
        readonly levy?: { readonly percent10: number; readonly charges: ReadonlyArray<number> } | undefined;
        /**
         * The first rate ends on this day of March and a rate of `percent10` starts it (docs/tax.md, "Rates
         * that change on a date"): each line's period is cut there, each part taxed at its own rate.
         */
        readonly change?: { readonly day: number; readonly percent10: number } | undefined;
      }
    | undefined;
}

// ---- the oracle ---------------------------------------------------------------------------------

// numerator ÷ denominator (denominator > 0) rounded to a whole number in the mode, as decimal.js's
// modes are defined: up/down away from/towards zero, ceiling/floor towards ±∞, the half modes to the
// nearest whole number with ties away from zero (half_up), towards zero (half_down) or to even.
function roundQuotient(numerator: bigint, denominator: bigint, mode: Mode): bigint {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const floor = magnitude / denominator;
  const rest = magnitude % denominator;
  const awayFromZero = (() => {
    if (rest === 0n) return false;
    if (mode === "up") return true;
    if (mode === "down") return false;
    if (mode === "ceiling") return !negative;
    if (mode === "floor") return negative;
    const twice = 2n * rest;
    if (twice !== denominator) return twice > denominator;
    return mode === "half_up" || (mode === "half_even" && floor % 2n === 1n);
  })();
  const rounded = awayFromZero ? floor + 1n : floor;
  return negative ? -rounded : rounded;
}

// `amount` spread over the lines `eligible` in proportion to `nets`, largest remainder, ties to the
// earlier line; only lines with a positive net take a part.
function spread(amount: bigint, nets: bigint[], eligible: ReadonlyArray<number>): Map<number, bigint> {
  const weighted = eligible.filter((line) => (nets[line] as bigint) > 0n);
  const total = weighted.reduce((sum, line) => sum + (nets[line] as bigint), 0n);
  const parts = new Map<number, bigint>();
  if (amount === 0n || total === 0n) return parts;
  let left = amount;
  const remainders: Array<{ line: number; remainder: bigint }> = [];
  for (const line of weighted) {
    const exact = amount * (nets[line] as bigint);
    parts.set(line, exact / total);
    left -= exact / total;
    remainders.push({ line, remainder: exact % total });
  }
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.line - b.line : a.remainder > b.remainder ? -1 : 1,
  );
  for (let k = 0; left > 0n; k += 1, left -= 1n) {
    const { line } = remainders[k] as { line: number };
    parts.set(line, (parts.get(line) as bigint) + 1n);
  }
  return parts;
}

function take(nets: bigint[], parts: Map<number, bigint>): void {
  for (const [line, part] of parts) nets[line] = (nets[line] as bigint) - part;
}

interface Expected {
  /** Each line's net by line id: `c0`…, `refund`, and the commitments' lines (`floor`, `wide`). */
  readonly nets: ReadonlyMap<string, bigint>;
  readonly tax: bigint;
  readonly total: bigint;
  readonly amountDue: bigint;
  /** Per grant id, what it paid (minor units) and its balance after (minor units, or CREDIT). */
  readonly grants: ReadonlyMap<string, { readonly applied: bigint; readonly after: bigint }>;
}

function oracle(c: Case): Expected {
  const scale = 10n ** BigInt(c.minorUnits);
  // A term from day d of March bills d … 31 March: (32 − d) of its 31 days (UTC, so seconds and days
  // agree). Fees, minimums, maximums and fixed discounts scale by it and round once; percentages and
  // grants do not (docs/contracts.md, "Proration of minimums, commitments and fixed amounts").
  const [elapsed, days] = [BigInt(32 - c.startDay), 31n];
  const prorated = (units: number) => roundQuotient(BigInt(units) * elapsed, days, c.mode);
  // What each metered line draws from the pool: the charges in the pool's order, min(quantity, left).
  const drawn = new Map<number, number>();
  let left = c.pool?.quantity1000 ?? 0;
  for (const charge of c.pool?.charges ?? []) {
    const take = Math.min((c.charges[charge] as Case["charges"][number]).quantity1000, left);
    drawn.set(charge, take);
    left -= take;
  }
  // Each line exact over 1000 × 10⁴ × 31: (quantity − drawn) × price, × elapsed for a fee, × 31 for
  // usage (never prorated); raised to its minimum or lowered to its maximum (both prorated, exact);
  // then rounded once (docs/pricing.md, "minimum and maximum per line"; docs/contracts.md, "Allowance
  // pools").
  const over = 1000n * 10_000n * days;
  const nets = c.charges.map((charge, index) => {
    const limit = (units: number | undefined) =>
      units === undefined ? undefined : BigInt(units) * scale * elapsed * 1000n;
    const billable = BigInt(charge.quantity1000 - (drawn.get(index) ?? 0));
    let exact = billable * BigInt(charge.price4) * scale * (charge.metered ? days : elapsed);
    const [least, most] = [limit(charge.minimum4), limit(charge.maximum4)];
    if (least !== undefined && exact < least) exact = least;
    if (most !== undefined && exact > most) exact = most;
    return roundQuotient(exact, over, c.mode);
  });
  // Lines of the contract's ordinary charges: a credit charge's line is never discounted, capped or
  // burned, and is no commitment spend (docs/contracts.md, "Decisions taken", 7).
  const all = c.charges.map((_, index) => index);
  const sumOf = (lines: bigint[], eligible: ReadonlyArray<number>) =>
    eligible.reduce((sum, line) => sum + (lines[line] as bigint), 0n);
  // A discount dated from or until a day is in force on [from, until) of the period, `inForce` of its
  // days: a percentage is scaled by inForce ÷ the period's days, a fixed amount (per billing period) by
  // inForce ÷ 31, each multiplied out and rounded once; one whose dates miss the period does not apply
  // (docs/contracts.md, "A discount in force for part of the period").
  const discount = (d: Case["discounts"][number]) => {
    const from = Math.max(c.startDay, d.dated?.side === "from" ? d.dated.day : 0);
    const until = d.dated?.side === "until" ? d.dated.day : 32;
    if (until <= from) return;
    const inForce = BigInt(until - from);
    const eligible = d.charges ?? all;
    const base = sumOf(nets, eligible);
    // Each take is rounded as the negative figure taken off (ceiling takes less, floor more;
    // docs/concepts.md#rounding), so its size is −round(−exact).
    const fixed = -roundQuotient(-BigInt(d.fixed ?? 0) * inForce, days, c.mode);
    const amount =
      d.percent10 !== undefined
        ? -roundQuotient(-base * BigInt(d.percent10) * inForce, 1000n * elapsed, c.mode)
        : fixed < base
          ? fixed
          : base;
    take(nets, spread(amount, nets, eligible));
  };
  for (const scoped of [true, false]) {
    const step = c.discounts.filter((d) => (d.charges !== undefined) === scoped);
    for (const d of step.filter((d) => d.percent10 !== undefined)) discount(d);
    for (const d of step.filter((d) => d.percent10 === undefined)) discount(d);
  }
  // the line order: the charges', the credit charge's (contract order), then a true-up or overage line
  const lines = [...nets];
  // the negative fee scales before it rounds: floor takes −0.967 to −1, ceiling to 0
  if (c.refund !== undefined) lines.push(prorated(-c.refund));
  const lineIds = [...all.map(chargeId), ...(c.refund === undefined ? [] : ["refund"])];
  // A commitment's true-up (below its minimum) or overage line (above it, with a factor: the excess ×
  // (factor − 1), rounded once), then its cap over its scope, the overage line included.
  const commit = (id: string, terms: Commitment, scope: ReadonlyArray<number>): number | undefined => {
    const minimum = terms.minimum === undefined ? undefined : prorated(terms.minimum);
    const maximum = terms.maximum === undefined ? undefined : prorated(terms.maximum);
    const spend = sumOf(lines, scope);
    let added: bigint | undefined;
    let overageLine = false;
    if (minimum !== undefined && spend < minimum) added = minimum - spend;
    else if (minimum !== undefined && terms.overage100 !== undefined) {
      const overage = roundQuotient((spend - minimum) * BigInt(terms.overage100 - 100), 100n, c.mode);
      if (overage > 0n) [added, overageLine] = [overage, true];
    }
    const line = added === undefined ? undefined : lines.push(added) - 1;
    if (line !== undefined) lineIds.push(id);
    const capped = overageLine ? [...scope, line as number] : scope;
    const capSpend = sumOf(lines, capped);
    if (maximum !== undefined && capSpend > maximum) take(lines, spread(capSpend - maximum, lines, capped));
    return line;
  };
  const commitmentLines: number[] = [];
  if (c.commitment !== undefined) {
    const narrow = commit("floor", c.commitment, c.commitment.charges ?? all);
    if (narrow !== undefined) commitmentLines.push(narrow);
  }
  if (c.wide !== undefined) {
    const wide = commit("wide", c.wide, [...all, ...commitmentLines]);
    if (wide !== undefined) commitmentLines.push(wide);
  }
  const burnable = [...all, ...commitmentLines];
  // Wallets (prepaid, taxed at use) name no charges, expiry or cost basis: in every burn order they go by
  // priority, then id.
  const byPriority = <T extends { readonly priority: number }>(list: ReadonlyArray<T>) =>
    [...list.entries()].sort(([a, x], [b, y]) => x.priority - y.priority || a - b).map(([, item]) => item);
  // the total after tax of these nets (steps 9–10): a grant before tax stops where it reaches zero
  const totalOf = (after: bigint[]) => {
    const net = after.reduce((sum, line) => sum + line, 0n);
    const tax = c.tax === undefined ? 0n : taxOf(c, c.tax, after, commitmentLines);
    return c.tax?.mode === "exclusive" ? net + tax : net;
  };
  const grants = new Map<string, { applied: bigint; after: bigint }>();
  const ids = new Map(c.credits.map((credit, index) => [credit, `g${index}`]));
  for (const credit of inBurnOrder(c.credits, c.burnOrder)) {
    const eligible = credit.charges ?? burnable;
    // never more than the invoice is above zero: the credit charge's line lowers it (docs/contracts.md, step 8)
    const above = lines.reduce((sum, line) => sum + line, 0n);
    const scoped = sumOf(lines, eligible);
    const open = above <= 0n ? 0n : above < scoped ? above : scoped;
    // a grant in CREDIT is worth balance × value rounded down to minor units (docs/contracts.md, "Grants
    // in a unit of their own")
    const worth =
      credit.unitValue6 === undefined
        ? BigInt(credit.amount)
        : (BigInt(credit.amount) * BigInt(credit.unitValue6) * scale) / 1_000_000n;
    const burn = largestAtOrAboveZero(worth < open ? worth : open, (draw) => {
      const after = [...lines];
      take(after, spread(draw, after, eligible));
      return totalOf(after);
    });
    take(lines, spread(burn, lines, eligible));
    // the CREDIT a burn uses: money ÷ value rounded up, never more than the balance
    const perUnit = BigInt(credit.unitValue6 ?? 0) * scale;
    const used = credit.unitValue6 === undefined ? burn : (burn * 1_000_000n + perUnit - 1n) / perUnit;
    const units = used < BigInt(credit.amount) ? used : BigInt(credit.amount);
    grants.set(ids.get(credit) as string, { applied: burn, after: BigInt(credit.amount) - units });
  }
  const tax = c.tax === undefined ? 0n : taxOf(c, c.tax, lines, commitmentLines);
  const total = totalOf(lines);
  // a negative total is not due: what the wallets pay starts from 0 (docs/diff-and-reconcile.md; Stripe's
  // amount_due is never below 0 either)
  let due = total < 0n ? 0n : total;
  const walletIds = new Map(c.wallets.map((wallet, index) => [wallet, `w${index}`]));
  for (const wallet of byPriority(c.wallets)) {
    const paid = due <= 0n ? 0n : BigInt(wallet.amount) < due ? BigInt(wallet.amount) : due;
    due -= paid;
    grants.set(walletIds.get(wallet) as string, { applied: paid, after: BigInt(wallet.amount) - paid });
  }
  const byId = new Map(lines.map((net, line) => [lineIds[line] as string, net]));
  return { nets: byId, tax, total, amountDue: due, grants };
}

// The most a grant before tax draws, at most `most`: all of it when the total after that draw is at or
// above zero; else the largest draw whose total is (nothing when even no draw leaves it above zero),
// found by halving, as the total falls (by steps) with the draw (docs/contracts.md, step 8).
function largestAtOrAboveZero(most: bigint, totalAfter: (draw: bigint) => bigint): bigint {
  if (most === 0n || totalAfter(most) >= 0n) return most;
  if (totalAfter(0n) <= 0n) return 0n;
  let [enough, tooMuch] = [0n, most];
  while (tooMuch - enough > 1n) {
    const middle = (enough + tooMuch) / 2n;
    if (totalAfter(middle) < 0n) tooMuch = middle;
    else enough = middle;
  }
  return enough;
}

type Grant = Case["credits"][number];

// The grants before tax in the contract's burn order (docs/contracts.md, "Burn order"): the first key
// that tells two apart decides, the id (here the index) last. No grant has an `effective` date, so
// "oldest" never decides.
function inBurnOrder(grants: ReadonlyArray<Grant>, order: Case["burnOrder"]): Grant[] {
  const never = Number.MAX_SAFE_INTEGER;
  const priority = (g: Grant) => g.priority;
  const expiry = (g: Grant) => g.expiresIn ?? never;
  const scoped = (g: Grant) => (g.charges === undefined ? 1 : 0);
  const fewest = (g: Grant) => g.charges?.length ?? never;
  const free = (g: Grant) => (g.prepaid === undefined || g.prepaid.costBasis100 === 0 ? 0 : 1);
  const keys: Record<Case["burnOrder"], Array<(a: Grant, b: Grant) => number>> = {
    priority: [by(priority), by(expiry)],
    expiry: [by(scoped), by(expiry), byCost, by(priority)],
    narrowest: [by(priority), by(free), by(fewest), by(expiry)],
  };
  return [...grants.entries()]
    .sort(([a, x], [b, y]) => {
      for (const key of keys[order]) {
        const sign = key(x, y);
        if (sign !== 0) return sign;
      }
      return a - b;
    })
    .map(([, grant]) => grant);
}

function by(key: (g: Grant) => number): (a: Grant, b: Grant) => number {
  return (a, b) => key(a) - key(b);
}

// What 1.00 of the grant cost: 0 promotional; a prepaid one its cost basis ÷ what one unit is worth (1
// for money, the unit value for CREDIT), or 1 without a cost basis (bought at face value, whatever its
// unit). Compared as fractions.
function byCost(a: Grant, b: Grant): number {
  const cost = (g: Grant): [bigint, bigint] => {
    if (g.prepaid === undefined) return [0n, 1n];
    if (g.prepaid.costBasis100 === undefined) return [1n, 1n];
    const basis = BigInt(g.prepaid.costBasis100);
    return g.unitValue6 === undefined ? [basis, 100n] : [basis * 10_000n, BigInt(g.unitValue6)];
  };
  const [[an, ad], [bn, bd]] = [cost(a), cost(b)];
  return an * bd === bn * ad ? 0 : an * bd < bn * ad ? -1 : 1;
}

// Each rate's tax: exclusive net × p ÷ 100; inclusive gross × p ÷ (100 + P), P the sum of the rates on
// that line. With a rate that changes on a day, each line's period (the invoice's, from the term's start
// to 1 April) is cut there: each part pays the rates in force on it in proportion to its days (inclusive:
// P those of the part). Rounded per line, or summed exactly per rate and rounded once (docs/tax.md).
function taxOf(
  c: Case,
  tax: NonNullable<Case["tax"]>,
  lines: bigint[],
  commitmentLines: ReadonlyArray<number>,
): bigint {
  const vat = { percent10: tax.percent10, on: (_: number) => true };
  const rates = [vat];
  const levy = tax.levy;
  if (levy !== undefined)
    rates.push({ percent10: levy.percent10, on: (line) => levy.charges.includes(line) });
  const change = tax.change;
  const after = change === undefined ? undefined : { percent10: change.percent10, on: vat.on };
  if (after !== undefined) rates.push(after);
  // the days of the period before the change and from it (the period is 32 − startDay days of March)
  const period = BigInt(32 - c.startDay);
  const before = change === undefined ? period : BigInt(Math.max(0, Math.min(32, change.day) - c.startDay));
  const parts = [
    { days: before, rates: rates.filter((rate) => rate !== after) },
    { days: period - before, rates: rates.filter((rate) => rate !== vat) },
  ].filter((part) => part.days > 0n);
  // true-up and overage lines pay only the rates on every charge
  const applies = (rate: (typeof rates)[number], line: number) =>
    rate.on(line) && (!commitmentLines.includes(line) || rate.on === vat.on);
  let total = 0n;
  for (const rate of rates) {
    // the exact tax of each line as numerator / denominator (tenths of a percent, days of the period)
    const fractions = lines.flatMap((amount, line) => {
      if (!applies(rate, line)) return [];
      const shares = parts
        .filter((part) => part.rates.includes(rate))
        .map((part) => {
          const all10 = part.rates
            .filter((other) => applies(other, line))
            .reduce((sum, other) => sum + BigInt(other.percent10), 0n);
          const over = tax.mode === "exclusive" ? 1000n : 1000n + all10;
          return { numerator: amount * BigInt(rate.percent10) * part.days, over: over * period };
        });
      return shares.length === 0 ? [] : [sumFractions(shares)];
    });
    if (tax.rounding === "per_line") {
      for (const part of fractions) total += roundQuotient(part.numerator, part.over, c.mode);
    } else {
      const sum = sumFractions(fractions);
      total += roundQuotient(sum.numerator, sum.over, c.mode);
    }
  }
  return total;
}

// Fractions added exactly over the product of their denominators (0 over 1 for none).
function sumFractions(parts: ReadonlyArray<{ readonly numerator: bigint; readonly over: bigint }>): {
  numerator: bigint;
  over: bigint;
} {
  const over = parts.reduce((product, part) => product * part.over, 1n);
  const numerator = parts.reduce((sum, part) => sum + part.numerator * (over / part.over), 0n);
  return { numerator, over };
}

// ---- the contract the case describes -------------------------------------------------------------

const CURRENCY = { 0: "JPY", 2: "USD", 3: "BHD" } as const;

function decimal(units: bigint | number, decimals: number): string {
  const value = BigInt(units);
  const sign = value < 0n ? "-" : "";
  const digits = (value < 0n ? -value : value).toString().padStart(decimals + 1, "0");
  return decimals === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

const chargeId = (index: number) => `c${index}`;

// A day of March 2026 as a local date ("2026-03-07").
const marchDay = (day: number) => `2026-03-${String(day).padStart(2, "0")}`;

// 1 April 2026 plus `days`, as a local date ("2026-05-07").
function dateAfterApril(days: number): string {
  return new Date(Date.UTC(2026, 3, 1 + days)).toISOString().slice(0, 10);
}

function contractOf(c: Case): ContractOverrides {
  const money = (units: number) => decimal(units, c.minorUnits);
  const ids = (list: ReadonlyArray<number> | undefined) =>
    list === undefined ? {} : { charges: list.map(chargeId) };
  const charges: ChargeInput[] = c.charges.map((charge, index) => ({
    id: chargeId(index),
    name: `Charge ${index}`,
    ...(charge.metered ? { meter: `m${index}` } : { quantity: decimal(charge.quantity1000, 3) }),
    price: { model: "unit", unitPrice: decimal(charge.price4, 4) },
    ...(charge.minimum4 === undefined ? {} : { minimum: decimal(charge.minimum4, 4) }),
    ...(charge.maximum4 === undefined ? {} : { maximum: decimal(charge.maximum4, 4) }),
  }));
  if (c.refund !== undefined)
    charges.push({
      id: "refund",
      name: "Refund",
      credit: true,
      price: { model: "flat", amount: money(-c.refund) },
    });
  return {
    currency: CURRENCY[c.minorUnits],
    rounding: { mode: c.mode },
    customUnits: [{ code: "CREDIT", minorUnits: 0 }],
    creditBurnOrder: c.burnOrder,
    // the term starts with the invoice, so each grant starts full there
    term: { start: marchDay(c.startDay) },
    meters: c.charges.flatMap((charge, index) =>
      charge.metered
        ? [{ id: `m${index}`, eventType: `t${index}`, aggregation: "sum", valueProperty: "v" }]
        : [],
    ),
    ...(c.pool === undefined
      ? {}
      : {
          allowances: [
            {
              id: "pool",
              name: "Pool",
              quantity: decimal(c.pool.quantity1000, 3),
              charges: c.pool.charges.map(chargeId),
            },
          ],
        }),
    charges,
    discounts: c.discounts.map((d, index) => ({
      id: `d${index}`,
      name: `Discount ${index}`,
      ...(d.percent10 !== undefined ? { percent: decimal(d.percent10, 1) } : { amount: money(d.fixed ?? 0) }),
      ...ids(d.charges),
      ...(d.dated === undefined ? {} : { [d.dated.side]: marchDay(d.dated.day) }),
    })),
    commitments: commitmentsOf(c, money, ids),
    credits: c.credits
      .map((credit, index) => ({
        id: `g${index}`,
        name: `Grant ${index}`,
        ...(credit.prepaid === undefined
          ? { kind: "promotional" as const }
          : {
              kind: "prepaid" as const,
              taxed: "at_purchase",
              ...(credit.prepaid.costBasis100 === undefined
                ? {}
                : { costBasis: decimal(credit.prepaid.costBasis100, 2) }),
            }),
        ...(credit.expiresIn === undefined ? {} : { expires: dateAfterApril(credit.expiresIn) }),
        priority: credit.priority,
        ...ids(credit.charges),
        ...(credit.unitValue6 === undefined
          ? { amount: money(credit.amount) }
          : { amount: String(credit.amount), unit: "CREDIT", unitValue: decimal(credit.unitValue6, 6) }),
      }))
      .concat(
        c.wallets.map((wallet, index) => ({
          id: `w${index}`,
          name: `Wallet ${index}`,
          kind: "prepaid" as const,
          taxed: "at_use",
          amount: money(wallet.amount),
          priority: wallet.priority,
        })) as never[],
      ),
    ...(c.tax === undefined
      ? {}
      : {
          tax: {
            mode: c.tax.mode,
            rounding: c.tax.rounding,
            rates: [
              {
                id: "vat",
                name: "VAT",
                percent: decimal(c.tax.percent10, 1),
                ...(c.tax.change === undefined ? {} : { until: marchDay(c.tax.change.day) }),
              },
              ...(c.tax.change === undefined
                ? []
                : [
                    {
                      id: "vat_new",
                      name: "VAT from a date",
                      percent: decimal(c.tax.change.percent10, 1),
                      from: marchDay(c.tax.change.day),
                    },
                  ]),
              ...(c.tax.levy === undefined
                ? []
                : [
                    {
                      id: "levy",
                      name: "Levy",
                      percent: decimal(c.tax.levy.percent10, 1),
                      ...ids(c.tax.levy.charges),
                    },
                  ]),
            ],
          },
        }),
  } as ContractOverrides;
}

// One event per metered charge, on the last day of March (inside every period the cases start).
function eventsOf(c: Case) {
  return c.charges.flatMap((charge, index) =>
    charge.metered
      ? [usageEvent(`e${index}`, `t${index}`, "2026-03-31T12:00:00Z", { v: decimal(charge.quantity1000, 3) })]
      : [],
  );
}

function commitmentsOf(
  c: Case,
  money: (units: number) => string,
  ids: (list: ReadonlyArray<number> | undefined) => { charges?: string[] },
) {
  const written = (id: string, terms: Commitment) => ({
    id,
    name: id === "wide" ? "Invoice commitment" : "Commitment",
    ...(terms.minimum === undefined ? {} : { minimum: money(terms.minimum) }),
    ...(terms.maximum === undefined ? {} : { maximum: money(terms.maximum) }),
    ...(terms.overage100 === undefined ? {} : { overageFactor: decimal(terms.overage100, 2) }),
    ...ids(terms.charges),
  });
  const narrow = c.commitment === undefined ? [] : [written("floor", c.commitment)];
  if (c.wide === undefined) return narrow;
  const wide = written("wide", c.wide);
  return c.wide.wideFirst ? [wide, ...narrow] : [...narrow, wide];
}

// ---- the cases ----------------------------------------------------------------------------------

// A minimum and/or a maximum (the smaller one the minimum), with a minimum maybe an overage factor.
function commitmentArb(
  positive: fc.Arbitrary<number>,
  charges: fc.Arbitrary<ReadonlyArray<number> | undefined>,
): fc.Arbitrary<Commitment> {
  return fc
    .record({
      minimum: fc.option(positive, { nil: undefined }),
      maximum: fc.option(positive, { nil: undefined }),
      overage100: fc.option(fc.integer({ min: 101, max: 300 }), { nil: undefined }),
      charges,
    })
    .map(({ minimum, maximum, overage100, charges }) => ({
      ...(minimum !== undefined && maximum !== undefined && minimum > maximum
        ? { minimum: maximum, maximum: minimum }
        : { minimum, maximum }),
      overage100: minimum === undefined ? undefined : overage100,
      charges,
    }))
    .filter(({ minimum, maximum }) => minimum !== undefined || maximum !== undefined);
}

// A pool over some metered charges, in an order of its own.
function poolArb(charges: ReadonlyArray<{ readonly metered: boolean }>): fc.Arbitrary<Pool | undefined> {
  const metered = charges.flatMap((charge, index) => (charge.metered ? [index] : []));
  if (metered.length === 0) return fc.constant(undefined);
  return fc.record({
    quantity1000: fc.integer({ min: 0, max: 60_000 }),
    charges: fc.shuffledSubarray(metered, { minLength: 1 }),
  });
}

// From or until a day of March: a discount in force for part of the period (or none of it).
const dated = fc.option(
  fc.record({
    day: fc.integer({ min: 2, max: 31 }),
    side: fc.constantFrom("from" as const, "until" as const),
  }),
  { nil: undefined },
);

const someCharges = (count: number) =>
  fc.option(fc.uniqueArray(fc.nat({ max: count - 1 }), { minLength: 1, maxLength: count }), {
    nil: undefined,
  });

const cases: fc.Arbitrary<Case> = fc
  .record({
    startDay: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 31 })),
    minorUnits: fc.constantFrom(0 as const, 2 as const, 3 as const),
    mode: fc.constantFrom<Mode>("half_even", "half_up", "half_down", "up", "down", "ceiling", "floor"),
    charges: fc.array(
      fc
        .record({
          quantity: fc.integer({ min: 1, max: 40 }),
          metered: fc.boolean(),
          fraction: fc.integer({ min: 0, max: 999 }),
          price4: fc.integer({ min: 0, max: 2_000_000 }),
          limits: fc.tuple(
            fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: undefined }),
            fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: undefined }),
          ),
        })
        // the smaller limit is the minimum (a maximum below the minimum is refused)
        // a fee's quantity is whole; usage has up to three decimals
        .map(({ quantity, metered, fraction, price4, limits: [a, b] }) => ({
          quantity1000: quantity * 1000 + (metered ? fraction : 0),
          metered,
          price4,
          ...(a !== undefined && b !== undefined
            ? { minimum4: Math.min(a, b), maximum4: Math.max(a, b) }
            : { minimum4: a, maximum4: b }),
        })),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .chain((base) => {
    const count = base.charges.length;
    // a grant or a fixed discount of nothing is refused by the contract's schema
    const positive = fc.integer({ min: 1, max: 5_000 * 10 ** base.minorUnits });
    return fc.record({
      startDay: fc.constant(base.startDay),
      minorUnits: fc.constant(base.minorUnits),
      mode: fc.constant(base.mode),
      charges: fc.constant(base.charges),
      discounts: fc.array(
        fc.oneof(
          fc.record({ percent10: fc.integer({ min: 1, max: 1000 }), charges: someCharges(count), dated }),
          fc.record({ fixed: positive, charges: someCharges(count), dated }),
        ),
        { maxLength: 3 },
      ),
      commitment: fc.option(commitmentArb(positive, someCharges(count)), { nil: undefined }),
      wide: fc.option(
        fc
          .tuple(commitmentArb(positive, fc.constant(undefined)), fc.boolean())
          .map(([terms, wideFirst]) => ({ ...terms, wideFirst })),
        { nil: undefined },
      ),
      credits: fc.array(
        fc.record({
          amount: positive,
          priority: fc.integer({ min: 0, max: 2 }),
          charges: someCharges(count),
          unitValue6: fc.option(fc.integer({ min: 1, max: 2_000_000 }), { nil: undefined }),
          expiresIn: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
          prepaid: fc.option(
            fc.record({ costBasis100: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }) }),
            { nil: undefined },
          ),
        }),
        { maxLength: 3 },
      ),
      pool: fc.option(poolArb(base.charges), { nil: undefined }),
      burnOrder: fc.constantFrom("priority" as const, "expiry" as const, "narrowest" as const),
      refund: fc.option(positive, { nil: undefined }),
      wallets: fc.array(fc.record({ amount: positive, priority: fc.integer({ min: 0, max: 2 }) }), {
        maxLength: 2,
      }),
      tax: fc.option(
        fc.record({
          mode: fc.constantFrom("exclusive" as const, "inclusive" as const),
          rounding: fc.constantFrom("per_line" as const, "per_invoice" as const),
          percent10: fc.integer({ min: 0, max: 300 }),
          levy: fc.option(
            fc.record({
              percent10: fc.integer({ min: 1, max: 100 }),
              charges: fc.uniqueArray(fc.nat({ max: count - 1 }), { minLength: 1, maxLength: count }),
            }),
            { nil: undefined },
          ),
          change: fc.option(
            fc.record({ day: fc.integer({ min: 2, max: 31 }), percent10: fc.integer({ min: 0, max: 300 }) }),
            { nil: undefined },
          ),
        }),
        { nil: undefined },
      ),
    });
  })
  // an invoice-wide commitment beside one on some charges only: two on the whole invoice are not nested
  .map((c) => (c.commitment?.charges === undefined ? { ...c, wide: undefined } : c));

const netOf = (line: Invoice["lines"][number]) => line.net ?? line.amount;

// The figures an explanation states, read back as plain decimals ("-$1,234.50" → "-1234.50", "BHD 1.500"
// → "1.500"): "Total …", "Amount due …" and "Net … + tax … = …, the total".
function amountsInWords(text: string) {
  const amount = String.raw`(-?)(?:\$|¥|BHD )([\d,]+(?:\.\d+)?)`;
  const plain = (match: RegExpMatchArray, at: number) => `${match[at]}${match[at + 1]!.replaceAll(",", "")}`;
  const total = text.match(new RegExp(`^Total ${amount}\\.$`, "m"));
  const due = text.match(new RegExp(`^Amount due ${amount}\\.$`, "m"));
  const inclusive = text.match(
    new RegExp(`^Net ${amount} \\+ tax ${amount} = ${amount}, the total\\.$`, "m"),
  );
  return {
    total: total === null ? undefined : plain(total, 1),
    amountDue: due === null ? undefined : plain(due, 1),
    inclusive: inclusive === null ? undefined : [1, 3, 5].map((at) => plain(inclusive, at)),
  };
}

// The case's invoice as ratecard rates it, the oracle's figures, and how they are written.
function ratedAndExpected(c: Case) {
  return {
    invoice: rateInvoice(buildContract(contractOf(c)), eventsOf(c), "2026-03"),
    expected: oracle(c),
    cents: (units: bigint) => decimal(units, c.minorUnits),
  };
}

describe("the adjustment chain against an oracle in whole minor units (docs/contracts.md steps 1–11)", () => {
  it("every line's net, the true-up, the tax and the total are the oracle's", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { invoice, expected, cents } = ratedAndExpected(c);
        expect(Object.fromEntries(invoice.lines.map((line) => [line.id, netOf(line)]))).toEqual(
          Object.fromEntries([...expected.nets].map(([id, net]) => [id, cents(net)])),
        );
        expect(invoice.tax?.total ?? cents(0n)).toBe(cents(expected.tax));
        expect(invoice.total).toBe(cents(expected.total));
        const units = (id: string) =>
          id.startsWith("g") && c.credits[Number(id.slice(1))]?.unitValue6 !== undefined ? 0 : c.minorUnits;
        expect(
          Object.fromEntries(
            (invoice.credits ?? []).map((entry) => [entry.id, [entry.applied, entry.balanceAfter]]),
          ),
        ).toEqual(
          Object.fromEntries(
            [...expected.grants].map(([id, grant]) => [
              id,
              [decimal(-grant.applied, c.minorUnits), decimal(grant.after, units(id))],
            ]),
          ),
        );
        expect(invoice.amountDue).toBe(c.wallets.length === 0 ? undefined : cents(expected.amountDue));
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 400) },
    );
  });

  it("the FOCUS rows and the explanation state the oracle's total, tax and amount due", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { invoice, expected, cents } = ratedAndExpected(c);
        // FOCUS rows (lines less their inclusive tax, credits, one Tax row a rate) bill what is due, exactly
        const rows = focusRows(invoice, { provider: "Oracle" });
        const billed = rows.reduce(
          (sum, row) => sum + unitsOfText(row.BilledCost ?? "NaN", c.minorUnits),
          0n,
        );
        expect(cents(billed)).toBe(cents(c.wallets.length === 0 ? expected.total : expected.amountDue));
        // The explanation says the same figures in words: the total, the amount due, and with inclusive
        // tax the net and the tax adding up to the total
        const words = amountsInWords(explainText(invoice));
        expect(words.total).toBe(cents(expected.total));
        expect(words.amountDue).toBe(c.wallets.length === 0 ? undefined : cents(expected.amountDue));
        expect(words.inclusive).toEqual(
          c.tax?.mode === "inclusive"
            ? [cents(expected.total - expected.tax), cents(expected.tax), cents(expected.total)]
            : undefined,
        );
      }),
      { numRuns: fuzzRuns(100) },
    );
  });
});
