import * as z from "zod/mini";
import type { Contract } from "../contracts/index.js";
import { InputError, invoiceMessages } from "../errors/index.js";
import type { CarriedMeterState } from "../meters/index.js";
import type { MeterTerms } from "../schema/index.js";
import { toInputError, toProblems } from "../schema/index.js";
import { safeParseInstant, safeParseLocalDate, startOfLocalDate } from "../time/index.js";

/** What usage evidence lists: every field narrows it; none lists every meter's events. */
export interface UsageEvidenceOptions {
  /** Only this meter (a meter id of the contract). */
  readonly meter?: string;
  /** Only this line of a grouped charge: dimension → value, e.g. `{ region: "eu" }`. */
  readonly group?: Readonly<Record<string, string>>;
  /** Only events whose property has this value (as text: `"eu"`, `"5"`, `"true"`, `"null"`). */
  readonly where?: Readonly<Record<string, string>>;
  /** Only events at or after: a local date (midnight in the contract's zone) or an ISO 8601 timestamp. */
  readonly from?: string;
  /** Only events before: a local date or an ISO 8601 timestamp. */
  readonly to?: string;
  /** Count events per local day (default) or per local hour of the contract's zone. */
  readonly by?: "day" | "hour";
  /** How many event ids to show per group, exclusion reason and duplicates (default 10, at most 1000). */
  readonly limit?: number;
  /**
   * What the previous period carried out (its invoice's `usage.carryOut`), as `rateInvoice` takes it:
   * persistent and weighted_sum meters open the period with it, so the quantities are the invoice's.
   */
  readonly carried?: Readonly<Record<string, CarriedMeterState>>;
}

export const DEFAULT_EVIDENCE_LIMIT = 10;

const textMap = z.optional(z.record(z.string(), z.string()));

const optionsSchema = z.strictObject({
  meter: z.optional(z.string()),
  group: textMap,
  where: textMap,
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  by: z.optional(z.enum(["day", "hour"])),
  limit: z.optional(z.int().check(z.gte(0), z.lte(1000))),
  // Checked by the meters' pass, as rateInvoice's is (checkCarriedState), with its path under `carried`.
  carried: z.optional(z.unknown()),
});

/** The options read and checked against the contract: the meters and groupings listed, the time bounds. */
export interface EvidencePlanOptions {
  readonly meters: ReadonlyArray<{ readonly meter: MeterTerms; readonly dimensions: ReadonlyArray<string> }>;
  readonly properties: ReadonlyArray<readonly [string, string]>;
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly by: "day" | "hour";
  readonly limit: number;
}

/**
 * Checks usage evidence options and resolves them against the contract: `groupings` gives, per meter id,
 * the property lists its charges split lines by (none: the meter is one line).
 * @throws InputError `invalid_argument` for options of the wrong shape, a group by a property no line
 *   is split by or a `from` not before the `to`, `unknown_meter` (also for a contract with no meter), `invalid_instant` for a time bound that cannot be read
 */
export function readEvidenceOptions(
  contract: Contract,
  groupings: (meter: string) => ReadonlyArray<ReadonlyArray<string>>,
  options: unknown,
): EvidencePlanOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw toInputError("input", toProblems(parsed.error.issues, options));
  const read = parsed.data;
  if (contract.meters.length === 0)
    throw InputError.from(invoiceMessages.evidenceNoMeters(contract.id), "contract.meters");
  const chosen = contract.meters.filter((meter) => read.meter === undefined || meter.id === read.meter);
  if (chosen.length === 0)
    throw InputError.from(
      invoiceMessages.evidenceUnknownMeter(
        read.meter ?? "",
        contract.meters.map((meter) => meter.id),
      ),
      "meter",
    );
  const all = chosen.flatMap((meter) => {
    const lists = groupings(meter.id);
    return (lists.length > 0 ? lists : [[]]).map((dimensions) => ({ meter, dimensions }));
  });
  const groupNames = Object.keys(read.group ?? {});
  const meters = all.filter(({ dimensions }) => groupNames.every((name) => dimensions.includes(name)));
  if (meters.length === 0)
    throw InputError.from(
      invoiceMessages.evidenceGroupNotDimension(groupNames, [
        ...new Set(all.flatMap((entry) => entry.dimensions)),
      ]),
      "group",
    );
  const from = read.from === undefined ? undefined : timeBound("from", read.from, contract.timeZone);
  const to = read.to === undefined ? undefined : timeBound("to", read.to, contract.timeZone);
  if (from !== undefined && to !== undefined && from >= to)
    throw InputError.from(invoiceMessages.evidenceRangeEmpty(read.from ?? "", read.to ?? ""), "to");
  return {
    meters,
    properties: [...Object.entries(read.group ?? {}), ...Object.entries(read.where ?? {})],
    from,
    to,
    by: read.by ?? "day",
    limit: read.limit ?? DEFAULT_EVIDENCE_LIMIT,
  };
}

// A local date is midnight in the contract's zone (as --period reads dates); anything else an instant.
function timeBound(field: "from" | "to", text: string, timeZone: string): number {
  const date = safeParseLocalDate(text);
  if (date.success) return startOfLocalDate(date.data, timeZone);
  const instant = safeParseInstant(text);
  if (instant.success) return instant.data;
  throw InputError.from(invoiceMessages.evidenceTimeRefused(field, text), field);
}
