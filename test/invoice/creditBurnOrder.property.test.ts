import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CREDIT_BURN_ORDERS, type CreditBurnOrder } from "../../src/contracts/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract } from "../_support/contract.js";
import { withoutDigests } from "../_support/withoutDigests.js";

// These tests rate grants that started before the invoice's period as if no earlier invoice had
// burned them: they say so (creditsStartFull), as a caller must.
const FRESH = { creditsStartFull: true } as const;

const CHARGES = ["c0", "c1", "c2"];

// A grant open in March 2026 (effective before, expiring after the 1st, or not at all).
const grantArb = fc.record({
  kind: fc.constantFrom("promotional", "at_purchase", "at_use"),
  amount: fc.integer({ min: 1, max: 50_000 }),
  priority: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  expires: fc.option(fc.constantFrom("2026-03-02", "2026-04-01", "2026-09-30"), { nil: undefined }),
  effective: fc.option(fc.constantFrom("2025-06-01", "2026-01-15", "2026-03-01"), { nil: undefined }),
  charges: fc.option(fc.subarray(CHARGES, { minLength: 1 }), { nil: undefined }),
  costBasis: fc.option(fc.constantFrom("0", "0.5", "0.85", "1", "1.2"), { nil: undefined }),
  credits: fc.boolean(),
});
type GrantSpec = typeof grantArb extends fc.Arbitrary<infer T> ? T : never;

function contractFor(specs: ReadonlyArray<GrantSpec>, ids: ReadonlyArray<string>, order: CreditBurnOrder) {
  return buildContract({
    customUnits: [{ code: "CREDIT", minorUnits: 0 }],
    meters: CHARGES.map((id) => ({ id, eventType: id, aggregation: "sum" as const, valueProperty: "v" })),
    charges: CHARGES.map((id) => ({
      id,
      name: id,
      meter: id,
      price: { model: "unit" as const, unitPrice: "1" },
    })),
    tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "10" }] },
    creditBurnOrder: order,
    credits: specs.map((spec, i) => ({
      id: ids[i]!,
      name: ids[i]!,
      kind: spec.kind === "promotional" ? ("promotional" as const) : ("prepaid" as const),
      ...(spec.kind === "promotional" ? {} : { taxed: spec.kind }),
      // a grant in CREDIT holds 100 × the units, each worth 0.01 USD
      amount: spec.credits ? String(spec.amount * 100) : (spec.amount / 100).toFixed(2),
      ...(spec.credits ? { unit: "CREDIT", unitValue: "0.01" } : {}),
      ...(spec.priority !== undefined ? { priority: spec.priority } : {}),
      ...(spec.expires !== undefined ? { expires: spec.expires } : {}),
      ...(spec.effective !== undefined ? { effective: spec.effective } : {}),
      ...(spec.charges !== undefined && spec.kind !== "at_use" ? { charges: spec.charges } : {}),
      ...(spec.costBasis !== undefined && spec.kind !== "promotional"
        ? { costBasis: spec.credits ? new Decimal(spec.costBasis).div(100).toString() : spec.costBasis }
        : {}),
    })),
  });
}

const usage = (values: ReadonlyArray<number>) =>
  values.map((cents, i) => ({
    id: `e${i}`,
    type: CHARGES[i]!,
    customer: "cus",
    timestamp: "2026-03-10T00:00:00Z",
    properties: { v: (cents / 100).toFixed(2) },
  }));

// The keys each order promises (docs/contracts.md, step 8), written out again independently of the
// code: a tuple per grant, compared element by element.
type Key = number | string | Decimal;
function keysOf(order: CreditBurnOrder, spec: GrantSpec, id: string): Key[] {
  const priority = spec.priority ?? 0;
  const expiry = spec.expires ?? "9999-12-31";
  const oldest = spec.effective ?? "0000-01-01";
  const charges = spec.kind === "at_use" ? undefined : spec.charges;
  // cost per 1.00 of value: promotional 0, otherwise the cost basis (per 1.00 or per 0.01-credit, the
  // same ratio by construction), or 1 at face value
  const cost = spec.kind === "promotional" ? new Decimal(0) : new Decimal(spec.costBasis ?? "1");
  if (order === "priority") return [priority, expiry, oldest, id];
  if (order === "expiry") return [charges === undefined ? 1 : 0, expiry, cost, priority, oldest, id];
  return [priority, cost.isZero() ? 0 : 1, charges?.length ?? 99, expiry, oldest, id];
}
function compareKeys(a: ReadonlyArray<Key>, b: ReadonlyArray<Key>): number {
  for (const [i, x] of a.entries()) {
    const y = b[i]!;
    const difference = x instanceof Decimal ? x.comparedTo(y as Decimal) : x < y ? -1 : x > y ? 1 : 0;
    if (difference !== 0) return difference;
  }
  return 0;
}

describe("credit burn order laws", () => {
  for (const order of CREDIT_BURN_ORDERS) {
    it(`"${order}": burns in that order's keys, and the contract's order of grants changes nothing`, () => {
      fc.assert(
        fc.property(
          fc.array(grantArb, { minLength: 1, maxLength: 5 }),
          fc.array(fc.integer({ min: 0, max: 80_000 }), { minLength: 3, maxLength: 3 }),
          fc.integer({ min: 0, max: 1_000 }),
          (specs, values, seed) => {
            const ids = specs.map((_, i) => `g${(i * 7 + 3) % 10}${i}`);
            const invoice = rateInvoice(contractFor(specs, ids, order), usage(values), "2026-03", FRESH);
            expect(invoice.creditBurnOrder).toBe(order);
            const byId = new Map(specs.map((spec, i) => [ids[i]!, spec]));
            // every open grant has an entry; within a stage, each is at or after the one before it
            for (const stage of ["before_tax", "after_tax"] as const) {
              const sequence = (invoice.credits ?? []).filter((credit) => credit.stage === stage);
              sequence.forEach((credit, at) => {
                if (at === 0) return;
                const previous = sequence[at - 1]!;
                const before = keysOf(order, byId.get(previous.id)!, previous.id);
                const after = keysOf(order, byId.get(credit.id)!, credit.id);
                expect(compareKeys(before, after)).toBeLessThan(0);
              });
            }
            expect(invoice.credits?.length).toBe(specs.length);
            // the same grants listed in another order: the same invoice, to the byte
            const shuffled = specs.map((spec, i) => ({ spec, id: ids[i]!, sortBy: (i * 31 + seed) % 17 }));
            shuffled.sort((a, b) => a.sortBy - b.sortBy || a.id.localeCompare(b.id));
            const again = rateInvoice(
              contractFor(
                shuffled.map((entry) => entry.spec),
                shuffled.map((entry) => entry.id),
                order,
              ),
              usage(values),
              "2026-03",
              FRESH,
            );
            expect(JSON.stringify(withoutDigests(again))).toBe(JSON.stringify(withoutDigests(invoice)));
          },
        ),
        { numRuns: 80 },
      );
    });
  }

  it("with grants on every charge, a later grant burns only once every grant before it in its stage is empty", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CREDIT_BURN_ORDERS),
        fc.array(
          grantArb.map((spec) => ({ ...spec, charges: undefined })),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(fc.integer({ min: 0, max: 80_000 }), { minLength: 3, maxLength: 3 }),
        (order, specs, values) => {
          const ids = specs.map((_, i) => `g${i}`);
          const invoice = rateInvoice(contractFor(specs, ids, order), usage(values), "2026-03", FRESH);
          for (const stage of ["before_tax", "after_tax"] as const) {
            const sequence = (invoice.credits ?? []).filter((credit) => credit.stage === stage);
            sequence.forEach((credit, at) => {
              if (at === 0 || new Decimal(credit.applied).isZero()) return;
              // the one before could not pay more: its balance is gone, or worth less than a cent
              const previous = sequence[at - 1]!;
              const left = new Decimal(previous.balanceAfter).times(previous.unitValue ?? "1");
              expect(left.lessThan("0.01")).toBe(true);
            });
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
