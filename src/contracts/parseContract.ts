import { type ContractError, contractMessages } from "../errors/index.js";
import type { Decimal } from "../money/index.js";
import { type Currency, type CustomUnit, type RoundingMode, resolveCurrency } from "../money/index.js";
import type { PriceTerms } from "../pricing/index.js";
import type { MeterTerms } from "../schema/index.js";
import { type InputProblem, type Sha256, sha256Digest, toInputError, toProblems } from "../schema/index.js";
import { type BillingCycle, type ProrationBasis, startOfLocalDate } from "../time/index.js";
import {
  type ChargeSelectors,
  definedChargesOf,
  selectedChargeIds,
  type TaggedCharge,
} from "./charge/chargeSelectors.js";
import { type ChargeTerms, contractSchema, type ParsedContractTerms, type TermBoundary } from "./contract.js";
import type { AllowanceTerms } from "./terms/allowances/schema.js";
import type { CommitmentTerms } from "./terms/commitments/schema.js";
import type { CreditBurnOrder, CreditGrantTerms } from "./terms/credits/schema.js";
import type { DiscountTerms } from "./terms/discounts/schema.js";
import type { LateUsageCorrection } from "./terms/lateUsage/schema.js";
import type { TaxTerms } from "./terms/tax/schema.js";
import { withoutNegativeZero } from "./withoutNegativeZero.js";

/** A validated contract, ready to rate: decimals are exact, dates are instants, references resolved. */
export interface Contract {
  readonly schemaVersion: number;
  readonly id: string;
  /**
   * The SHA-256 digest of the contract as written (its canonical JSON, docs/invoice-format.md), taken
   * by parseContract; every invoice rated from it carries it as `contractDigest`.
   */
  readonly digest: string;
  readonly customer: { readonly id: string; readonly name?: string };
  /**
   * The invoice currency, with the decimals its lines are kept in: the currency's minor units, or
   * `rounding.lineDecimals` when the contract asks for more (then `totalRounding` is set).
   */
  readonly currency: Currency;
  /**
   * Present when lines are finer than the currency (`rounding.lineDecimals`, Azure's $0.1264): the
   * currency's own minor units, which the total and the amount due are rounded to at the end.
   */
  readonly totalRounding?: { readonly minorUnits: number };
  readonly customUnits: ReadonlyArray<CustomUnit>;
  readonly timeZone: string;
  readonly cycle: BillingCycle;
  readonly proration: ProrationBasis;
  readonly term: { readonly start: number; readonly end?: number };
  readonly rounding: RoundingMode;
  readonly meters: ReadonlyArray<MeterTerms>;
  readonly charges: ReadonlyArray<ChargeTerms>;
  /** Allowance pools shared by several charges, in contract order (docs/contracts.md, step 1). */
  readonly allowances: ReadonlyArray<AllowanceTerms>;
  readonly metadata: Readonly<Record<string, string>>;
  /** Tax on the invoice, if the contract has any. */
  readonly tax?: TaxTerms;
  /** Discounts, in contract order. */
  readonly discounts: ReadonlyArray<DiscountTerms>;
  /** Commitments (minimum and maximum spend), in contract order. */
  readonly commitments: ReadonlyArray<CommitmentTerms>;
  /** Credit grants, in contract order (they burn in `creditBurnOrder`). */
  readonly credits: ReadonlyArray<CreditGrantTerms>;
  /** The named order credit grants burn in (default "priority"; docs/contracts.md, step 8). */
  readonly creditBurnOrder: CreditBurnOrder;
  /** How late usage is corrected (docs/late-usage.md): defaults `next_invoice`, 2 periods back. */
  readonly lateUsage: { readonly correction: LateUsageCorrection; readonly lookBackPeriods: number };
  /** Effective-dated changes to the charges, in effective order. */
  readonly amendments: ReadonlyArray<Amendment>;
  /** Customer-specific price changes, in contract order. */
  readonly overrides: ReadonlyArray<Override>;
  /** End of the free trial (epoch ms): fees are not billed before it. */
  readonly trialEnd?: number;
  /**
   * A cancellation (epoch ms): `effective` ends the billing, and `term.end` is already cut there;
   * `requested` is informative, printed on the last invoice.
   */
  readonly cancellation?: { readonly requested: number; readonly effective: number };
  /** The price book the contract follows, when it follows one (resolveContract; docs/price-books.md). */
  readonly priceBook?: PriceBookInForce;
}

/**
 * The price book a contract follows: its versions as they take effect for this contract (local midnight
 * in the contract's zone; only the pinned one when the contract stays on a version), and the ids of the
 * charges the book defines, so that a line can name the version that priced it.
 */
export interface PriceBookInForce {
  readonly id: string;
  readonly digest: string;
  readonly versions: ReadonlyArray<{
    readonly version: string;
    readonly effective: number;
    readonly effectiveDate: string;
  }>;
  readonly charges: ReadonlyArray<string>;
}

/** What the unused-time credit of a prorated change is worked on (docs/contracts.md, point 5). */
export type CreditBasis = "list_price" | "last_billed" | "net_of_discount";

/** An amendment: from `effective` (local midnight, epoch ms) on, its charges replace or add to the terms. */
export interface Amendment {
  readonly id: string;
  readonly effective: number;
  readonly effectiveDate: string;
  readonly charges: ReadonlyArray<ChargeTerms>;
  readonly remove: ReadonlyArray<string>;
  /** "none": the fees billed in advance it changes get no unused-time credit or prorated charge. */
  readonly proration?: "none";
  /**
   * "last_billed": the unused-time credit is worked on the terms last billed, not those just before;
   * "net_of_discount": on those terms less the percentage discounts the billed fee had.
   */
  readonly creditBasis?: Exclude<CreditBasis, "list_price">;
}

/**
 * An override: from `from` (local midnight, epoch ms) on, a charge's price is replaced or multiplied;
 * with `where`, only the price of the groups of a grouped or matrix charge whose values match it.
 */
export interface Override {
  readonly id: string;
  readonly charge: string;
  readonly from: number;
  readonly multiplier?: Decimal | undefined;
  readonly price?: PriceTerms | undefined;
  readonly where?: Readonly<Record<string, string | number | boolean>> | undefined;
}

/** Result of {@link safeParseContract}. */
export type SafeParseContractResult =
  | { readonly success: true; readonly data: Contract }
  | { readonly success: false; readonly error: ContractError };

/** How a contract is parsed. */
export interface ParseContractOptions {
  /**
   * The SHA-256 the contract's `digest` is computed with ({@link Sha256}), as rating's option: on Node,
   * `node:crypto`'s, several times faster than the pure-JavaScript default (`@noble/hashes`): a cdn-basic
   * contract parses in 182 µs against 196. The digest is the same either way; a function that is not
   * SHA-256 is refused (`invalid_argument` at `options.sha256`).
   */
  readonly sha256?: Sha256;
}

/**
 * Validates contract JSON without throwing.
 * @returns the contract, or the error listing every problem (`error.details.problems`)
 * @throws InputError `invalid_argument` at `options.sha256` for a host function that is not SHA-256
 */
export function safeParseContract(
  json: unknown,
  options: ParseContractOptions = {},
): SafeParseContractResult {
  const input = withoutNegativeZero(json);
  const book = priceBookNamed(input);
  if (book !== undefined)
    return {
      success: false,
      error: toInputError("contract", [
        atPath(contractMessages.priceBookNotResolved(book), "priceBook"),
      ]) as ContractError,
    };
  const parsed = contractSchema.safeParse(input);
  if (!parsed.success) {
    return {
      success: false,
      // The schema too: an unknown field is told which field of its object it most likely meant.
      error: toInputError(
        "contract",
        toProblems(parsed.error.issues, input, [], contractSchema),
      ) as ContractError,
    };
  }
  const terms = parsed.data;
  const termProblems: InputProblem[] = [];
  const start = resolveTermBoundary(terms.term.start, terms.timeZone);
  const end = terms.term.end === undefined ? undefined : resolveTermBoundary(terms.term.end, terms.timeZone);
  if (end !== undefined && end <= start) {
    termProblems.push({
      code: "invalid_period",
      path: "term.end",
      message: "term.end must be after term.start",
    });
  }
  if (terms.trial !== undefined && resolveTermBoundary(terms.trial.end, terms.timeZone) <= start) {
    termProblems.push({
      code: "invalid_period",
      path: "trial.end",
      message: "trial.end must be after term.start: the trial runs from the term start until then",
    });
  }
  const cancellation =
    terms.cancellation === undefined
      ? undefined
      : {
          requested: resolveTermBoundary(terms.cancellation.requested, terms.timeZone),
          effective: resolveTermBoundary(terms.cancellation.effective, terms.timeZone),
        };
  if (cancellation !== undefined && cancellation.effective <= start)
    termProblems.push({ ...contractMessages.cancellationBeforeTermStart(), path: "cancellation.effective" });
  if (cancellation !== undefined && end !== undefined && cancellation.effective > end)
    termProblems.push({ ...contractMessages.cancellationAfterTermEnd(), path: "cancellation.effective" });
  if (termProblems.length > 0)
    return { success: false, error: toInputError("contract", termProblems) as ContractError };
  // The effective date ends the term: every stage that stops at term.end (the last period cut and its
  // fees prorated, no invoice after it) stops there, with nothing of its own to learn.
  const contract = toContract(
    terms,
    start,
    cancellation?.effective ?? end,
    sha256Digest(input, options.sha256),
  );
  return { success: true, data: cancellation === undefined ? contract : { ...contract, cancellation } };
}

/**
 * Validates contract JSON (as parsed from a file) into a {@link Contract}.
 * @throws ContractError with the JSON path of the first problem, e.g. code `tier_up_to_not_increasing`
 *   at `charges[2].price.tiers[1].upTo`; every problem is in `error.details.problems`
 */
export function parseContract(input: unknown, options: ParseContractOptions = {}): Contract {
  const result = safeParseContract(input, options);
  if (result.success) return result.data;
  throw result.error;
}

// A term's patterns and tags become its list of charges here, once (docs/contracts.md, "Selecting
// charges by pattern or tag"): every stage after reads `charges` alone.
function withSelectedCharges<T extends ChargeSelectors>(
  terms: ReadonlyArray<T>,
  charges: ReadonlyArray<TaggedCharge>,
): T[] {
  return terms.map((term) => {
    if (term.chargesMatching === undefined && term.chargeTags === undefined) return term;
    return { ...term, charges: selectedChargeIds(term, charges) };
  });
}

// Lines finer than the currency: every stage works at `lineDecimals` (the contract's currency carries
// them), and the currency's own decimals round the total at the end (docs/decisions/currency-minor-units.md).
function currencyWithLineDecimals(
  currency: Currency,
  lineDecimals: number | undefined,
): Pick<Contract, "currency" | "totalRounding"> {
  if (lineDecimals === undefined || lineDecimals <= currency.minorUnits) return { currency };
  return {
    currency: { code: currency.code, minorUnits: lineDecimals },
    totalRounding: { minorUnits: currency.minorUnits },
  };
}

function toContract(
  terms: ParsedContractTerms,
  start: number,
  end: number | undefined,
  digest: string,
): Contract {
  const customUnits = terms.customUnits ?? [];
  const cycle: BillingCycle = {
    cadence: terms.billing.cadence,
    alignment: terms.billing.alignment ?? "calendar",
    timeZone: terms.timeZone,
    termStart: start,
    ...(terms.billing.anchorDay !== undefined ? { anchorDay: terms.billing.anchorDay } : {}),
    ...(terms.billing.anchorMonth !== undefined ? { anchorMonth: terms.billing.anchorMonth } : {}),
  };
  return {
    schemaVersion: terms.schemaVersion,
    id: terms.id,
    digest,
    customer:
      terms.customer.name === undefined
        ? { id: terms.customer.id }
        : { ...terms.customer, name: terms.customer.name },
    ...currencyWithLineDecimals(resolveCurrency(terms.currency, customUnits), terms.rounding?.lineDecimals),
    customUnits,
    timeZone: terms.timeZone,
    cycle,
    proration: terms.billing.proration ?? "second",
    term: end === undefined ? { start } : { start, end },
    rounding: terms.rounding?.mode ?? "half_even",
    meters: terms.meters,
    charges: terms.charges,
    allowances: terms.allowances ?? [],
    metadata: terms.metadata ?? {},
    ...(terms.tax !== undefined ? { tax: terms.tax } : {}),
    ...(terms.trial !== undefined ? { trialEnd: resolveTermBoundary(terms.trial.end, terms.timeZone) } : {}),
    discounts: withSelectedCharges(terms.discounts ?? [], definedChargesOf(terms)),
    commitments: terms.commitments ?? [],
    credits: withSelectedCharges(terms.credits ?? [], definedChargesOf(terms)),
    creditBurnOrder: terms.creditBurnOrder ?? "priority",
    lateUsage: {
      correction: terms.lateUsage?.correction ?? "next_invoice",
      lookBackPeriods: terms.lateUsage?.lookBackPeriods ?? 2,
    },
    overrides: (terms.overrides ?? []).map((override) => ({
      id: override.id,
      charge: override.charge,
      from: override.from === undefined ? start : localMidnight(override.from, terms.timeZone),
      ...(override.multiplier !== undefined ? { multiplier: override.multiplier } : {}),
      ...(override.price !== undefined ? { price: override.price } : {}),
      ...(override.where !== undefined ? { where: override.where } : {}),
    })),
    amendments: (terms.amendments ?? []).map((amendment) => ({
      id: amendment.id,
      effectiveDate: amendment.effective,
      effective: localMidnight(amendment.effective, terms.timeZone),
      charges: amendment.charges ?? [],
      remove: amendment.remove ?? [],
      ...(amendment.proration === "none" ? { proration: "none" as const } : {}),
      ...(amendment.creditBasis === undefined || amendment.creditBasis === "list_price"
        ? {}
        : { creditBasis: amendment.creditBasis }),
    })),
  };
}

// A plain date means local midnight in the contract's zone; a timestamp carries its own offset.
function resolveTermBoundary(boundary: TermBoundary, timeZone: string): number {
  return "date" in boundary ? startOfLocalDate(boundary.date, timeZone) : boundary.instant;
}

/** Local midnight of `date` (YYYY-MM-DD) in `timeZone`, as epoch ms. */
export function localMidnight(date: string, timeZone: string): number {
  return startOfLocalDate(
    { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) },
    timeZone,
  );
}

// The id of the price book contract JSON names (a contract parseContract cannot rate on its own).
function priceBookNamed(input: unknown): string | undefined {
  if (typeof input !== "object" || input === null || !("priceBook" in input)) return undefined;
  const reference = (input as { priceBook?: unknown }).priceBook;
  if (typeof reference === "object" && reference !== null && "id" in reference)
    return String((reference as { id: unknown }).id);
  return String(reference);
}

/** A problem at `path`, its sentence led by the path as the schema's problems are. */
export function atPath(
  message: { readonly code: InputProblem["code"]; readonly message: string },
  path: string,
): InputProblem {
  return { code: message.code, path, message: `${path} ${message.message}` };
}
