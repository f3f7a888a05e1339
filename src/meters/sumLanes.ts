import type { ShortDecimal } from "../money/index.js";
import type { PropertyValue } from "../schema/index.js";

type Properties = Readonly<Record<string, PropertyValue>>;

// Per slot, three numbers in one Float64Array: the whole parts, the fraction parts (scaled by 10^9) and
// the events added since the slots were last drained.
const WIDTH = 3;
// Exactness budget, as in ExactSum (src/money/exactSum.ts): every slot stays an integer below 2^53.
// Each check leaves them at most 10^15 (else they are drained); until the next check at most 4,096
// values are added, each with a whole part below 10^11 and a scaled fraction below 10^9, so a slot
// stays below 1.41 × 10^15, and ExactSum.addParts adds that to parts below 10^15: 2.41 × 10^15.
const CHECK_EVERY = 4096;
const MAX_SLOT = 1e15;

/**
 * The sums of one meter's short values, the total's and each group's, in one typed array (issue 14):
 * the loop that counts events adds a value to a slot, found by the group's value in a map, instead of
 * going through the reducer, its state and its ExactSum for the total and again for each group. The
 * slots are drained into the buckets' states ({@link drain}) before anything reads or takes back a
 * state; slots then start again empty, found anew. Slot 0 is the total. `B` is the bucket type.
 */
export class SumLanes<B> {
  private lanes = new Float64Array(WIDTH * 8);
  // The bucket each slot drains into (slot 0: the total's), and per grouping the slot of each value.
  private readonly owners: B[];
  private readonly slots: Map<unknown, number>[];
  private readonly dimensions: ReadonlyArray<string>;
  private readonly bucketOf: (g: number, key: PropertyValue, properties: Properties) => B;
  private added = 0;

  /**
   * `dimensions`: the one property of each grouping (none inherited: read plainly); `bucketOf` finds
   * or makes the bucket of grouping `g` for a value.
   */
  constructor(
    total: B,
    dimensions: ReadonlyArray<string>,
    bucketOf: (g: number, key: PropertyValue, properties: Properties) => B,
  ) {
    this.owners = [total];
    this.dimensions = dimensions;
    this.bucketOf = bucketOf;
    this.slots = dimensions.map(() => new Map<unknown, number>());
  }

  /**
   * Adds an event's short value to the total and to its group in each grouping (a missing property
   * is the group null); true when a slot has grown past the budget and the caller must {@link drain}.
   */
  addValue(properties: Properties, value: ShortDecimal): boolean {
    this.add(0, value);
    const dimensions = this.dimensions;
    for (let g = 0; g < dimensions.length; g += 1) {
      const key = properties[dimensions[g]!] ?? null;
      let slot = this.slots[g]!.get(key);
      if (slot === undefined) slot = this.open(g, key, this.bucketOf(g, key, properties));
      this.add(slot, value);
    }
    return this.counted();
  }

  // A new slot for `key` in grouping `g`, draining into `bucket`.
  private open(g: number, key: PropertyValue, bucket: B): number {
    const slot = this.owners.length;
    this.owners.push(bucket);
    this.slots[g]!.set(key, slot);
    if ((slot + 1) * WIDTH > this.lanes.length) {
      const wider = new Float64Array(this.lanes.length * 2);
      wider.set(this.lanes);
      this.lanes = wider;
    }
    return slot;
  }

  private add(slot: number, value: ShortDecimal): void {
    const at = slot * WIDTH;
    const lanes = this.lanes;
    lanes[at]! += value.whole;
    lanes[at + 1]! += value.fraction;
    lanes[at + 2]! += 1;
  }

  // Every 4,096 events, true when a slot has grown past the budget (a drain is due).
  private counted(): boolean {
    this.added += 1;
    if (this.added < CHECK_EVERY) return false;
    this.added = 0;
    const lanes = this.lanes;
    const end = this.owners.length * WIDTH;
    for (let at = 0; at < end; at += WIDTH)
      if (Math.abs(lanes[at]!) > MAX_SLOT || Math.abs(lanes[at + 1]!) > MAX_SLOT) return true;
    return false;
  }

  /**
   * Hands each slot's sums and events to `into` (slots without events are skipped) and empties the
   * slots: the next value of a group opens a slot again, so a bucket deleted meanwhile is never drained into.
   */
  drain(into: (bucket: B, whole: number, fraction: number, events: number) => void): void {
    const lanes = this.lanes;
    for (let slot = 0; slot < this.owners.length; slot += 1) {
      const at = slot * WIDTH;
      if (lanes[at + 2]! > 0) into(this.owners[slot]!, lanes[at]!, lanes[at + 1]!, lanes[at + 2]!);
    }
    lanes.fill(0, 0, this.owners.length * WIDTH);
    this.owners.length = 1;
    for (const map of this.slots) map.clear();
    this.added = 0;
  }
}
