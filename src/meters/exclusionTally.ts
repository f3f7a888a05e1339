import { EXCLUSION_REASONS, type ExclusionReason } from "../schema/index.js";
import { compareText } from "./compareText.js";

/** Events excluded for one reason. */
export interface Exclusion {
  readonly reason: ExclusionReason;
  readonly events: number;
  /** Up to five ids, the smallest first: independent of event order. */
  readonly sampleIds: ReadonlyArray<string>;
}

const SAMPLE_SIZE = 5;

/** Counts excluded events per reason, keeping the five smallest ids of each as samples. */
export class ExclusionTally {
  private readonly counts = new Map<ExclusionReason, { events: number; ids: Set<string>; largest: string }>();

  record(reason: ExclusionReason, id: string, events = 1): void {
    let entry = this.counts.get(reason);
    if (entry === undefined) {
      entry = { events: 0, ids: new Set<string>(), largest: "" };
      this.counts.set(reason, entry);
    }
    entry.events += events;
    // Once five samples are kept, only an id smaller than the largest of them can change the sample.
    if (entry.ids.size === SAMPLE_SIZE && compareText(id, entry.largest) >= 0) return;
    entry.ids.add(id);
    if (entry.ids.size > SAMPLE_SIZE) entry.ids.delete(largest(entry.ids));
    entry.largest = largest(entry.ids);
  }

  /** The exclusions with at least one event, in the documented reason order. */
  toList(): Exclusion[] {
    return EXCLUSION_REASONS.flatMap((reason) => {
      const entry = this.counts.get(reason);
      return entry ? [{ reason, events: entry.events, sampleIds: [...entry.ids].sort(compareText) }] : [];
    });
  }
}

function largest(ids: ReadonlySet<string>): string {
  let max = "";
  for (const id of ids) if (compareText(id, max) > 0) max = id;
  return max;
}
