import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  mergeUsageAggregates,
  parseContract,
  prepareRating,
  RatecardError,
  rateFromAggregates,
  rateInvoice,
} from "../../src/index.js";
import { egressContractJson, egressEvent, filteredEgressMeter } from "../_support/egressContract.js";
import { thrown } from "../_support/thrown.js";

// Aggregates say what they were aggregated for (`madeFor`: the meters' definitions and requests, the
// period's cut and zone), so that a contract amended after last night's aggregation is not rated from
// them silently (docs/scale.md, "What the aggregates were made for"). Egress of region "eu" only, at
// $0.05 per GB, in February 2026, UTC.
const egressMeter = (more: Record<string, unknown> = {}) => filteredEgressMeter(undefined, more);
const contractJson = (more: Record<string, unknown> = {}) =>
  egressContractJson("acme", "USD", { meters: [egressMeter()], ...more });
const v1 = prepareRating(parseContract(contractJson()), "2026-02");

// 100 GB in the EU, 50 GB in the US.
const events = [egressEvent("e1", "100", "eu"), egressEvent("e2", "50", "us")];
const aggregates = aggregateForRating(v1, events);

// v2: the meter's filter was fixed to count the US too; prices unchanged.
const v2Filter = prepareRating(
  parseContract(
    contractJson({
      meters: [egressMeter({ filters: [{ property: "region", op: "in", values: ["eu", "us"] }] })],
    }),
  ),
  "2026-02",
);

describe("rating aggregates made for another version of the contract", () => {
  it("rates them under the contract they were made for", () => {
    // 100 GB (EU only) × $0.05 = $5.00.
    expect(rateFromAggregates(v1, aggregates).total).toBe("5.00");
  });

  it("refuses them when a meter's filter changed, naming the meter", () => {
    const refusal = capture(() => rateFromAggregates(v2Filter, aggregates));
    expect([refusal.code, refusal.path]).toEqual(["aggregates_mismatch", "madeFor.meters[0].digest"]);
    expect(refusal.message).toContain('another definition of meter "egress"');
    expect(refusal.message).toContain('contract "ctr_acme" (digest sha256:');
    expect(refusal.message).toContain("aggregate the usage again with the contract being rated");
    // What v2 bills for these events: (100 + 50) GB × $0.05 = $7.50, not the $5.00 the old aggregates say.
    expect(rateInvoice(v2Filter.contract, events, "2026-02").total).toBe("7.50");
  });

  it("rates them at the new price when only a unit price changed", () => {
    const repriced = prepareRating(
      parseContract(
        contractJson({
          charges: [
            { id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.07" } },
          ],
        }),
      ),
      "2026-02",
    );
    const invoice = rateFromAggregates(repriced, aggregates);
    // 100 GB × $0.07 = $7.00: the aggregates are re-priced, as a what-if or a price change wants.
    expect([invoice.lines[0]?.quantity, invoice.lines[0]?.amount, invoice.total]).toEqual([
      "100",
      "7.00",
      "7.00",
    ]);
  });

  it("rates them when only the meter's name or unit changed (labels aggregate nothing)", () => {
    const relabelled = prepareRating(
      parseContract(contractJson({ meters: [egressMeter({ name: "Data out", unit: "gigabytes" })] })),
      "2026-02",
    );
    // 100 GB × $0.05 = $5.00.
    expect(rateFromAggregates(relabelled, aggregates).total).toBe("5.00");
  });

  it("refuses them when the contract has another list of meters", () => {
    const more = prepareRating(
      parseContract(
        contractJson({
          meters: [egressMeter(), { id: "api_calls", eventType: "api.call", aggregation: "count" }],
        }),
      ),
      "2026-02",
    );
    const refusal = capture(() => rateFromAggregates(more, aggregates));
    expect([refusal.code, refusal.path]).toEqual(["aggregates_mismatch", "madeFor.meters"]);
    expect(refusal.message).toContain('the meters "egress" of contract "ctr_acme"');
    expect(refusal.message).toContain('has the meters "egress", "api_calls"');
  });

  it("refuses them when a charge asks the meter for another grouping", () => {
    const grouped = prepareRating(
      parseContract(
        contractJson({
          charges: [
            {
              id: "egress",
              name: "Egress",
              meter: "egress",
              price: { model: "grouped", groupBy: ["region"], price: { model: "unit", unitPrice: "0.05" } },
            },
          ],
        }),
      ),
      "2026-02",
    );
    expect(capture(() => rateFromAggregates(grouped, aggregates)).path).toBe("madeFor.meters[0].digest");
  });

  it("refuses them when an amendment moved to another day (same number of pieces)", () => {
    const amendedOn = (day: string) =>
      prepareRating(
        parseContract(
          contractJson({
            amendments: [
              {
                id: "raise",
                effective: `2026-02-${day}`,
                charges: [
                  {
                    id: "egress",
                    name: "Egress",
                    meter: "egress",
                    price: { model: "unit", unitPrice: "0.06" },
                  },
                ],
              },
            ],
          }),
        ),
        "2026-02",
      );
    const on10th = amendedOn("10");
    const made = aggregateForRating(on10th, events);
    // Made for the cut on the 10th: e1 (3 Feb, 100 GB) is before it, at $0.05: $5.00.
    expect(rateFromAggregates(on10th, made).total).toBe("5.00");
    const refusal = capture(() => rateFromAggregates(amendedOn("17"), made));
    expect([refusal.code, refusal.path]).toEqual(["aggregates_mismatch", "madeFor.period"]);
    expect(refusal.message).toContain("cuts the period at 2026-02-17T00:00:00.000Z");
  });

  it("still rates aggregates that say nothing of what they were made for, as before", () => {
    // An older ratecard, or a warehouse writing the envelope itself: nothing to compare, so v2 rates
    // them as it always did, 100 GB × $0.05 = $5.00 (docs/scale.md says to re-aggregate after a change).
    const { madeFor: _madeFor, ...unnamed } = aggregates;
    expect(rateFromAggregates(v2Filter, unnamed).total).toBe("5.00");
  });

  it("refuses a madeFor that is not one, with its path", () => {
    const refusal = capture(() =>
      rateFromAggregates(v1, { ...aggregates, madeFor: { contract: "ctr_acme" } }),
    );
    expect([refusal.code, refusal.path]).toEqual(["missing_field", "madeFor.contractDigest"]);
  });
});

describe("merging shards made for another version of the contract", () => {
  const shard = (prepared: typeof v1, index: number) =>
    aggregateForRating(prepared, events, { shard: { index, count: 2 } });

  it("refuses shards made under different meter definitions", () => {
    const refusal = capture(() => mergeUsageAggregates(v2Filter, shard(v2Filter, 0), shard(v1, 1)));
    expect([refusal.code, refusal.path]).toEqual(["aggregates_mismatch", "b.madeFor.meters[0].digest"]);
  });

  it("keeps what both shards were made for, and leaves it out when one of them says nothing", () => {
    const both = mergeUsageAggregates(v1, shard(v1, 0), shard(v1, 1));
    expect(both.madeFor).toEqual(aggregates.madeFor);
    const { madeFor: _madeFor, ...unnamed } = shard(v1, 1);
    expect(mergeUsageAggregates(v1, shard(v1, 0), unnamed).madeFor).toBeUndefined();
    // Either way, all the events: 100 GB × $0.05 = $5.00.
    expect(rateFromAggregates(v1, both).total).toBe("5.00");
  });
});

// The typed refusal `run` throws (fails the test on anything else).
function capture(run: () => unknown): RatecardError {
  const error = thrown(run);
  if (error instanceof RatecardError) return error;
  throw error;
}
