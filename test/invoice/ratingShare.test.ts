import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  createRatingShare,
  Decimal,
  parseContract,
  prepareRating,
  RatecardError,
  rateFromAggregates,
} from "../../src/index.js";
import { fingerprint, sharedContract } from "../../src/invoice/ratingShare.js";
import { egressContractJson } from "../_support/egressContract.js";

const event = (customer: string, gb: string) => ({
  id: `${customer}_1`,
  type: "egress",
  customer,
  timestamp: "2026-02-03T10:00:00Z",
  properties: { gb },
});

// One customer's invoice for February 2026 from `gb` GB of egress, prepared with `options`.
function invoiceOf(contractJson: unknown, gb: string, options: Parameters<typeof prepareRating>[2] = {}) {
  const contract = parseContract(contractJson);
  const prepared = prepareRating(contract, "2026-02", options);
  return {
    prepared,
    invoice: rateFromAggregates(prepared, aggregateForRating(prepared, [event(contract.customer.id, gb)])),
  };
}

describe("prepareRating's share", () => {
  it("rates two customers of one plan against one copy of its meters and charges", () => {
    const share = createRatingShare();
    const a = invoiceOf(egressContractJson("cus_a"), "100", { share });
    const b = invoiceOf(egressContractJson("cus_b"), "20", { share });
    expect(b.prepared.contract.meters[0]).toBe(a.prepared.contract.meters[0]);
    expect(b.prepared.contract.charges[0]).toBe(a.prepared.contract.charges[0]);
    // Each keeps its own customer, id and digest: 100 × 0.05 = $5.00 for cus_a, 20 × 0.05 = $1.00 for cus_b.
    expect([b.prepared.contract.customer.id, b.prepared.contract.id]).toEqual(["cus_b", "ctr_cus_b"]);
    expect([a.invoice.total, b.invoice.total]).toEqual(["5.00", "1.00"]);
    expect(b.invoice.customer.id).toBe("cus_b");
  });

  it("shares a meter and charge already rated, which keep what rating derived from them out of sight", () => {
    // Rating keeps a compiled meter and each price's text on the contract's own objects (objectSlot.ts):
    // those are no part of the value, so a contract rated before it is prepared shares as a fresh one.
    const rated = parseContract(egressContractJson("cus_a"));
    const first = prepareRating(rated, "2026-02");
    rateFromAggregates(first, aggregateForRating(first, [event("cus_a", "100")]));
    expect(Reflect.ownKeys(rated.meters[0] as object).length).toBeGreaterThan(
      Object.keys(rated.meters[0] as object).length,
    );
    const share = createRatingShare();
    const a = prepareRating(rated, "2026-02", { share });
    const b = invoiceOf(egressContractJson("cus_b"), "20", { share });
    expect(b.prepared.contract.meters[0]).toBe(a.contract.meters[0]);
    expect(b.prepared.contract.charges[0]).toBe(a.contract.charges[0]);
    // 20 GB × $0.05 = $1.00
    expect(b.invoice.total).toBe("1.00");
  });

  it("gives the same invoice, byte for byte, as a preparation without a share", () => {
    const share = createRatingShare();
    invoiceOf(egressContractJson("cus_a"), "100", { share });
    const shared = invoiceOf(egressContractJson("cus_b"), "20", { share }).invoice;
    const alone = invoiceOf(egressContractJson("cus_b"), "20").invoice;
    expect(JSON.stringify(shared)).toBe(JSON.stringify(alone));
  });

  it("never gives a customer another plan's prices", () => {
    const share = createRatingShare();
    invoiceOf(egressContractJson("cus_a"), "100", { share });
    const dearer = egressContractJson("cus_b", "USD", {
      charges: [
        { id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.09" } },
      ],
    });
    const b = invoiceOf(dearer, "20", { share });
    // 20 GB × $0.09 = $1.80 (cus_a's price would make it $1.00); the meters are still shared.
    expect(b.invoice.total).toBe("1.80");
    expect(b.prepared.contract.charges[0]?.price).toMatchObject({ unitPrice: new Decimal("0.09") });
  });

  it("leaves a contract without a share as it is", () => {
    const contract = parseContract(egressContractJson("cus_a"));
    expect(prepareRating(contract, "2026-02").contract).toBe(contract);
    // The first contract a share sees is kept as it is too: nothing to replace yet.
    expect(prepareRating(contract, "2026-02", { share: createRatingShare() }).contract).toBe(contract);
  });

  it("refuses a share createRatingShare did not make", () => {
    const contract = parseContract(egressContractJson("cus_a"));
    for (const share of [
      new Map(),
      {},
      null,
      "share",
      { parts: {} },
      Object.assign(() => {}, { parts: new Map() }),
    ]) {
      const refused = (() => {
        try {
          prepareRating(contract, "2026-02", { share: share as never });
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(refused).toBeInstanceOf(RatecardError);
      expect(refused).toMatchObject({ code: "invalid_argument", path: "options.share" });
    }
  });
});

describe("sharedContract", () => {
  it("replaces only the parts that are equal, each on its own", () => {
    const share = createRatingShare();
    const first = parseContract(egressContractJson("cus_a"));
    expect(sharedContract(first, share)).toBe(first);
    const other = parseContract(
      egressContractJson("cus_b", "USD", {
        charges: [
          { id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.09" } },
        ],
      }),
    );
    const shared = sharedContract(other, share);
    expect(shared.meters[0]).toBe(first.meters[0]);
    expect(shared.charges).toBe(other.charges);
    expect(shared.customer).toBe(other.customer);
    // The contract given is never edited: the shared one is a copy.
    expect(other.meters[0]).not.toBe(first.meters[0]);
    // A third customer on the dearer plan shares the dearer charges, not the first ones.
    const third = sharedContract(
      parseContract(
        egressContractJson("cus_c", "USD", {
          charges: [
            { id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.09" } },
          ],
        }),
      ),
      share,
    );
    expect(third.charges[0]).toBe(other.charges[0]);
  });

  it("shares a list item by item: a plan that differs in one charge shares the others", () => {
    const share = createRatingShare();
    const flat = { id: "base", name: "Base fee", price: { model: "flat", amount: "10" } };
    const egress = (unitPrice: string) => ({
      id: "egress",
      name: "Egress",
      meter: "egress",
      price: { model: "unit", unitPrice },
    });
    const first = sharedContract(
      parseContract(egressContractJson("cus_a", "USD", { charges: [flat, egress("0.05")] })),
      share,
    );
    const other = parseContract(egressContractJson("cus_b", "USD", { charges: [flat, egress("0.09")] }));
    const shared = sharedContract(other, share);
    expect(shared.charges[0]).toBe(first.charges[0]);
    expect(shared.charges[1]).toBe(other.charges[1]);
    expect(shared.charges).not.toBe(other.charges);
    // The contract's own list is left as it was.
    expect(other.charges[0]).not.toBe(first.charges[0]);
  });

  it("keeps a part it cannot fingerprint as it is, and not for later contracts", () => {
    const share = createRatingShare();
    const contract = parseContract(egressContractJson("cus_a"));
    const odd = { ...contract, tax: new Map() } as unknown as typeof contract;
    expect(sharedContract(odd, share)).toBe(odd);
    const other = { ...contract, tax: new Map() } as unknown as typeof contract;
    expect(sharedContract(other, share).tax).toBe(other.tax);
    expect(share.parts.size).toBe(2); // the meter and the charge, nothing for the maps
  });

  it("never makes two items of one list the same object", () => {
    const share = createRatingShare();
    const contract = parseContract(egressContractJson("cus_a"));
    const meter = contract.meters[0]!;
    // Two equal meters (a list as parsed never has them: it is sharing that must not make them one).
    const twice = { ...contract, meters: [meter, { ...meter }] };
    const first = sharedContract(twice, share);
    expect(first.meters[0]).not.toBe(first.meters[1]);
    const again = sharedContract({ ...contract, meters: [{ ...meter }, { ...meter }] }, share);
    expect(again.meters[0]).toBe(meter);
    expect(again.meters[1]).not.toBe(meter);
    expect(again.meters[0]).not.toBe(again.meters[1]);
  });
});

describe("fingerprint", () => {
  it("writes each kind of value with its own mark", () => {
    expect(fingerprint({ a: [1, "x", true, false, null, undefined] })).toBe(
      '{"a":[n1,"x",true,false,null,undefined]}',
    );
    expect(fingerprint(new Decimal("0.050"))).toBe("d+0.05");
    expect(fingerprint(new Decimal("-2"))).toBe("d--2");
    expect(fingerprint({ a: 1, 'b"': ["x", -0] })).toBe('{"a":n1,"b\\"":["x",n-0]}');
    expect(fingerprint([])).toBe("[]");
    expect(fingerprint({})).toBe("{}");
  });

  it("tells apart values that rating could tell apart", () => {
    const differ: Array<[unknown, unknown]> = [
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ], // key order: what Object.keys and loops see
      [{ a: undefined }, {}], // a member set to undefined, and none
      [0, -0],
      [new Decimal("0"), new Decimal("-0")], // decimal.js writes both "0"
      ["1", 1],
      [new Decimal("1"), 1],
      [new Decimal("1"), "1"],
      [[1, 2], { 0: 1, 1: 2 }],
      [["a,b"], ["a", "b"]],
      [{ "a:b": 1 }, { a: "b:1" }],
      [null, undefined],
      [true, "true"],
    ];
    for (const [a, b] of differ) expect(fingerprint(a)).not.toBe(fingerprint(b));
  });

  it("shares nothing it cannot read in full", () => {
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    const withExtra = Object.assign([1], { note: "x" });
    const hidden = Object.defineProperty({ a: 1 }, "b", { value: 2, enumerable: false });
    const refused: unknown[] = [
      new Map([["a", 1]]),
      new Set([1]),
      new Date(0),
      () => 1,
      Symbol("s"),
      1n,
      sparse,
      withExtra,
      hidden,
      { [Symbol("s")]: 1 },
      Object.create(null),
      { nested: [{ deep: new Map() }] },
      [new Set()],
      { decimal: new (Decimal.clone({ precision: 10 }))(1) },
    ];
    for (const value of refused) expect(fingerprint(value)).toBeUndefined();
  });

  it("gives equal values one text", () => {
    expect(fingerprint({ price: { unitPrice: new Decimal("0.050") }, tiers: [1, 2] })).toBe(
      fingerprint({ price: { unitPrice: new Decimal("0.05") }, tiers: [1, 2] }),
    );
  });
});
