import DecimalJs from "decimal.js";

/**
 * The arithmetic a text explanation states, read back from its sentences and redone with decimal.js
 * (apart from src/money), as a billing specialist would redo it by hand: "a × b = c", "a × b ÷ c = d",
 * "x% of a = b", "Net a + tax b = c", "Rounded <mode> from a to b", "a of a b balance; c left", …
 * Each function returns the sentences whose arithmetic is false, each with what it should read.
 */
const D = DecimalJs.clone({ precision: 120 });
type Dec = InstanceType<typeof D>;

/**
 * A figure as a sentence writes it: its value and, when cut for reading ("4.0783983849…") or rounded
 * for reading ("≈ 1,234.568", the Markdown and HTML explanations' mark), where.
 */
export interface Figure {
  readonly value: Dec;
  /** Decimals shown when the figure was cut and marked with "…"; undefined when it is exact. */
  readonly cutAt: number | undefined;
  /** Decimals shown when the figure was rounded half-even and marked with "≈ "; undefined when not. */
  readonly roundedAt?: number;
}

// A figure rounded for reading is marked "≈ " before it (and before its sign: "≈ -$1.23").
export const MONEY = String.raw`(?:≈ )?-?(?:[$€£¥₹]|[A-Z]{3,6} )[0-9][0-9,]*(?:\.[0-9]+)?…?`;
export const NUMBER = String.raw`(?:≈ )?-?[0-9][0-9,]*(?:\.[0-9]+)?…?`;

/** Reads "-€1,234.5678…", "BHD 0.125", "≈ 1,234.568" or "1,500" as a figure. */
export function figureOf(text: string): Figure {
  const rounded = text.startsWith("≈ ");
  const cut = text.endsWith("…");
  const digits = text
    .replace(/^≈ /, "")
    .replace(/…$/, "")
    .replace(/[$€£¥₹,]|[A-Z]{3,6} /g, "")
    .replace(/^--/, "-");
  const value = new D(digits);
  const decimals = digits.split(".")[1]?.length ?? 0;
  return { value, cutAt: cut ? decimals : undefined, ...(rounded ? { roundedAt: decimals } : {}) };
}

/**
 * True when `exact` is what `shown` writes: equal; when cut, `exact` cut toward zero there; when
 * rounded for reading, `exact` rounded half-even there.
 */
function writes(shown: Figure, exact: Dec): boolean {
  if (shown.roundedAt !== undefined)
    return exact.toDecimalPlaces(shown.roundedAt, D.ROUND_HALF_EVEN).equals(shown.value);
  if (shown.cutAt === undefined) return shown.value.equals(exact);
  return (
    exact.toDecimalPlaces(shown.cutAt, D.ROUND_DOWN).equals(shown.value) &&
    exact.decimalPlaces() > shown.cutAt
  );
}

export const MODES: Readonly<Record<string, DecimalJs.Rounding>> = {
  up: D.ROUND_UP,
  down: D.ROUND_DOWN,
  ceiling: D.ROUND_CEIL,
  floor: D.ROUND_FLOOR,
  "half-up": D.ROUND_HALF_UP,
  "half-down": D.ROUND_HALF_DOWN,
  "half-even": D.ROUND_HALF_EVEN,
};

/** A false sentence: the sentence, and what its arithmetic gives. */
export interface FalseSentence {
  readonly sentence: string;
  readonly expected: string;
}

// The sentences of a text explanation: each line of it, cut at ". " and "; " before a capital, a digit,
// a sign or a figure rounded for reading ("≈ 0.000 at …").
function sentencesOf(text: string): string[] {
  return text.split("\n").flatMap((line) => line.split(/(?<=[.;])\s+(?=[A-Z0-9≈-])/));
}

type Check = (match: RegExpMatchArray) => Dec | undefined;

// Each form: a pattern whose last group is the figure shown, and how to work it out from the others.
// A form whose operand was cut for reading ("…") cannot be redone and is skipped.
const FORMS: ReadonlyArray<readonly [RegExp, Check]> = [
  // "1,500 GB at €0.0500 = €75.00", "First 1,000 GB at …", "12 at €15.0000 = €180.00", "124 packages … at €0.4000 = €49.60"
  [
    new RegExp(String.raw`(?:^|[^0-9,.])(${NUMBER})(?: [^=:;]*?)? at (${MONEY})(?: each)? = (${MONEY})`, "g"),
    (m) => product(m[1]!, m[2]!),
  ],
  // "All 420 connections at the tier 2 price (over 100 connections up to 1,000 connections) of €0.4000 = €168.00"
  [
    new RegExp(
      String.raw`All (${NUMBER})[^=]*? at the tier [0-9]+ price \([^)]*\) of (${MONEY}) = (${MONEY})`,
      "g",
    ),
    (m) => product(m[1]!, m[2]!),
  ],
  // "All $5,000.00 in tier 1 (up to $10,000.00) at 2% = $100.00" (graduated percentage, one tier reached)
  [
    new RegExp(String.raw`All (${MONEY}) in tier [0-9]+(?: \([^)]*\))? at (${NUMBER})% = (${MONEY})`, "g"),
    (m) => percentOf(m[2]!, m[1]!),
  ],
  // "First $5.00 at 3% = $0.15" (graduated percentage), "20% of €100.00 = €20.00"
  [new RegExp(String.raw`(${MONEY}) at (${NUMBER})% = (${MONEY})`, "g"), (m) => percentOf(m[2]!, m[1]!)],
  [
    new RegExp(String.raw`(?:^|[ (:])(${NUMBER})% of (${MONEY}) = (${MONEY})`, "g"),
    (m) => percentOf(m[1]!, m[2]!),
  ],
  // "Event amounts $1.00 × 3 = $3.00", "Fixed fee $0.30 × 2 transactions = $0.60"
  [
    new RegExp(String.raw`(${MONEY}) × (${NUMBER})(?: [a-z]+)? = (${MONEY})`, "g"),
    (m) => product(m[1]!, m[2]!),
  ],
  // "$500.00 × 15 ÷ 31 = $241.93548387…"
  [
    new RegExp(String.raw`(${MONEY}) × (${NUMBER}) ÷ (${NUMBER}) = (${MONEY})`, "g"),
    (m) =>
      isCut(m[1]!)
        ? undefined
        : figureOf(m[1]!).value.times(figureOf(m[2]!).value).div(figureOf(m[3]!).value),
  ],
  // "Net €90.00 + tax €18.00 = €108.00"
  [
    new RegExp(String.raw`Net (${MONEY}) \+ tax (${MONEY}) = (${MONEY})`, "g"),
    (m) => figureOf(m[1]!).value.plus(figureOf(m[2]!).value),
  ],
  // "billed $10.00 + $3.00 + $4.50 − $3.00 = $14.50": a window bucket's priced + true-up + overage, less
  // the part above the commitments that the overage bills in place of its price, and with each window
  // rounded, "+ $0.003 of each window's rounding"
  [
    new RegExp(
      String.raw`billed (${MONEY}) \+ (${MONEY}) \+ (${MONEY})(?: − (${MONEY}))?(?: ([+−]) (${MONEY}) of each window's rounding)? = (${MONEY})`,
      "g",
    ),
    (m) => {
      const terms = [m[1], m[2], m[3], m[4], m[6]].filter((term) => term !== undefined) as string[];
      if (terms.some(isCut)) return undefined;
      const less = m[4] === undefined ? new D(0) : figureOf(m[4]).value;
      const rounding = m[6] === undefined ? new D(0) : figureOf(m[6]).value.times(m[5] === "−" ? -1 : 1);
      return figureOf(m[1]!)
        .value.plus(figureOf(m[2]!).value)
        .plus(figureOf(m[3]!).value)
        .minus(less)
        .plus(rounding);
    },
  ],
  // "the overage is $12,393.00 × (2 − 1) = $12,393.00"
  [
    new RegExp(String.raw`(${MONEY}) × \((${NUMBER}) − 1\) = (${MONEY})`, "g"),
    (m) =>
      isCut(m[1]!) || isCut(m[2]!) ? undefined : figureOf(m[1]!).value.times(figureOf(m[2]!).value.minus(1)),
  ],
];

// A figure cut ("…") or rounded ("≈ ") for reading: an operand that cannot be redone exactly.
function isCut(text: string): boolean {
  return text.endsWith("…") || text.startsWith("≈ ");
}

function product(a: string, b: string): Dec | undefined {
  if (isCut(a) || isCut(b)) return undefined;
  return figureOf(a).value.times(figureOf(b).value);
}

function percentOf(percent: string, base: string): Dec | undefined {
  if (isCut(base)) return undefined;
  return figureOf(percent).value.div(100).times(figureOf(base).value);
}

/**
 * Every "a op b = c" of the forms above whose c is not what a op b gives. The sign of a credit or a
 * discount ("−€8.25" for "10% of €82.53") is a sign of the sentence, not of the arithmetic: compared
 * in magnitude when the shown figure is negative and the operands are not.
 */
export function falseEquations(text: string): FalseSentence[] {
  const wrong: FalseSentence[] = [];
  for (const sentence of sentencesOf(text))
    for (const [pattern, check] of FORMS)
      for (const match of sentence.matchAll(pattern)) {
        const worked = check(match);
        if (worked === undefined) continue;
        const shown = figureOf(match[match.length - 1]!);
        const asShown = shown.value.isNegative() && !worked.isNegative() ? worked.negated() : worked;
        // A quantity that does not end is written to 50 significant digits (its exact fraction beside
        // it): the product is then equal to that many digits, not to the last one.
        const approximate = match
          .slice(1, -1)
          .some((operand) => /[0-9]{45}/.test((operand ?? "").replace(/[.,]/g, "")));
        if (
          approximate &&
          asShown.minus(shown.value).abs().lessThanOrEqualTo(shown.value.abs().times("1e-40"))
        )
          continue;
        if (!writes(shown, asShown)) wrong.push({ sentence, expected: asShown.toFixed() });
      }
  // "177.32166… GB-month from 2 events (exactly 131,750 ÷ 743)": the quantity is the quotient.
  const exactly = new RegExp(
    String.raw`(${NUMBER})(?: [^ (]+)? from [0-9,]+ events? \(exactly (${NUMBER}) ÷ (${NUMBER})\)`,
    "g",
  );
  for (const sentence of sentencesOf(text))
    for (const match of sentence.matchAll(exactly)) {
      const quotient = figureOf(match[2]!).value.div(figureOf(match[3]!).value);
      const shown = figureOf(match[1]!);
      if (
        !(writes(shown, quotient) || shown.value.equals(quotient.toSignificantDigits(50, D.ROUND_HALF_EVEN)))
      )
        wrong.push({ sentence, expected: quotient.toFixed() });
    }
  return wrong;
}

// A figure rounded to `decimals` with `mode`. A cut figure holds a value between the digits shown and
// one more unit of the last: both ends must round alike for the sentence to be redone; undefined if not.
function roundedSo(figure: Figure, decimals: number, mode: DecimalJs.Rounding): Dec | undefined {
  if (figure.roundedAt !== undefined) return undefined;
  const rounded = figure.value.toDecimalPlaces(decimals, mode);
  if (figure.cutAt === undefined) return rounded;
  const unit = new D(10).pow(-figure.cutAt);
  const other = (
    figure.value.isNegative() ? figure.value.minus(unit) : figure.value.plus(unit)
  ).toDecimalPlaces(decimals, mode);
  return rounded.equals(other) ? rounded : undefined;
}

/** "Rounded half-up from €17.525 to €17.53": the second is the first rounded so, to its decimals. */
export function falseRoundings(text: string): FalseSentence[] {
  const wrong: FalseSentence[] = [];
  const pattern = new RegExp(String.raw`Rounded ([a-z-]+) from (${MONEY}) to (${MONEY})`, "g");
  for (const sentence of sentencesOf(text))
    for (const match of sentence.matchAll(pattern)) {
      const mode = MODES[match[1]!]!;
      const from = figureOf(match[2]!);
      const to = figureOf(match[3]!);
      const rounded = roundedSo(from, to.value.decimalPlaces(), mode);
      if (rounded === undefined) continue;
      if (!rounded.equals(to.value)) wrong.push({ sentence, expected: rounded.toFixed() });
    }
  return wrong;
}

/**
 * An exact figure and the figure it was rounded to, in the forms the explainer writes them:
 * "10% of $82.53 = $8.253, rounded half-up: -$8.25" (a discount shows what it takes off, negative),
 * "0.001% of $1,630.99 = $0.0163099, rounded half-even once on the total: $0.00".
 */
export function falseStatedRoundings(text: string): FalseSentence[] {
  const wrong: FalseSentence[] = [];
  const pattern = new RegExp(
    String.raw`= (${MONEY}), rounded ([a-z-]+)(?: once on the total)?: (${MONEY})`,
    "g",
  );
  for (const sentence of sentencesOf(text))
    for (const match of sentence.matchAll(pattern)) {
      const exact = figureOf(match[1]!);
      const shown = figureOf(match[3]!).value;
      const rounded = roundedSo(exact, shown.decimalPlaces(), MODES[match[2]!]!);
      if (rounded === undefined) continue;
      // A discount rounds what it takes and shows it taken off: the shown figure is that, negated.
      if (!rounded.equals(shown) && !rounded.negated().equals(shown))
        wrong.push({ sentence, expected: rounded.toFixed() });
    }
  // "-$467.7369 at $2.00 each: $467.7369 ÷ $2.00 = 233.86845 TOKENS, rounded up to 233.869 TOKENS"
  const units = new RegExp(
    String.raw`(${MONEY}) ÷ (${MONEY}) = (${NUMBER}) [A-Z]+, rounded up to (${NUMBER}) [A-Z]+`,
    "g",
  );
  for (const sentence of sentencesOf(text))
    for (const match of sentence.matchAll(units)) {
      const quotient = figureOf(match[1]!).value.div(figureOf(match[2]!).value);
      const up = figureOf(match[4]!).value;
      if (!writes(figureOf(match[3]!), quotient)) wrong.push({ sentence, expected: quotient.toFixed() });
      if (!quotient.toDecimalPlaces(up.decimalPlaces(), D.ROUND_UP).equals(up) && !quotient.lessThan(up))
        wrong.push({ sentence, expected: `${quotient.toFixed()} rounded up` });
    }
  return wrong;
}

/**
 * "Total before rounding €1,870.814401, rounded down to 2 decimals: a rounding adjustment of
 * -€0.004401." then "Total €1,870.81.": before + adjustment = the total, and the total is before
 * rounded as said.
 */
export function falseTotalRoundings(text: string): FalseSentence[] {
  const wrong: FalseSentence[] = [];
  const pattern = new RegExp(
    String.raw`^(Total|Amount due) before rounding (${MONEY}), rounded ([a-z-]+)(?: to ([0-9]+) decimals)?: a rounding adjustment of (${MONEY})\.$`,
  );
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    const match = line.match(pattern);
    if (match === null) return;
    const before = figureOf(match[2]!).value;
    const adjustment = figureOf(match[5]!).value;
    const after = lines
      .slice(index + 1)
      .find((next) => next.startsWith(`${match[1]} `) && !next.includes("before rounding"));
    const shown = after?.match(new RegExp(String.raw`^(?:Total|Amount due) (${MONEY})\.$`))?.[1];
    if (shown === undefined) return;
    const total = figureOf(shown).value;
    if (!before.plus(adjustment).equals(total))
      wrong.push({ sentence: `${line} ${after}`, expected: before.plus(adjustment).toFixed() });
    if (match[4] !== undefined) {
      const rounded = before.toDecimalPlaces(Number(match[4]), MODES[match[3]!]!);
      if (!rounded.equals(total)) wrong.push({ sentence: `${line} ${after}`, expected: rounded.toFixed() });
    }
  });
  return wrong;
}

/** "-€25.00 of a €30.00 balance; €5.00 left" (or "nothing left") and "1,000 drawn by …; 4,000 left": balance − used = left. */
export function falseBalances(text: string): FalseSentence[] {
  const wrong: FalseSentence[] = [];
  const credit = new RegExp(
    String.raw`(?:: |= )(${MONEY}|${NUMBER}(?: [A-Z]+)?),? of a (${MONEY}|${NUMBER}(?: [A-Z]+)?) balance; (${MONEY}|${NUMBER}(?: [A-Z]+)?|nothing) left`,
  );
  for (const sentence of sentencesOf(text)) {
    const match = sentence.match(credit);
    if (match === null) continue;
    // A credit in units reads "100 TOKENS at $1.50 each = -$150.00, of a 100 TOKENS balance"; its
    // used amount is the units, before "at".
    const units = sentence.match(new RegExp(String.raw`: (${NUMBER}) [A-Z]+ at `));
    const used = figureOf(units?.[1] ?? match[1]!.replace(/ [A-Z]+$/, "")).value.abs();
    const balance = figureOf(match[2]!.replace(/ [A-Z]+$/, "")).value;
    // A balance drawn to the end reads "nothing left" (0).
    const left = match[3] === "nothing" ? new D(0) : figureOf(match[3]!.replace(/ [A-Z]+$/, "")).value;
    if (!balance.minus(used).equals(left)) wrong.push({ sentence, expected: balance.minus(used).toFixed() });
  }
  // "¥2 given back, …, to a ¥998,751 balance; ¥998,753 left": balance + given back = left.
  const back = new RegExp(
    String.raw`: (${MONEY}) given back, [^;]*? to a (${MONEY}) balance; (${MONEY}|nothing) left`,
  );
  for (const sentence of sentencesOf(text)) {
    const match = sentence.match(back);
    if (match === null) continue;
    const worked = figureOf(match[2]!).value.plus(figureOf(match[1]!).value);
    const left = match[3] === "nothing" ? new D(0) : figureOf(match[3]!).value;
    if (!worked.equals(left)) wrong.push({ sentence, expected: worked.toFixed() });
  }
  return wrong;
}

export { D as DecimalOracle };
