import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Invoice } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { carriedFrom } from "../_support/carriedFrom.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";

// An independent oracle of prepaid and promotional credit grants over twelve monthly invoices
// (docs/contracts.md, steps 8 and 11), in plain BigInt: grants of money or of a custom unit (0 decimals,
// worth 0.003, 0.01, 0.25 or 1.5 USD), before or after tax, recurring or not (promotional), with
// priorities, effective and expiry dates (on the 1st or mid-month), cost bases, scoped to one or both of
// two charges or to every line, under each of the three burn orders; VAT 19 % per line or none. A burn
// is spread over the grant's lines by largest remainder on their current nets (ties to the earlier
// line). Each month carries only the previous invoice's balances, as `--balances previous.json` does.
// Nothing of ratecard is used but producing the invoices.

const MONTHS = Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, "0")}`);
const ORDERS = ["priority", "expiry", "narrowest"] as const;
type Order = (typeof ORDERS)[number];
const UNIT_VALUES = { "0.003": [3n, 1000n], "0.01": [1n, 100n], "0.25": [1n, 4n], "1.5": [3n, 2n] } as const;
type UnitValue = keyof typeof UNIT_VALUES;

const money = (value: bigint) => {
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
};
const halfEven = (n: bigint, d: bigint) => {
  const q = n / d;
  const r = n % d;
  return 2n * r > d || (2n * r === d && q % 2n === 1n) ? q + 1n : q;
};

interface Grant {
  readonly id: string;
  readonly kind: "promotional" | "at_purchase" | "at_use";
  readonly amount: bigint; // cents, or whole units of CREDIT
  readonly unitValue: UnitValue | undefined;
  readonly priority: number;
  readonly effective: string | undefined; // local date
  readonly expires: string | undefined;
  readonly costBasis: "0" | "0.5" | "0.8" | "1" | undefined; // prepaid only
  readonly charges: ReadonlyArray<Line> | undefined; // before tax only
  readonly recurring: boolean; // promotional only: granted afresh every period, never rolled over
}
const LINES = ["compute", "storage"] as const; // the invoice's lines, in order
type Line = (typeof LINES)[number];

const dateArb = fc
  .record({ month: fc.integer({ min: 0, max: 11 }), mid: fc.boolean() })
  .map(({ month, mid }) => ({ month, text: `${MONTHS[month]}-${mid ? "15" : "01"}` }));

const grantArb = (id: string): fc.Arbitrary<Grant> =>
  fc
    .record({
      kind: fc.constantFrom("promotional", "at_purchase", "at_use"),
      amount: fc.bigInt({ min: 1n, max: 60_000n }),
      unitValue: fc.option(fc.constantFrom(...(Object.keys(UNIT_VALUES) as UnitValue[])), { nil: undefined }),
      priority: fc.integer({ min: 0, max: 2 }),
      effective: fc.option(dateArb, { nil: undefined }),
      expiresAfter: fc.option(fc.record({ months: fc.integer({ min: 1, max: 8 }), mid: fc.boolean() }), {
        nil: undefined,
      }),
      costBasis: fc.constantFrom("0", "0.5", "0.8", "1", undefined),
      recurring: fc.boolean(),
      charges: fc.constantFrom<ReadonlyArray<Line> | undefined>(
        undefined,
        ["compute"],
        ["storage"],
        ["storage", "compute"],
      ),
    })
    .map((drawn) => {
      const from = drawn.effective?.month ?? 0;
      const until = drawn.expiresAfter === undefined ? undefined : from + drawn.expiresAfter.months;
      const expires =
        until === undefined
          ? undefined
          : until >= 12
            ? "2027-01-01"
            : `${MONTHS[until]}-${drawn.expiresAfter!.mid ? "15" : "01"}`;
      return {
        id,
        kind: drawn.kind,
        amount: drawn.amount,
        unitValue: drawn.unitValue,
        priority: drawn.priority,
        effective: drawn.effective?.text,
        expires,
        costBasis: drawn.kind === "promotional" ? undefined : drawn.costBasis,
        charges: drawn.kind === "at_use" ? undefined : drawn.charges,
        recurring: drawn.kind === "promotional" && drawn.recurring,
      } as Grant;
    });

const caseArb = fc.record({
  grants: fc
    .integer({ min: 1, max: 4 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => grantArb(`g${i}`)))),
  order: fc.constantFrom(...ORDERS),
  vat: fc.boolean(),
  spends: fc.array(
    fc.tuple(
      fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 40_000n })),
      fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 20_000n })),
    ),
    { minLength: 12, maxLength: 12 },
  ),
});

function contractOf(grants: ReadonlyArray<Grant>, order: Order, vat: boolean) {
  return buildContract({
    id: "ctr_wallet",
    customUnits: [{ code: "CREDIT", minorUnits: 0 }],
    creditBurnOrder: order,
    ...(vat ? { tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT 19%", percent: "19" }] } } : {}),
    meters: [sumMeter("compute"), sumMeter("storage")],
    charges: [unitCharge("compute", "Compute", "compute"), unitCharge("storage", "Storage", "storage")],
    credits: grants.map((grant) => ({
      id: grant.id,
      name: grant.id,
      kind: grant.kind === "promotional" ? "promotional" : "prepaid",
      ...(grant.kind === "promotional" ? {} : { taxed: grant.kind }),
      amount: grant.unitValue === undefined ? money(grant.amount) : String(grant.amount),
      ...(grant.unitValue === undefined ? {} : { unit: "CREDIT", unitValue: grant.unitValue }),
      priority: grant.priority,
      ...(grant.effective === undefined ? {} : { effective: grant.effective }),
      ...(grant.expires === undefined ? {} : { expires: grant.expires }),
      ...(grant.costBasis === undefined ? {} : { costBasis: grant.costBasis }),
      ...(grant.charges === undefined ? {} : { charges: grant.charges }),
      ...(grant.recurring ? { recurring: true } : {}),
    })) as never,
  });
}

// What one unit of value cost, as a fraction [cost, value] (promotional 0, prepaid at face value 1).
function costPerValue(grant: Grant): readonly [bigint, bigint] {
  if (grant.kind === "promotional") return [0n, 1n];
  const [vn, vd] = grant.unitValue === undefined ? [1n, 1n] : UNIT_VALUES[grant.unitValue];
  const cost = grant.costBasis ?? (grant.unitValue === undefined ? "1" : grant.unitValue);
  const [cn, cd] = cost.includes(".")
    ? [BigInt(cost.replace(".", "")), 10n ** BigInt(cost.split(".")[1]!.length)]
    : [BigInt(cost), 1n];
  // (cn / cd) ÷ (vn / vd)
  return [cn * vd, cd * vn];
}

// The order's keys, written again from docs/contracts.md ("Burn order").
function sortGrants(grants: ReadonlyArray<Grant>, order: Order): Grant[] {
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const expiry = (a: Grant, b: Grant) => text(a.expires ?? "9999", b.expires ?? "9999");
  const oldest = (a: Grant, b: Grant) => text(a.effective ?? "0000", b.effective ?? "0000");
  const priority = (a: Grant, b: Grant) => a.priority - b.priority;
  const cost = (a: Grant, b: Grant) => {
    const [an, ad] = costPerValue(a);
    const [bn, bd] = costPerValue(b);
    return Number(an * bd - bn * ad > 0n) - Number(an * bd - bn * ad < 0n);
  };
  const free = (a: Grant, b: Grant) => Number(costPerValue(a)[0] !== 0n) - Number(costPerValue(b)[0] !== 0n);
  const scopedFirst = (a: Grant, b: Grant) =>
    Number(a.charges === undefined) - Number(b.charges === undefined);
  const fewest = (a: Grant, b: Grant) => (a.charges?.length ?? 99) - (b.charges?.length ?? 99);
  const keys = {
    priority: [priority, expiry, oldest],
    expiry: [scopedFirst, expiry, cost, priority, oldest],
    narrowest: [priority, free, fewest, expiry, oldest],
  }[order];
  return [...grants].sort((a, b) => {
    for (const key of keys) if (key(a, b) !== 0) return key(a, b);
    return text(a.id, b.id);
  });
}

// A burn of a grant worth `balance` against `owed` cents: [money, units] (money rounded down, units up).
function burn(grant: Grant, balance: bigint, owed: bigint): readonly [bigint, bigint] {
  if (grant.unitValue === undefined) {
    const used = balance < owed ? balance : owed;
    return [used, used];
  }
  const [vn, vd] = UNIT_VALUES[grant.unitValue];
  const worth = (balance * vn * 100n) / vd; // floor, in cents
  const paid = worth < owed ? worth : owed;
  const units = (paid * vd + vn * 100n - 1n) / (vn * 100n); // ceil(paid ÷ unitValue)
  return [paid, units];
}

interface MonthExpected {
  readonly total: bigint;
  readonly due: bigint;
  readonly entries: ReadonlyMap<string, { before: bigint; applied: bigint; after: bigint }>;
}

// `amount` split over `weights` by largest remainder, equal remainders to the earlier weight.
function allocate(amount: bigint, weights: ReadonlyArray<bigint>): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (amount * w) / sum);
  let left = amount - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((w, index) => ({ remainder: (amount * w) % sum, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left === 0n) break;
    parts[index]! += 1n;
    left -= 1n;
  }
  return parts;
}

type Spends = ReadonlyArray<readonly [bigint, bigint]>;

function oracle(grants: ReadonlyArray<Grant>, order: Order, vat: boolean, spends: Spends) {
  const balances = new Map(grants.map((grant) => [grant.id, grant.amount]));
  const sorted = sortGrants(grants, order);
  return MONTHS.map((month, m): MonthExpected => {
    const start = `${month}-01`;
    const inForce = sorted.filter(
      (grant) => (grant.effective ?? "0000") <= start && start < (grant.expires ?? "9999"),
    );
    const entries = new Map<string, { before: bigint; applied: bigint; after: bigint }>();
    const use = (grant: Grant, owed: bigint) => {
      const before = grant.recurring ? grant.amount : balances.get(grant.id)!;
      const [paid, units] = burn(grant, before, owed);
      balances.set(grant.id, before - units);
      entries.set(grant.id, { before, applied: paid, after: before - units });
      return paid;
    };
    // before tax: each grant burns what its lines' nets allow, spread over them by their nets
    const nets = [...spends[m]!];
    for (const grant of inForce.filter((candidate) => candidate.kind !== "at_use")) {
      const reach = LINES.map((line) => grant.charges === undefined || grant.charges.includes(line));
      const weights = nets.map((net, i) => (reach[i] ? net : 0n));
      const paid = use(
        grant,
        weights.reduce((a, b) => a + b, 0n),
      );
      allocate(paid, weights).forEach((part, i) => {
        nets[i]! -= part;
      });
    }
    // tax per line on its net, then the credits taxed at use pay the total
    const total = nets.reduce((sum, net) => sum + net + (vat ? halfEven(net * 19n, 100n) : 0n), 0n);
    let due = total;
    for (const grant of inForce.filter((candidate) => candidate.kind === "at_use")) due -= use(grant, due);
    return { total, due, entries };
  });
}

function rateYear(grants: ReadonlyArray<Grant>, order: Order, vat: boolean, spends: Spends) {
  const contract = contractOf(grants, order, vat);
  const events = spends.flatMap(([compute, storage], m) => [
    usageEvent(`c${m}`, "compute", `${MONTHS[m]}-20T00:00:00Z`, { v: money(compute) }),
    usageEvent(`s${m}`, "storage", `${MONTHS[m]}-20T00:00:00Z`, { v: money(storage) }),
  ]);
  const invoices: Invoice[] = [];
  for (const month of MONTHS) {
    // each grant's balance after the previous invoice, as `--balances previous.json` reads it
    invoices.push(rateInvoice(contract, events, month, carriedFrom(invoices.at(-1))));
  }
  return invoices;
}

const balanceText = (grant: Grant, value: bigint) =>
  grant.unitValue === undefined ? money(value) : String(value);

describe("credit grants over a year, against a BigInt oracle", () => {
  it("burns each grant as the oracle does: in force by the invoice's start, in the contract's order, money down and units up", () => {
    fc.assert(
      fc.property(caseArb, ({ grants, order, vat, spends }) => {
        const invoices = rateYear(grants, order, vat, spends);
        const expected = oracle(grants, order, vat, spends);
        const used = new Map(grants.map((grant) => [grant.id, 0n]));
        invoices.forEach((invoice, m) => {
          const want = expected[m]!;
          const label = MONTHS[m];
          expect(invoice.total, label).toBe(money(want.total));
          expect(invoice.amountDue ?? invoice.total, label).toBe(money(want.due));
          // one entry per grant in force, none for a grant not yet effective or expired
          expect((invoice.credits ?? []).map((entry) => entry.id).sort(), label).toEqual(
            [...want.entries.keys()].sort(),
          );
          for (const entry of invoice.credits ?? []) {
            const grant = grants.find((candidate) => candidate.id === entry.id)!;
            const figures = want.entries.get(entry.id)!;
            expect(entry.balanceBefore, `${label} ${entry.id}`).toBe(balanceText(grant, figures.before));
            expect(entry.applied, `${label} ${entry.id}`).toBe(
              money(-figures.applied).replace(/^-0\.00$/, "0.00"),
            );
            expect(entry.balanceAfter, `${label} ${entry.id}`).toBe(balanceText(grant, figures.after));
            used.set(entry.id, used.get(entry.id)! + figures.before - figures.after);
          }
        });
        // over the year: units used + the balance left = the grant, never below zero (a recurring grant
        // is granted afresh each period: that holds per invoice, checked above)
        const last = expected.at(-1)!;
        for (const grant of grants.filter((candidate) => !candidate.recurring)) {
          const left = grant.amount - used.get(grant.id)!;
          expect(left >= 0n).toBe(true);
          if (last.entries.has(grant.id)) expect(last.entries.get(grant.id)!.after).toBe(left);
        }
      }),
      { numRuns: fuzzRuns(30) },
    );
  });
});
