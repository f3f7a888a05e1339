import * as z from "zod/mini";
import { isRecord } from "../errors/index.js";
import { decimalSchema, moneyAmountSchema, toInputError, toProblems } from "../schema/index.js";
import { numbersAsText } from "./numbersAsText.js";

// An amount as a contract writes one: decimal text ("99.00", exact) or a JSON number.
const figureSchema = moneyAmountSchema;

// A line's figures: its amount alone ("99.00"), or its quantity too, when finance worked it out (any
// number of decimals: a GB-month quantity may have dozens).
const lineObjectSchema = z.strictObject({ quantity: z.optional(decimalSchema), amount: figureSchema });
const lineFigureSchema = z.union([figureSchema, lineObjectSchema], {
  error: 'expected the line\'s amount, such as "99.00", or { "quantity": "3", "amount": "99.00" }',
});

// Which invoice of a progressive sequence the figures are (docs/progressive-billing.md), as the invoice's
// own `progressive` marker writes it: needed when the fixture has earlier invoices and no expected.json.
const progressiveSchema = z.union(
  [
    z.strictObject({ stage: z.literal("closing") }),
    z.strictObject({ stage: z.literal("progressive"), asOf: z.string().check(z.minLength(1)) }),
  ],
  {
    error:
      'expected { "stage": "closing" }, or { "stage": "progressive", "asOf": "2026-03-15T00:00:00Z" } (the instant the progressive invoice rated the usage through)',
  },
);

// The credit note issued from corrections.json, as finance works it out: each credit line by its id
// (`instances@2026-05-20:credit:1`), its amount (positive, as the note writes it) and optionally the
// quantity taken off; the note's subtotal, tax and total.
const creditNoteFiguresSchema = z.strictObject({
  lines: z.record(z.string(), lineFigureSchema),
  subtotal: z.optional(figureSchema),
  tax: z.optional(figureSchema),
  total: figureSchema,
});

/**
 * The schema of expected-figures.json: the numbers of an invoice as finance works them out by hand,
 * without the rest of an invoice's JSON (ids, digests, steps, the usage report), so that they can be
 * written before ratecard ever rates the fixture and checked by machine (docs/uat.md, "Figures worked
 * out by hand"). Every amount is decimal text (or a JSON number, as in a contract), signed as the
 * invoice writes it (a discount and a credit applied are negative).
 */
export const expectedFiguresSchema = z.strictObject({
  /** The period to rate, as `ratecard invoice --period` takes it; else expected.json's or fixture.json's. */
  period: z.optional(z.string().check(z.minLength(1))),
  /**
   * Which invoice of a progressive sequence the figures are: `{ stage: "closing" }` (the period's invoice
   * less earlier-1.json, …) or `{ stage: "progressive", asOf }`; absent for the whole period's invoice.
   */
  progressive: z.optional(progressiveSchema),
  /** Every line of the invoice by its id (`platform`, `egress[region="eu"]`): its amount, or `{ quantity?, amount }`. */
  lines: z.record(z.string(), lineFigureSchema),
  subtotal: z.optional(figureSchema),
  /** When given: every discount of the invoice by its id, with its amount (negative). */
  discounts: z.optional(z.record(z.string(), figureSchema)),
  /** When given: every credit grant applied by its id, with the amount applied (negative). */
  credits: z.optional(z.record(z.string(), figureSchema)),
  /** The invoice's tax in all (`tax.total`); an invoice without tax has 0. */
  tax: z.optional(figureSchema),
  total: figureSchema,
  /** What the customer pays: the total less credits used after tax (the total when there are none). */
  amountDue: z.optional(figureSchema),
  /** The credit note issued from corrections.json: every credit line by its id, its tax and total. */
  creditNote: z.optional(creditNoteFiguresSchema),
});

/** A line's figures as written down: its amount, and its quantity when finance worked it out. */
export interface LineFigures {
  readonly quantity?: string;
  readonly amount: string;
  /** True when written as `{ "amount": … }` rather than the amount alone (the path of the amount then ends in `.amount`). */
  readonly inObject: boolean;
}

/**
 * The figures of expected-figures.json, each as written (a JSON number as its text), so that the report
 * shows "1.00" where finance wrote "1.00". Figures are compared by value ("99" is 99.00).
 */
export interface ExpectedFigures {
  readonly period?: string;
  readonly progressive?:
    | { readonly stage: "closing" }
    | { readonly stage: "progressive"; readonly asOf: string };
  readonly lines: Readonly<Record<string, LineFigures>>;
  readonly subtotal?: string;
  readonly discounts?: Readonly<Record<string, string>>;
  readonly credits?: Readonly<Record<string, string>>;
  readonly tax?: string;
  readonly total: string;
  readonly amountDue?: string;
  readonly creditNote?: CreditNoteFigures;
}

/** The figures of the credit note issued from a fixture's corrections.json, each as written. */
export interface CreditNoteFigures {
  readonly lines: Readonly<Record<string, LineFigures>>;
  readonly subtotal?: string;
  readonly tax?: string;
  readonly total: string;
}

/**
 * expected-figures.json, parsed as JSON, read as figures (a number as its shortest text: digits a double
 * does not keep are gone by then; `ratecard check` reads the file's text, which keeps them).
 * @throws InputError at the path inside the file (`lines.platform`, `total`) for figures that are not
 * valid (not JSON is the caller's to report, as it reads the text)
 * @example parseExpectedFigures({ lines: { platform: "99.00" }, total: 99 }).total // "99"
 */
export function parseExpectedFigures(data: unknown): ExpectedFigures {
  refuseInvalid(data);
  return figuresOf(data);
}

/**
 * The text of expected-figures.json read as figures, each JSON number exactly as written
 * ({@link numbersAsText}): `87654321.000000001` is that quantity, not the double 87654321, and a figure
 * with more decimals than a money amount has is refused as the same figure written as text is.
 * @throws SyntaxError for a text that is not JSON; InputError as {@link parseExpectedFigures}
 */
export function parseExpectedFiguresText(text: string): ExpectedFigures {
  // The shape is checked as JSON.parse reads it, so that a number where text is required (a period)
  // is still refused as a number; then the figures, each the text of its token.
  refuseInvalid(JSON.parse(text));
  const exact: unknown = JSON.parse(numbersAsText(text));
  refuseInvalid(exact);
  return figuresOf(exact);
}

// Figures known to be valid, each kept as written.
function figuresOf(data: unknown): ExpectedFigures {
  // Valid, so every figure is decimal text or a finite number: keep it as written.
  const raw = data as Readonly<Record<string, unknown>>;
  const note = raw.creditNote as Readonly<Record<string, unknown>> | undefined;
  return {
    ...(typeof raw.period === "string" ? { period: raw.period } : {}),
    ...(raw.progressive === undefined
      ? {}
      : { progressive: raw.progressive as NonNullable<ExpectedFigures["progressive"]> }),
    lines: linesOf(raw.lines),
    ...optional(raw, "subtotal"),
    ...(raw.discounts === undefined ? {} : { discounts: texts(raw.discounts) }),
    ...(raw.credits === undefined ? {} : { credits: texts(raw.credits) }),
    ...optional(raw, "tax"),
    total: text(raw.total),
    ...optional(raw, "amountDue"),
    ...(note === undefined
      ? {}
      : {
          creditNote: {
            lines: linesOf(note.lines),
            ...optional(note, "subtotal"),
            ...optional(note, "tax"),
            total: text(note.total),
          },
        }),
  };
}

function refuseInvalid(data: unknown): void {
  const parsed = expectedFiguresSchema.safeParse(data);
  if (parsed.success) return;
  // A line written as an object is reported at the figure inside it that is wrong, in place of the
  // union's issue at the line; every other issue as zod found it.
  const inLines = lineObjectIssues(data);
  const replaced = new Set(inLines.map(({ line }) => JSON.stringify(line)));
  const others = parsed.error.issues.filter((issue) => !replaced.has(JSON.stringify(issue.path)));
  throw toInputError("input", toProblems([...inLines.flatMap(({ issues }) => issues), ...others], data));
}

// The problems inside the lines written as objects ({ "quantity": "61,400", "amount": … }), at their own
// paths (lines.bandwidth_na.quantity). The union of an amount and an object can only say the line is
// neither, "not an object", when an object is what was written and one figure in it is what is wrong.
function lineObjectIssues(data: unknown): ReadonlyArray<LineIssues> {
  const field = (value: unknown, key: string) => (isRecord(value) ? value[key] : undefined);
  const sections = [
    { path: ["lines"], lines: field(data, "lines") },
    { path: ["creditNote", "lines"], lines: field(field(data, "creditNote"), "lines") },
  ];
  return sections.flatMap(({ path, lines }) =>
    isRecord(lines)
      ? Object.entries(lines).flatMap(([id, line]) => {
          if (!isRecord(line)) return [];
          const parsed = lineObjectSchema.safeParse(line);
          if (parsed.success) return [];
          const at = [...path, id];
          return [
            {
              line: at,
              issues: parsed.error.issues.map((issue) => ({ ...issue, path: [...at, ...issue.path] })),
            },
          ];
        })
      : [],
  );
}

// A line written as an object (its path in the file) and the problems of the figures inside it.
interface LineIssues {
  readonly line: ReadonlyArray<PropertyKey>;
  readonly issues: ReadonlyArray<z.core.$ZodIssue>;
}

// Valid figures are decimal text or finite numbers: each is kept as written (a number as its text).
function text(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

function texts(record: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record as Record<string, unknown>).map(([id, value]) => [id, text(value)]),
  );
}

function optional(raw: Readonly<Record<string, unknown>>, key: string): Record<string, string> {
  return raw[key] === undefined ? {} : { [key]: text(raw[key]) };
}

// Each line's figures: its amount alone, or { quantity?, amount }.
function linesOf(record: unknown): Record<string, LineFigures> {
  const lines = Object.entries(record as Record<string, unknown>).map(([id, value]) => {
    if (typeof value !== "object" || value === null)
      return [id, { amount: text(value), inObject: false }] as const;
    const { quantity, amount } = value as { quantity?: unknown; amount: unknown };
    const figures = { ...(quantity === undefined ? {} : { quantity: text(quantity) }), amount: text(amount) };
    return [id, { ...figures, inObject: true }] as const;
  });
  return Object.fromEntries(lines);
}

/**
 * The JSON Schema (draft 2020-12) of expected-figures.json, for editor completion where finance writes
 * the figures (`ratecard schema --figures`). It describes the file as written (amounts as text or numbers).
 */
export function expectedFiguresJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(expectedFiguresSchema, { io: "input", unrepresentable: "any" }),
    title: "ratecard expected figures",
    $id: "https://ratecard.dev/schema/expected-figures-v1.json",
  };
}
