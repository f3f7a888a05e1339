import { compareText } from "./compareText.js";

const SAMPLE_SIZE = 5;

/**
 * A count, and the five (or `size`) smallest ids counted: a sample that does not depend on the order in
 * which the events came (the same events sharded or sorted differently give the same sample).
 */
export class IdSample {
  private readonly size: number;
  private total = 0;
  private readonly ids = new Set<string>();
  private largest = "";

  constructor(size = SAMPLE_SIZE) {
    this.size = size;
  }

  /** Counts `events` (one by default) under `id`. */
  add(id: string, events = 1): void {
    this.total += events;
    if (this.size === 0) return;
    // Once the sample is full, only an id smaller than the largest of it can change the sample.
    // (`!(id < largest)`: compareText(id, largest) >= 0 in one comparison, for every excluded event.)
    if (this.ids.size === this.size && !(id < this.largest)) return;
    this.ids.add(id);
    if (this.ids.size > this.size) this.ids.delete(largestOf(this.ids));
    this.largest = largestOf(this.ids);
  }

  /**
   * Counts one event fewer under `id`; false when `id` is in the sample (it may have to leave it, for
   * an id it kept out: only the caller, with every id, can tell), true when the sample stays as it is.
   */
  takeBack(id: string): boolean {
    this.total -= 1;
    return !this.ids.has(id);
  }

  /** Keeps `other`'s sample instead of this one's (its count stays). */
  replaceSample(other: IdSample): void {
    this.ids.clear();
    for (const id of other.ids) this.ids.add(id);
    this.largest = other.largest;
  }

  /** Counts `count` events whose sample is `ids` (another sample: a shard's, read back from JSON). */
  absorb(count: number, ids: ReadonlyArray<string>): void {
    for (const id of ids) this.add(id, 0);
    this.total += count;
  }

  get count(): number {
    return this.total;
  }

  /** Up to five (or `size`) ids, the smallest first. */
  sample(): string[] {
    return [...this.ids].sort(compareText);
  }
}

function largestOf(ids: ReadonlySet<string>): string {
  let max = "";
  for (const id of ids) if (compareText(id, max) > 0) max = id;
  return max;
}
