import type { ErrorMessage } from "./message.js";

// The sentences about a meter's definition in a contract (src/schema/meter.ts), read after its path.

/** A meter that reads a value but names no property to read it from. */
export function valuePropertyRequired(aggregation: string): ErrorMessage {
  return {
    code: "value_property_required",
    message: `a ${aggregation} meter must name the event property it reads (valueProperty), e.g. "bytes"`,
  };
}

/** Settings that belong to one aggregation given to a meter of another. */
export function settingsOfOtherAggregation(aggregation: string, key: string): ErrorMessage {
  return { code: "invalid_field", message: `only a ${aggregation} meter takes ${key} settings` };
}

/** A percentile meter without its percentile settings. */
export function percentileSettingsMissing(): ErrorMessage {
  return { code: "missing_field", message: "a percentile meter needs percentile settings (at least rank)" };
}

/** A percentile meter without the window whose samples it ranks. */
export function percentileWindowMissing(): ErrorMessage {
  return {
    code: "missing_field",
    message:
      'a percentile meter ranks window samples; give a window such as { "size": "5m", "aggregation": "sum" }',
  };
}

/** A free allowance per window on a percentile meter, which ranks the windows as measured. */
export function windowAllowanceWithPercentile(): ErrorMessage {
  return {
    code: "invalid_field",
    message:
      "a percentile meter ranks its windows as measured, so it takes no free allowance per window; use sum, avg, max or min over the windows, or an included quantity on the charge",
  };
}

/** A window's own time zone that is no IANA zone name: the windows could not be laid out. */
export function windowTimeZoneNotIana(zone: string): ErrorMessage {
  return {
    code: "invalid_time_zone",
    message: `the windows' time zone "${zone}" is not an IANA time zone name such as "UTC" (Backblaze's days start at 00:00 UTC) or "America/New_York"; leave it out to count the windows in the contract's own zone`,
  };
}

/** A window's own time zone in another spelling than the standard one. */
export function windowTimeZoneMisspelt(zone: string, standard: string): ErrorMessage {
  return {
    code: "invalid_time_zone",
    message: `the windows' time zone "${zone}" must be written "${standard}", the standard spelling of that time zone`,
  };
}

/** A window on an aggregation that cannot run over windows. */
export function windowNotAllowed(aggregation: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `a ${aggregation} meter cannot run over windows; use sum, avg, max, min or percentile`,
  };
}

/** A window or entity on a weighted_sum meter, which weighs time itself. */
export function weightedSumWindowOrEntity(): ErrorMessage {
  return {
    code: "invalid_field",
    message: "a weighted_sum meter already weighs time; it takes no window or entity",
  };
}

/** `persistent` on an aggregation that cannot carry state between periods. */
export function persistentNotAllowed(): ErrorMessage {
  return { code: "invalid_field", message: "only sum, count and unique_count meters can be persistent" };
}

/** `prorated` on a meter that is not a persistent sum or unique_count. */
export function proratedNotAllowed(): ErrorMessage {
  return {
    code: "invalid_field",
    message:
      "only a persistent sum or unique_count can be prorated: each value counts for its days active in the period",
  };
}

/** A window or entity on a persistent meter. */
export function persistentWindowOrEntity(): ErrorMessage {
  return {
    code: "invalid_field",
    message: "a persistent meter runs since the contract start; it takes no window or entity",
  };
}

/** `operationProperty` on a meter other than a persistent unique_count. */
export function operationPropertyNotAllowed(): ErrorMessage {
  return { code: "invalid_field", message: "operationProperty belongs to a persistent unique_count meter" };
}

/** A derived value nested deeper than ratecard evaluates. */
export function valueExpressionTooDeep(limit: number): ErrorMessage {
  return {
    code: "invalid_field",
    message: `nests operations more than ${limit} levels deep; write the value as a flatter product or sum`,
  };
}

/** A derived value given with valueProperty, or on an aggregation that reads no number. */
export function valueExpressionNotAllowed(aggregation: string, inWindows = false): ErrorMessage {
  const counted = aggregation === "unique_count" ? "the distinct values" : "the events";
  const meter = inWindows ? `a meter that counts ${counted} of each window` : `a ${aggregation} meter`;
  return {
    code: "invalid_field",
    message: `${meter} cannot take a derived value; a derived value replaces valueProperty on a meter that adds numbers (sum, min, max, latest, avg, weighted_sum, percentile)`,
  };
}

/**
 * `expression` on a filter whose op is no numeric comparison (equals, in, exists…): a computed value is a
 * number, compared with a threshold. The rest of a sentence after the path `filters[i].expression`.
 */
export function expressionNeedsNumericOp(op: string): string {
  return `can only be compared with gt, gte, lt or lte: a filter with op ${op} compares one property ("property"); to keep the events by a value computed from their properties, compare it with a number (op gt, gte, lt or lte)`;
}

/** Both `value` and `valueProperty` on one meter. */
export function valueGivenTwice(): ErrorMessage {
  return {
    code: "invalid_field",
    message: "gives the event's value twice, as valueProperty and as a derived value; keep one",
  };
}

/** A numeric filter that compares neither a property nor a computed value, or both at once. */
export function filterSideMissing(given: "neither" | "both"): ErrorMessage {
  return {
    code: "invalid_field",
    message:
      given === "neither"
        ? 'a numeric filter compares either one property ("property") or a value computed from the event\'s properties ("expression", e.g. { "add": [{ "property": "input_tokens" }, { "property": "cached_input_tokens" }] }); it gives neither'
        : 'a numeric filter compares either one property ("property") or a value computed from the event\'s properties ("expression"), not both; keep one',
  };
}
