import type { ErrorMessage } from "./message.js";

export * from "./contractTerms.js";
export * from "./overrides.js";
export * from "./priceBook.js";
export * from "./windowPricing.js";

// The sentences of src/contracts: a contract's terms checked against each other. Each is read after the
// path of the field at fault (`charges[0].meter: …`), which the caller gives.

/** A term names a charge (`charges`, `remove`, `charge`) that neither the contract nor an amendment defines. */
export function noChargeWithId(id: string): ErrorMessage {
  return { code: "invalid_field", message: `no charge has id "${id}"` };
}

// The sentence for a per-transaction price on a meter whose events carry no amount has a file of its
// own (its variants for counting meters are long); it is one of these contract messages.
export { eventValuesNotKept } from "./eventValues.js";

/** The contract's `schemaVersion` is one this version of ratecard does not read. */
export function unsupportedContractVersion(version: number, supported: number): ErrorMessage {
  return {
    code: "unsupported_version",
    message: `is ${version}, but this version of ratecard reads contract format ${supported} only`,
  };
}

/** A custom unit whose code is an ISO 4217 currency (its minor units would be ambiguous). */
export function customUnitIsCurrency(code: string): ErrorMessage {
  return {
    code: "invalid_custom_unit",
    message: `"${code}" is an ISO 4217 currency; a custom unit needs a code of its own (e.g. "CREDIT")`,
  };
}

/** A contract currency that is neither an ISO 4217 code nor a declared custom unit. */
export function unknownContractCurrency(code: string): ErrorMessage {
  return {
    code: "unknown_currency",
    message: `"${code}" is not an ISO 4217 currency code; declare it under customUnits if it is a unit of your own`,
  };
}

/** `anchorDay` or `anchorMonth` given with anniversary billing, which follows the term start. */
export function anchorWithAnniversary(key: string): ErrorMessage {
  return {
    code: "anchor_not_allowed",
    message: `anniversary billing follows the term start date; remove ${key} or use calendar alignment`,
  };
}

/**
 * `anchorDay` on daily or weekly billing, or `anchorMonth` on daily, weekly or monthly billing: a setting
 * that would change nothing, so a contract that means something by it (weeks from Wednesdays with
 * `"anchorDay": 3`) is not billed by Mondays without a word.
 */
export function anchorWithCadence(key: "anchorDay" | "anchorMonth", cadence: string): ErrorMessage {
  const periods =
    cadence === "daily"
      ? "daily periods start at every local midnight"
      : cadence === "weekly"
        ? "weekly periods start on Mondays (calendar alignment) or on the term start's weekday (anniversary)"
        : "monthly periods start on anchorDay of every month";
  const applies =
    key === "anchorDay"
      ? "anchorDay is the day of the month monthly, quarterly and annual periods start on"
      : "anchorMonth is the month quarters and years start from";
  return { code: "anchor_not_allowed", message: `${periods}; ${applies}: remove ${key}` };
}

/** A cancellation that takes effect at or before the term starts. */
export function cancellationBeforeTermStart(): ErrorMessage {
  return {
    code: "invalid_period",
    message:
      "cancellation.effective must be after term.start: a contract cancelled before it starts has nothing to bill",
  };
}

/** A cancellation that takes effect after the term has already ended. */
export function cancellationAfterTermEnd(): ErrorMessage {
  return {
    code: "invalid_period",
    message: "cancellation.effective must be on or before term.end: the term has ended by then",
  };
}

/** Proration by 30-day months on a daily or weekly contract, whose periods are shorter than a month. */
export function thirtyDayMonthsNeedMonths(cadence: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `30-day-month proration measures parts of months, and a ${cadence} billing period is shorter than a month; use "day" or "second"`,
  };
}

/** An id (or code) already used by an earlier entry of the same list. */
export function repeatedId(key: string, id: string, firstPath: string): ErrorMessage {
  return { code: "duplicate_id", message: `repeats ${key} "${id}" already used by ${firstPath}` };
}

/** An id repeated in a list whose sentence names the kind of entry (`discount`, `credit`). */
export function repeatedTermId(kind: string, id: string): ErrorMessage {
  return { code: "duplicate_id", message: `repeats ${kind} id "${id}"` };
}

/** A meter on a price that does not depend on usage. */
export function meterOnFlatPrice(): ErrorMessage {
  return { code: "invalid_field", message: "a flat price does not depend on usage; remove meter" };
}

/** A price that rates a quantity, on a charge with neither a meter nor a contract quantity. */
export function quantitySourceMissing(model: string): ErrorMessage {
  return {
    code: "missing_field",
    message: `a ${model} price needs a meter to measure the quantity, or a quantity fixed by the contract (seats)`,
  };
}

/** A charge (or a price inside it) names a meter the contract does not define. */
export function unknownMeter(meter: string, known: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "unknown_meter",
    message: `no meter has id "${meter}"; known meters: ${known.join(", ") || "none"}`,
  };
}

/** A transform on a charge whose price (or a price nested in it) does not rate a transformed quantity. */
export function transformNotRated(model: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `a ${model} price does not rate a transformed quantity (percentage reads each transaction, capacity each meter as measured, flat no quantity); remove transform`,
  };
}

/** A charge's `included` on a price that does not rate a quantity taken from the meter's. */
export function includedNotRated(model: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `a ${model} price does not rate a quantity with units taken off (percentage reads each transaction, capacity each meter as measured, flat no quantity); remove included`,
  };
}

/** Both `included` (the meter's units) and `transform.included` (the divided unit) on one charge. */
export function includedTwice(): ErrorMessage {
  return {
    code: "invalid_field",
    message:
      "gives included units twice, here in the meter's units and in transform.included in the divided unit; keep one",
  };
}

/** A negative price or line limit on a charge not declared a credit. */
export function negativePrice(value: string): ErrorMessage {
  return {
    code: "negative_price",
    message: `is ${value}; prices must be zero or more unless the charge is declared a credit ("credit": true)`,
  };
}

/** A grouped or matrix charge on a meter whose carried state is kept for the whole meter. */
export function carriedMeterGrouped(model: string, meter: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `a ${model} charge cannot use meter "${meter}": its carried state (a running total, the active values or a level) is kept for the whole meter, not per group`,
  };
}

/** `tiersBy: "full_quantity"` on a charge whose price is not volume or graduated, or whose meter is not prorated. */
export function tiersByFullQuantityNotAllowed(model: string, meter: string | undefined): ErrorMessage {
  return {
    code: "invalid_field",
    message: `"full_quantity" picks the tiers of a volume or graduated price by the quantity of a prorated meter before proration; this ${model} charge ${meter === undefined ? "reads no meter" : `reads meter "${meter}", which is not prorated`}`,
  };
}

/** A charge listed by a second allowance pool. */
export function chargeInTwoPools(id: string, owner: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `charge "${id}" already draws from ${owner}; a charge may draw from one allowance pool only`,
  };
}

/** A charge with a contract quantity (seats) listed by an allowance pool. */
export function seatsInPool(id: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `charge "${id}" prices a quantity the contract fixes (seats), not usage; give free seats with transform.included instead of an allowance pool`,
  };
}

/** A pooled charge with a price (in some version) that does not price a billable quantity. */
export function unpoolablePrice(id: string, model: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `charge "${id}" has a ${model} price, which does not price a billable quantity (percentage reads each transaction, capacity each meter as measured, flat no quantity), so it cannot draw from an allowance pool`,
  };
}

/** Two charges of one pool that bill in different units (each unit already described: `"GB"`, `no unit`). */
export function poolUnitsDiffer(id: string, unit: string, other: string, otherUnit: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `charge "${id}" bills in ${unit} but charge "${other}" of the same pool bills in ${otherUnit}; the charges of one pool must share the billable unit (transform.unit, else the meter's unit)`,
  };
}

/** An amendment not after the one before it. */
export function amendmentsOutOfOrder(effective: string, previous: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `takes effect on ${effective}, not after the amendment before it (${previous}); list amendments in effective order, one per date`,
  };
}

/** An amendment that changes whether a charge is billed in advance or in arrears (`before` as written). */
export function billedTimingChanged(id: string, before: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `charge ${id} is billed ${before.replace("_", " ")} before this amendment; a charge keeps its timing for the whole term (remove it and add a charge with a new id instead)`,
  };
}

/** A commitment whose id is a charge's id too (its true-up line would share it). */
export function commitmentIdIsChargeId(): ErrorMessage {
  return { code: "duplicate_id", message: `is a charge id too; a true-up line needs an id of its own` };
}

/** Two commitment scopes that overlap without one containing the other. */
export function commitmentScopesOverlap(other: number, shared: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "invalid_field",
    message: `overlaps commitments[${other}] on ${shared.join(", ")} without containing it or being contained; make the scopes nested or separate`,
  };
}

/** A grant of money finer than the invoice currency's minor units. */
export function grantNotInMinorUnits(amount: string, currency: string, minorUnits: number): ErrorMessage {
  return {
    code: "amount_not_in_minor_units",
    message: `is ${amount} ${currency}, but ${currency} has ${minorUnits} decimal${minorUnits === 1 ? "" : "s"}; a grant of money holds whole minor units`,
  };
}

/** A grant in a unit customUnits does not declare. */
export function grantUnitUndeclared(unit: string): ErrorMessage {
  return {
    code: "unknown_currency",
    message: `"${unit}" is not declared under customUnits; declare it there with its minor units (e.g. { "code": "${unit}", "minorUnits": 0 })`,
  };
}

/** A grant whose `unit` is the invoice currency itself. */
export function grantUnitIsCurrency(unit: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `"${unit}" is the invoice currency itself; leave unit and unitValue out for a grant of money`,
  };
}

/** A grant in a custom unit finer than the unit's declared minor units. */
export function grantNotInUnitMinorUnits(amount: string, unit: string, minorUnits: number): ErrorMessage {
  return {
    code: "amount_not_in_minor_units",
    message: `is ${amount} ${unit}, but ${unit} has ${minorUnits} decimal${minorUnits === 1 ? "" : "s"} (customUnits)`,
  };
}

/** A fixed discount finer than the invoice currency's minor units. */
export function discountNotInMinorUnits(currency: string, minorUnits: number): ErrorMessage {
  return {
    code: "amount_not_in_minor_units",
    message: `is not a whole number of ${currency} minor units (${minorUnits} decimals)`,
  };
}

/** A charge with both a meter and a contract quantity. */
export function meterAndQuantity(): ErrorMessage {
  return {
    code: "invalid_field",
    message:
      "give either a meter (usage decides the quantity) or a quantity (the contract decides it), not both",
  };
}

/** A contract quantity (seats) on a price that does not price a single quantity. */
export function seatsNeedSinglePrice(model: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `a ${model} price does not price a single quantity; seats need a unit, graduated, volume or package price`,
  };
}

/** Billing in advance on a charge that is not a fee. */
export function advanceBillingOfUsage(): ErrorMessage {
  return {
    code: "invalid_field",
    message:
      "only fees (a flat price or a contract quantity) can be billed in advance; usage is known only when the period ends",
  };
}

/** A charge-wide minimum on a charge that bills one line per group. */
export function minimumOnGroups(model: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `a ${model} charge bills one line per group and none without usage, so a charge-wide minimum has no line to apply to; remove minimum (a minimum per group is a tiered_with_minimum price; a maximum caps each group's line)`,
  };
}

/** A line maximum below the line minimum. */
export function maximumBelowMinimum(minimum: string): ErrorMessage {
  return { code: "invalid_field", message: `must not be below the minimum ${minimum}` };
}

/** A zone name the runtime's time zone database does not know. */
export function timeZoneNotIana(zone: string): ErrorMessage {
  return {
    code: "invalid_time_zone",
    message: `"${zone}" is not an IANA time zone name such as "America/New_York" or "UTC"`,
  };
}

/** A known zone written in another case than its standard spelling (`europe/berlin`). */
export function timeZoneMisspelt(zone: string, standard: string): ErrorMessage {
  return {
    code: "invalid_time_zone",
    message: `"${zone}" must be written "${standard}", the standard spelling of that time zone`,
  };
}

/**
 * A transform with `scope: "charge"` on a charge it cannot be taken across: `reason` says what is in
 * the way (no groups, a price per cell, a line maximum, window pricing, an allowance pool, full-quantity tiers).
 */
export function transformScopeNotShared(reason: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `scope "charge" rates the total of a grouped charge's groups once and splits the amount over their lines; ${reason}; remove scope or the field in the way`,
  };
}
