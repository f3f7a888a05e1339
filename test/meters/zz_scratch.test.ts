import { it } from "vitest";
import { aggregateUsage, compileMeter } from "../../src/meters/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";

const P = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const ev = (id: string, t: number, props: Record<string, string | number | boolean | null>, type = "x"): UsageEvent => ({ id, type, customer: "c", timestamp: t, properties: props });
it("probe", () => {
  const sum: MeterTerms = { id: "s", eventType: "x", aggregation: "sum", valueProperty: "v" };
  const r = aggregateUsage([ev("a", P.start, { v: "1e9999999999999999" }), ev("b", P.start, { v: "1e-9999999999999999" })], { meters: [sum], customer: "c", period: P });
  console.info = () => {};
  process.stdout.write(`outofrange ${r.meters[0]!.quantity.toString()} ${JSON.stringify(r.excluded)}\n`);
  const pct: MeterTerms = { id: "p", eventType: "x", aggregation: "percentile", valueProperty: "v", window: { size: "5m", aggregation: "sum" }, percentile: { rank: new (r.meters[0]!.quantity.constructor as any)(50), direction: { property: "d", combine: "higher_percentile" } } };
  const Q = { start: P.start, end: P.start + 20 * 60000 };
  const evs = [ev("i1", Q.start, { v: 10, d: "in" }), ev("i2", Q.start + 300000, { v: 10, d: "in" }), ev("o1", Q.start, { v: 10, d: "out" }), ev("o2", Q.start + 300000, { v: 10, d: "out" })];
  const a = aggregateUsage(evs, { meters: [pct], customer: "c", period: Q });
  const b = aggregateUsage([...evs].reverse(), { meters: [pct], customer: "c", period: Q });
  process.stdout.write(`pct ${JSON.stringify(a.meters[0]!.computation)} ${JSON.stringify(b.meters[0]!.computation)}\n`);
  const pu: MeterTerms = { id: "u", eventType: "x", aggregation: "unique_count", valueProperty: "v", persistent: true, operationProperty: "op" };
  const c = aggregateUsage([ev("a", P.start + 1, { v: "alice" })], { meters: [pu], customer: "c", period: P, carried: { u: { active: ["alice"] } } });
  process.stdout.write(`pu ${c.meters[0]!.quantity} ${JSON.stringify(c.carryOut)}\n`);
});
