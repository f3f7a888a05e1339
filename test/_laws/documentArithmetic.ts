import {
  DecimalOracle as D,
  type FalseSentence,
  figureOf,
  MODES,
  MONEY,
  NUMBER,
} from "./explainArithmetic.js";

/**
 * The sums the explanations of a period's other documents state, read back and redone with decimal.js
 * as a billing specialist would redo them by hand: a progressive or closing invoice's header ("It bills
 * X so far minus Y already billed … = Z"), a line's `billed_earlier` step against its line total, a
 * late-usage correction's delta lines against "Lines S", a credit note's settlement ("Of the X
 * credited: M as money, R back to …") and the text `ratecard credit-note` prints, and the Markdown
 * waterfall's running amounts. Each function returns the sentences whose arithmetic is false.
 */
type Dec = InstanceType<typeof D>;

const value = (text: string): Dec => figureOf(text).value;
const sum = (values: ReadonlyArray<Dec>): Dec => values.reduce((total, next) => total.plus(next), new D(0));
const lines = (text: string) => text.split("\n");

/**
 * An amount as `ratecard credit-note` writes it, the code after ("578.27 EUR", "-40.00 USD"), or without
 * it where the sentence has given it ("456.00 USD credited of 3656.00 billed").
 */
const SUFFIXED = String.raw`-?[0-9][0-9,]*(?:\.[0-9]+)?(?: [A-Z]{3,6})?`;
const suffixed = (text: string): Dec => new D(text.replace(/ [A-Z]{3,6}$/, "").replace(/,/g, ""));

/** The figure of the "Total …." line (not "Total before rounding"), or undefined. */
function statedTotal(text: string): Dec | undefined {
  const total = lines(text)
    .map((line) => line.match(new RegExp(String.raw`^Total (${MONEY})\.$`)))
    .find((match) => match !== null);
  return total === undefined ? undefined : value(total[1]!);
}

/**
 * A progressive or closing invoice's header: "It bills X so far minus Y already billed on … [plus U
 * credited back for units taken off] = Z." (X − Y + U = Z, and Z is the total); "It bills X; nothing
 * was billed earlier" (X is the total); "X is owed to the customer" (without an amount due: X is the total
 * below zero, negated; with one, belowZeroArithmetic.ts reads its parts).
 */
export function falseProgressiveSums(text: string): FalseSentence[] {
  const wrong: FalseSentence[] = [];
  const total = statedTotal(text);
  const less = new RegExp(
    String.raw`^It bills (${MONEY}) so far minus (${MONEY}) already billed on .*?(?: plus (${MONEY}) credited back for units taken off)? = (${MONEY})\.$`,
  );
  const first = new RegExp(String.raw`^It bills (${MONEY}); nothing was billed earlier in the period\.$`);
  const owed = new RegExp(String.raw`: (${MONEY}) is owed to the customer, to issue as a credit\.$`);
  // "So far this period, total before rounding B, rounded half-even to 2 decimals: a rounding adjustment
  // of A.": B + A and B so rounded are what the period so far bills (the X of "It bills X so far").
  const soFar = lines(text)
    .map((line) => line.match(new RegExp(String.raw`^It bills (${MONEY})(?: so far|;)`)))
    .find((match) => match !== null);
  const rounded = new RegExp(
    String.raw`^So far this period, total before rounding (${MONEY}), rounded ([a-z-]+) to ([0-9]+) decimals: a rounding adjustment of (${MONEY})\.$`,
  );
  for (const line of lines(text)) {
    const sums = line.match(less);
    if (sums !== null) {
      const worked = value(sums[1]!)
        .minus(value(sums[2]!))
        .plus(sums[3] === undefined ? 0 : value(sums[3]));
      if (!worked.equals(value(sums[4]!))) wrong.push({ sentence: line, expected: worked.toFixed() });
      if (total !== undefined && !total.equals(value(sums[4]!)))
        wrong.push({ sentence: line, expected: `the total ${total.toFixed()}` });
    }
    const alone = line.match(first);
    if (alone !== null && total !== undefined && !total.equals(value(alone[1]!)))
      wrong.push({ sentence: line, expected: total.toFixed() });
    const rounding = line.match(rounded);
    if (rounding !== null && soFar !== undefined) {
      const before = value(rounding[1]!);
      const cumulative = value(soFar[1]!);
      const worked = before.toDecimalPlaces(Number(rounding[3]), MODES[rounding[2]!]!);
      if (!before.plus(value(rounding[4]!)).equals(cumulative) || !worked.equals(cumulative))
        wrong.push({ sentence: line, expected: worked.toFixed() });
    }
    const credit = line.match(owed);
    if (credit !== null && total !== undefined && !total.negated().equals(value(credit[1]!)))
      wrong.push({ sentence: line, expected: total.negated().toFixed() });
  }
  return wrong;
}

/**
 * A line of a progressive or closing invoice: "So far this period: 1,200 for $110.00; already billed on
 * …: 1,100 for $105.00, taken off. Line total $5.00." The line total is the amount so far less what was
 * billed.
 */
export function falseBilledEarlier(text: string): FalseSentence[] {
  const wrong: FalseSentence[] = [];
  const step = new RegExp(
    String.raw`So far this period: ${NUMBER}[^;]*? for (${MONEY}); already billed on .*?: ${NUMBER}[^;]*? for (${MONEY}), taken off\.`,
  );
  const lineTotal = new RegExp(String.raw` Line total (${MONEY})\.$`);
  for (const line of lines(text)) {
    const match = line.match(step);
    const shown = line.match(lineTotal);
    if (match === null || shown === null) continue;
    const worked = value(match[1]!).minus(value(match[2]!));
    if (!worked.equals(value(shown[1]!))) wrong.push({ sentence: line, expected: worked.toFixed() });
  }
  return wrong;
}

/** A late-usage correction's delta lines ("- Bandwidth (gb) rebook: 1,100 → $88.00.") add up to "Lines $S". */
export function falseLateUsageSums(text: string): FalseSentence[] {
  const delta = new RegExp(String.raw`^- .* (?:reversal|rebook): ${NUMBER} → (${MONEY})\.$`);
  const amounts = lines(text)
    .map((line) => line.match(delta))
    .filter((match) => match !== null)
    .map((match) => value(match[1]!));
  const stated = lines(text)
    .map((line) => line.match(new RegExp(String.raw`^Lines (${MONEY}); for the next invoice `)))
    .find((match) => match !== null);
  if (stated === undefined || sum(amounts).equals(value(stated[1]!))) return [];
  return [{ sentence: stated.input!, expected: sum(amounts).toFixed() }];
}

/**
 * "Of the X credited: M as money (refunded, or taken off what is due), R back to … (…); beside it, the
 * credit taken before tax goes back: …." What is given back after tax is the rest of the total: M + Σ R = X.
 * When the text also says "Money before rounding B, rounded to M as the invoice's amount due was: a
 * rounding adjustment of A." (the note completing an invoice whose amount due was rounded): B + A = M,
 * and B + Σ R = X instead.
 * Reads amounts with the currency before ("$778.27") or after ("778.27 EUR", the CLI's).
 */
export function falseSettlements(text: string): FalseSentence[] {
  const wrong: FalseSentence[] = [];
  for (const [amount, read] of [
    [MONEY, value],
    [SUFFIXED, suffixed],
  ] as const) {
    const pattern = new RegExp(
      String.raw`^Of the (${amount}) credited: (${amount}) as money \(refunded, or taken off what is due\)(.*?)(?:; beside it, the credit taken before tax goes back: .*)?\.$`,
    );
    const rounding = new RegExp(
      String.raw`^Money before rounding (${amount}), rounded to (${amount}) as the invoice's amount due was: a rounding adjustment of (${amount})\.$`,
    );
    const rounded = lines(text)
      .map((line) => line.match(rounding))
      .find((match) => match !== null);
    if (rounded !== undefined) {
      const worked = read(rounded[1]!).plus(read(rounded[3]!));
      if (!worked.equals(read(rounded[2]!)))
        wrong.push({ sentence: rounded.input!, expected: worked.toFixed() });
    }
    for (const line of lines(text)) {
      const match = line.match(pattern);
      if (match === null) continue;
      const back = [...match[3]!.matchAll(new RegExp(String.raw`, (${amount}) back to `, "g"))];
      if (rounded !== undefined && !read(rounded[2]!).equals(read(match[2]!)))
        wrong.push({ sentence: rounded.input!, expected: read(match[2]!).toFixed() });
      const money = rounded === undefined ? read(match[2]!) : read(rounded[1]!);
      const worked = money.plus(sum(back.map((part) => read(part[1]!))));
      if (!worked.equals(read(match[1]!))) wrong.push({ sentence: line, expected: worked.toFixed() });
    }
  }
  return wrong;
}

/**
 * The text of `ratecard credit-note`: each line "A credited of B billed; Q units taken off, the rest
 * re-rated at R" (A = B − R), or after earlier notes "A credited of B billed (C credited before); Q units
 * taken off the units left, which cost L, the rest re-rated at R" (A = L − R: an amount credited before
 * took no units off, so L is not B − C),
 * "Subtotal S." (the lines' sum), "Tax credited: T." (", included in the subtotal" when inclusive),
 * "Total before rounding B, rounded to N decimals: a rounding adjustment of A." (B = S + T, exclusive) and
 * "Total credited X." (S + T, plus A when said).
 */
export function falseCreditNoteSums(text: string): FalseSentence[] {
  const wrong: FalseSentence[] = [];
  const credited = new RegExp(
    String.raw`^- .*: (${SUFFIXED}) credited of (${SUFFIXED}) billed(?: \((${SUFFIXED}) credited before\))?(?:; (${NUMBER}) [^;]+? taken off(?: the units left, which cost (${SUFFIXED}))?, the rest re-rated at (${SUFFIXED}))?\. Reason: `,
  );
  const takenBack = new RegExp(String.raw`^- .*: its credit of (${SUFFIXED}) is taken back\. Reason: `);
  const amounts: Dec[] = [];
  for (const line of lines(text)) {
    const back = line.match(takenBack);
    if (back !== null) amounts.push(suffixed(back[1]!));
    const match = line.match(credited);
    if (match === null) continue;
    const amount = suffixed(match[1]!);
    amounts.push(amount);
    if (match[6] === undefined) continue;
    // What the units left cost: said after earlier notes, else what the line billed.
    const left = match[5] === undefined ? suffixed(match[2]!) : suffixed(match[5]);
    if (match[3] !== undefined && match[5] === undefined)
      wrong.push({ sentence: line, expected: "what the units left cost, after earlier notes" });
    const worked = left.minus(suffixed(match[6]));
    if (!worked.equals(amount)) wrong.push({ sentence: line, expected: worked.toFixed() });
  }
  const find = (pattern: RegExp) =>
    lines(text)
      .map((line) => line.match(pattern))
      .find((match) => match !== null);
  const subtotal = find(new RegExp(String.raw`^Subtotal (${SUFFIXED})\.$`));
  const tax = find(new RegExp(String.raw`^Tax credited: (${SUFFIXED})(, included in the subtotal)?\.$`));
  const rounding = find(
    new RegExp(
      String.raw`^Total before rounding (${SUFFIXED}), rounded to [0-9]+ decimals: a rounding adjustment of (${SUFFIXED})\.$`,
    ),
  );
  const total = find(new RegExp(String.raw`^Total credited (${SUFFIXED})\.$`));
  if (subtotal === undefined || total === undefined)
    return [...wrong, { sentence: text, expected: "a Subtotal and a Total credited line" }];
  if (!sum(amounts).equals(suffixed(subtotal[1]!)))
    wrong.push({ sentence: subtotal.input!, expected: sum(amounts).toFixed() });
  // Tax included in the prices is inside the subtotal already.
  const before = suffixed(subtotal[1]!).plus(
    tax === undefined || tax[2] !== undefined ? 0 : suffixed(tax[1]!),
  );
  if (rounding !== undefined && !before.equals(suffixed(rounding[1]!)))
    wrong.push({ sentence: rounding.input!, expected: before.toFixed() });
  const worked = before.plus(rounding === undefined ? 0 : suffixed(rounding[2]!));
  if (!worked.equals(suffixed(total[1]!))) wrong.push({ sentence: total.input!, expected: worked.toFixed() });
  return wrong;
}

/**
 * The Markdown waterfall ("| Step | Change | Running |"): each change added to the running amount before
 * it gives the running amount shown, and each level (subtotal, total, amount due) is the running amount.
 * A figure rounded for reading ("≈ $1.23") ends the check: what follows cannot be redone exactly.
 */
export function falseWaterfall(markdown: string): FalseSentence[] {
  const wrong: FalseSentence[] = [];
  const all = lines(markdown);
  const head = all.indexOf("| Step | Change | Running |");
  if (head < 0) return [];
  let running: Dec | undefined;
  for (const row of all.slice(head + 2)) {
    if (!row.startsWith("|")) break;
    const cells = row.match(/\| ([^|]*) \| ([^|]*) \|$/);
    if (cells === null || row.includes("≈")) break;
    const [change, shown] = [cells[1]!.trim(), value(cells[2]!.replace(/\*\*/g, ""))];
    const worked = change === "" ? (running ?? shown) : (running ?? new D(0)).plus(value(change));
    if (!worked.equals(shown)) wrong.push({ sentence: row, expected: worked.toFixed() });
    running = shown;
  }
  return wrong;
}
