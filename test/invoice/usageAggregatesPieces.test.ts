import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  mergeUsageAggregates,
  prepareRating,
  RatecardError,
  rateFromAggregates,
  rateInvoice,
} from "../../src/index.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";

// Usage aggregates of a period an amendment cuts into pieces (docs/scale.md, "pieces"): one set of
// states per piece, in time order, so each piece rates at its own price. Compute is 1.00 a unit until
// 17 March, 2.00 from then (the amendment), as in test/invoice/amendments.test.ts.
const contract = buildContract({
  id: "ctr_amend",
  meters: [sumMeter("cpu")],
  charges: [unitCharge("compute", "Compute", "cpu")],
  amendments: [
    {
      id: "raise",
      effective: "2026-03-17",
      charges: [{ id: "compute", name: "Compute", meter: "cpu", price: { model: "unit", unitPrice: "2" } }],
    },
  ],
});
const plain = buildContract({
  id: "ctr_amend",
  meters: [sumMeter("cpu")],
  charges: [unitCharge("compute", "Compute", "cpu")],
});
const event = (id: string, day: number, v: string) => ({
  id,
  type: "cpu",
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties: { v },
});
// 5 + 2 units before the 17th, 3 + 4 from it
const events = [event("a", 10, "5"), event("b", 12, "2"), event("c", 20, "3"), event("d", 25, "4")];
const prepared = prepareRating(contract, "2026-03");
const uncut = prepareRating(plain, "2026-03");

const lines = (invoice: ReturnType<typeof rateInvoice>) =>
  invoice.lines.map((line) => [line.id, line.quantity, line.amount]);

function refusal(run: () => unknown): { code: string; path: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof RatecardError)
      return { code: error.code, path: error.path ?? "", message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("usage aggregates of a period cut into pieces by an amendment", () => {
  const aggregates = () => aggregateForRating(prepared, events);

  it("keeps one set of states per piece, each holding only its piece's events", () => {
    // 1–16 March: 5 + 2 = 7 units from 2 events; 17–31 March: 3 + 4 = 7 units from 2 events
    expect(aggregates().pieces?.map((piece) => piece.meters)).toEqual([
      [{ meter: "cpu", total: { sum: "7", events: 2 } }],
      [{ meter: "cpu", total: { sum: "7", events: 2 } }],
    ]);
    expect(aggregates().whole.meters).toEqual([{ meter: "cpu", total: { sum: "14", events: 4 } }]);
  });

  it("has no pieces for a period no amendment cuts", () => {
    expect("pieces" in aggregateForRating(uncut, events)).toBe(false);
  });

  it("rates each piece at its own price, as rateInvoice does, byte for byte", () => {
    const invoice = rateFromAggregates(prepared, aggregates());
    // 7 × 1.00 = 7.00 before the 17th; 7 × 2.00 = 14.00 from it; 21.00 in all
    expect(lines(invoice)).toEqual([
      ["compute@2026-03-01", "7", "7.00"],
      ["compute@2026-03-17", "7", "14.00"],
    ]);
    expect(invoice.total).toBe("21.00");
    expect(JSON.stringify(invoice)).toBe(JSON.stringify(rateInvoice(contract, events, "2026-03")));
  });

  it("merges shards piece by piece", () => {
    const shard = (index: number) => aggregateForRating(prepared, events, { shard: { index, count: 2 } });
    const merged = mergeUsageAggregates(prepared, shard(0), shard(1));
    expect(merged).toEqual({ ...aggregates(), shards: { count: 2, indices: [0, 1] } });
    expect(lines(rateFromAggregates(prepared, merged))).toEqual(
      lines(rateFromAggregates(prepared, aggregates())),
    );
  });

  it("refuses a piece's malformed state at its path, in rating and in merging", () => {
    const [first, second] = aggregates().pieces ?? [];
    const broken = {
      ...aggregates(),
      pieces: [first, { ...second, meters: [{ meter: "cpu", total: { sum: "lots", events: 2 } }] }],
    };
    expect(refusal(() => rateFromAggregates(prepared, broken))).toMatchObject({
      code: "invalid_field",
      path: "pieces[1].meters[0].total.sum",
    });
    const half = (index: number) => ({ ...broken, shards: { count: 2, indices: [index] } });
    expect(refusal(() => mergeUsageAggregates(prepared, half(0), half(1))).path).toBe(
      "a.pieces[1].meters[0].total.sum",
    );
    // only the second of the two merged is broken: the path names b
    const good = { ...aggregates(), shards: { count: 2, indices: [0] } };
    expect(refusal(() => mergeUsageAggregates(prepared, good, half(1)))).toMatchObject({
      code: "invalid_field",
      path: "b.pieces[1].meters[0].total.sum",
    });
  });

  it("refuses aggregates without pieces for a cut period, and pieces for an uncut one, in a sentence", () => {
    const { pieces: _pieces, ...whole } = aggregates();
    expect(refusal(() => rateFromAggregates(prepared, whole))).toEqual({
      code: "aggregates_mismatch",
      path: "pieces",
      message:
        "The usage aggregates were made for a period no amendment cuts, but this rating is for a period cut into 2 pieces by amendments; aggregate the usage again for this contract and period.",
    });
    expect(
      refusal(() => mergeUsageAggregates(uncut, aggregateForRating(uncut, events), aggregates())),
    ).toEqual({
      code: "aggregates_mismatch",
      path: "b.pieces",
      message:
        "The usage aggregates were made for a period cut into 2 pieces by amendments, but this rating is for a period no amendment cuts; aggregate the usage again for this contract and period.",
    });
  });
});

describe("usage aggregates made for another rating: the sentence and the path", () => {
  const aggregates = aggregateForRating(uncut, events);
  const again = "; aggregate the usage again for this contract and period.";

  it("names the customer", () => {
    expect(
      refusal(() => mergeUsageAggregates(uncut, aggregates, { ...aggregates, customer: "cus_other" })),
    ).toEqual({
      code: "aggregates_mismatch",
      path: "b.customer",
      message: `The usage aggregates were made for customer "cus_other", but this rating is for "cus"${again}`,
    });
  });

  it("names the period, whichever end differs", () => {
    const wanted = "2026-03-01T00:00:00.000Z to 2026-04-01T00:00:00.000Z";
    for (const [start, end] of [
      ["2026-02-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
      ["2026-03-01T00:00:00.000Z", "2026-03-31T00:00:00.000Z"],
    ] as const)
      expect(refusal(() => rateFromAggregates(uncut, { ...aggregates, period: { start, end } }))).toEqual({
        code: "aggregates_mismatch",
        path: "period",
        message: `The usage aggregates were made for the period ${start} to ${end}, but this rating is for ${wanted}${again}`,
      });
  });

  it("names the daily setting, either way", () => {
    const daily = prepareRating(plain, "2026-03", { daily: true });
    expect(refusal(() => rateFromAggregates(daily, aggregates))).toEqual({
      code: "aggregates_mismatch",
      path: "daily",
      message: `The usage aggregates were made for daily quantities not kept, but this rating is for kept${again}`,
    });
    expect(refusal(() => rateFromAggregates(uncut, aggregateForRating(daily, events)))).toMatchObject({
      path: "daily",
      message: `The usage aggregates were made for daily quantities kept, but this rating is for not kept${again}`,
    });
  });

  it("refuses shards that name no shard of their split, or one twice", () => {
    for (const indices of [[2], [0, 0]])
      expect(
        refusal(() => rateFromAggregates(uncut, { ...aggregates, shards: { count: 2, indices } })),
      ).toEqual({
        code: "invalid_argument",
        path: "shards",
        message: `shard must name one shard of a split, { index, count } with count a whole number from 1 and index from 0 to count − 1, not {"count":2,"indices":${JSON.stringify(indices)}}.`,
      });
    // a.shards: the path names which of the two merged aggregates is wrong
    expect(
      refusal(() =>
        mergeUsageAggregates(uncut, { ...aggregates, shards: { count: 2, indices: [5] } }, aggregates),
      ).path,
    ).toBe("a.shards");
  });

  it("refuses a malformed state of either merged aggregates at its path", () => {
    const meters = [{ meter: "cpu", total: { sum: "lots", events: 2 } }];
    const half = (index: number, whole = aggregates.whole) => ({
      ...aggregates,
      shards: { count: 2, indices: [index] },
      whole,
    });
    const broken = { ...aggregates.whole, meters };
    expect(refusal(() => mergeUsageAggregates(uncut, half(0, broken), half(1))).path).toBe(
      "a.whole.meters[0].total.sum",
    );
    expect(refusal(() => mergeUsageAggregates(uncut, half(0), half(1, broken))).path).toBe(
      "b.whole.meters[0].total.sum",
    );
  });

  it("refuses a malformed envelope at the path inside the merged one", () => {
    expect(refusal(() => mergeUsageAggregates(uncut, aggregates, { ...aggregates, customer: 5 })).path).toBe(
      "b.customer",
    );
  });
});
