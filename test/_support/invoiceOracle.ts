import fc from "fast-check";
import { type ContractOverrides, usageEvent } from "./contract.js";
import { roundFractionByHand } from "./roundByHand.js";

/**
 * An invoice worked out apart from ratecard, on BigInt minor units: the oracle of the laws that add
 * documents of one period up (progressive invoices, late-usage corrections, credit notes). Its contracts
 * have one graduated usage charge (two tiers, prices finer than the currency so the line rounds), a fee
 * in arrears, a percentage and a fixed discount, a commitment minimum or maximum, a promotional grant,
 * and tax exclusive or inclusive, rounded per invoice, in USD, JPY or BHD. Every figure follows
 * docs/contracts.md (steps 2–10), half-even.
 */
export interface OracleTerms {
  readonly currency: "USD" | "JPY" | "BHD";
  /** Unit prices of the two tiers, in hundredths of a minor unit. */
  readonly prices: readonly [number, number];
  readonly upTo: number;
  /** In minor units, as every amount below. */
  readonly fee?: number | undefined;
  /** Tenths of a percent. */
  readonly percent?: number | undefined;
  readonly fixed?: number | undefined;
  readonly minimum?: number | undefined;
  readonly maximum?: number | undefined;
  readonly grant?: number | undefined;
  readonly tax?: { readonly mode: "exclusive" | "inclusive"; readonly tenths: number } | undefined;
}

const MINOR_UNITS = { USD: 2, JPY: 0, BHD: 3 } as const;

/** The currency's minor units. */
export const minorUnitsOf = (terms: OracleTerms): number => MINOR_UNITS[terms.currency];

/** `units` at `scale` decimals, as a decimal string ("-0.07" for -7 at 2). */
export function textOf(units: bigint, scale: number): string {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, "0");
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return units < 0n ? `-${body}` : body;
}

/** A decimal string of at most `scale` decimals, as units at that scale. */
export function unitsOfText(text: string, scale: number): bigint {
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  if (fraction.length > scale) throw new Error(`${text} is finer than ${scale} decimals`);
  const units = BigInt(whole + fraction.padEnd(scale, "0"));
  return text.startsWith("-") ? -units : units;
}

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Random {@link OracleTerms}; a maximum is dropped when below the minimum (a contract error). */
export const oracleTermsArb: fc.Arbitrary<OracleTerms> = fc
  .record({
    currency: fc.constantFrom("USD" as const, "JPY" as const, "BHD" as const),
    prices: fc.tuple(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 2000 })),
    upTo: fc.integer({ min: 1, max: 500 }),
    fee: optional(fc.integer({ min: 1, max: 50_000 })),
    percent: optional(fc.integer({ min: 1, max: 999 })),
    fixed: optional(fc.integer({ min: 1, max: 20_000 })),
    minimum: optional(fc.integer({ min: 1, max: 80_000 })),
    maximum: optional(fc.integer({ min: 1, max: 80_000 })),
    grant: optional(fc.integer({ min: 1, max: 30_000 })),
    tax: optional(
      fc.record({
        mode: fc.constantFrom("exclusive" as const, "inclusive" as const),
        tenths: fc.integer({ min: 1, max: 250 }),
      }),
    ),
  })
  .map((terms) =>
    terms.maximum !== undefined && terms.minimum !== undefined && terms.maximum < terms.minimum
      ? { ...terms, maximum: undefined }
      : terms,
  );

/**
 * {@link oracleTermsArb} without the terms that take a line's quantity corrections away (a discounted,
 * capped or credited line is refused one, docs/credit-notes.md): usage, fee, minimum and tax.
 */
export const plainTermsArb: fc.Arbitrary<OracleTerms> = oracleTermsArb.map((terms) => ({
  ...terms,
  percent: undefined,
  fixed: undefined,
  maximum: undefined,
  grant: undefined,
}));

/** The contract of {@link OracleTerms}: meter `gb` (sum of `v`), charges `bw` and `fee`. */
export function oracleContract(terms: OracleTerms): ContractOverrides {
  const scale = minorUnitsOf(terms);
  const money = (units: number) => textOf(BigInt(units), scale);
  const limits = {
    ...(terms.minimum !== undefined ? { minimum: money(terms.minimum) } : {}),
    ...(terms.maximum !== undefined ? { maximum: money(terms.maximum) } : {}),
  };
  const tiers = [
    { upTo: String(terms.upTo), unitPrice: textOf(BigInt(terms.prices[0]), scale + 2) },
    { upTo: null, unitPrice: textOf(BigInt(terms.prices[1]), scale + 2) },
  ];
  return {
    currency: terms.currency,
    meters: [{ id: "gb", eventType: "gb", aggregation: "sum", valueProperty: "v" }],
    charges: [
      { id: "bw", name: "Bandwidth", meter: "gb", price: { model: "graduated", tiers } },
      ...(terms.fee !== undefined
        ? [{ id: "fee", name: "Fee", price: { model: "flat" as const, amount: money(terms.fee) } }]
        : []),
    ],
    discounts: [
      ...(terms.percent !== undefined
        ? [{ id: "pc", name: "Percent", percent: textOf(BigInt(terms.percent), 1) }]
        : []),
      ...(terms.fixed !== undefined ? [{ id: "fx", name: "Fixed", amount: money(terms.fixed) }] : []),
    ],
    commitments: Object.keys(limits).length > 0 ? [{ id: "commit", name: "Commit", ...limits }] : [],
    credits:
      terms.grant !== undefined
        ? [{ id: "promo", name: "Promo", kind: "promotional", amount: money(terms.grant) }]
        : [],
    tax:
      terms.tax !== undefined
        ? {
            mode: terms.tax.mode,
            rounding: "per_invoice",
            rates: [{ id: "vat", name: "VAT", percent: textOf(BigInt(terms.tax.tenths), 1) }],
          }
        : undefined,
  };
}

const least = (a: bigint, b: bigint) => (a < b ? a : b);

/** The whole period's figures for `gb` units of usage, in minor units. */
export function oracleInvoice(terms: OracleTerms, gb: number) {
  const quantity = BigInt(gb);
  const first = least(quantity, BigInt(terms.upTo));
  const exact = first * BigInt(terms.prices[0]) + (quantity - first) * BigInt(terms.prices[1]);
  const usage = roundFractionByHand(exact, 100n, "half_even");
  const subtotal = usage + BigInt(terms.fee ?? 0);
  // step 5–6: the percentage first, round(base × percent ÷ 100); then min(fixed, what is left)
  const percentOff =
    terms.percent !== undefined
      ? roundFractionByHand(subtotal * BigInt(terms.percent), 1000n, "half_even")
      : 0n;
  const fixedOff = least(BigInt(terms.fixed ?? 0), subtotal - percentOff);
  const spend = subtotal - percentOff - fixedOff;
  // step 7: a true-up up to the minimum, a cap down to the maximum
  const trueUp =
    terms.minimum !== undefined && spend < BigInt(terms.minimum) ? BigInt(terms.minimum) - spend : 0n;
  const capped =
    terms.maximum !== undefined && spend > BigInt(terms.maximum) ? spend - BigInt(terms.maximum) : 0n;
  const beforeCredit = spend + trueUp - capped;
  // step 8: the promotional grant pays what it can
  const credit = least(BigInt(terms.grant ?? 0), beforeCredit);
  const net = beforeCredit - credit;
  // step 9–10: exclusive adds round(net × p ÷ 100); inclusive holds round(net × p ÷ (100 + p))
  const tenths = BigInt(terms.tax?.tenths ?? 0);
  const inclusive = terms.tax?.mode === "inclusive";
  const tax = roundFractionByHand(net * tenths, inclusive ? 1000n + tenths : 1000n, "half_even");
  return {
    usage,
    subtotal,
    discount: percentOff + fixedOff,
    trueUp,
    capped,
    credit,
    tax,
    total: inclusive ? net : net + tax,
  };
}

/** Usage of March 2026 for the oracle's contracts: up to 8 events of meter `gb`, each on a day and hour. */
export const usageArb = fc.array(
  fc.record({ day: fc.integer({ min: 1, max: 31 }), hour: fc.integer({ min: 0, max: 23 }), gb: fc.nat(400) }),
  { maxLength: 8 },
);
export type Usage = ReadonlyArray<{ readonly day: number; readonly hour: number; readonly gb: number }>;
/** A day or hour on two digits. */
export const two = (n: number) => String(n).padStart(2, "0");
/** The usage as events of March 2026, ids `<prefix><index>`. */
export const eventsOf = (usage: Usage, prefix: string) =>
  usage.map((entry, index) =>
    usageEvent(`${prefix}${index}`, "gb", `2026-03-${two(entry.day)}T${two(entry.hour)}:00:00Z`, {
      v: String(entry.gb),
    }),
  );
/** The GB the usage adds up to. */
export const gbOf = (usage: Usage) => usage.reduce((sum, entry) => sum + entry.gb, 0);

/** Figures in the currency's minor units (absent ones count 0), summed exactly and written as text. */
export function sumOf(terms: OracleTerms, figures: ReadonlyArray<string | undefined>): string {
  const scale = minorUnitsOf(terms);
  return textOf(
    figures.reduce((sum, figure) => sum + unitsOfText(figure ?? "0", scale), 0n),
    scale,
  );
}
/** Minor units as the invoice writes them. */
export const money = (terms: OracleTerms, units: bigint) => textOf(units, minorUnitsOf(terms));
