import { Decimal, type RoundingMode } from "../money/index.js";
import type { InvoiceTax } from "../schema/index.js";
import type { MoneyStyle } from "./explainLine.js";
import { formatQuantity } from "./formatNumber.js";
import { prorationUnit } from "./prorationUnit.js";
import { exactMoney } from "./roundedWords.js";
import { roundingModeWords } from "./roundingModeWords.js";

/** What the tax section needs besides the tax: the total it is inside (inclusive), the rounding. */
export interface TaxWording {
  /** The total, before its rounding when lines are finer than the currency (`rounded`). */
  readonly gross: string;
  readonly rounded: boolean;
  readonly mode: RoundingMode;
  readonly style: MoneyStyle;
  /** A progressive or closing invoice: its tax is the period's so far, rounded, less the tax billed earlier. */
  readonly soFar?: boolean;
}

/**
 * The tax section in words: each rate on its base, how it was rounded, and the notes. Inclusive tax is
 * inside `gross`, the total (before its rounding when lines are finer than the currency, `rounded`):
 * the lines' nets after discounts, commitments and credits before tax, which is the subtotal only when
 * none of them took anything. A rate whose amount is not its exact tax says the exact tax and how it
 * was rounded ("19% of €654.00 = €124.26; each line's tax rounded half-up, they add up to €124.27"),
 * and a rate an exemption or a reverse charge relieves says it is not charged, never "19% of €654.00
 * = €0.00".
 * @returns one sentence per rate, the net and tax that make up an inclusive total, then the notes
 */
export function explainTax(tax: InvoiceTax, money: (plain: string) => string, wording: TaxWording): string[] {
  // Only an exemption or a reverse charge writes a note, and either makes every rate's tax 0.
  const relieved = tax.notes.length > 0;
  const sentences = tax.rates.map((rate) => {
    const part = datedRateWords(rate);
    const percent = `${formatQuantity(rate.percent)}%`;
    if (relieved)
      return tax.mode === "exclusive"
        ? `${rate.name}: ${percent} of ${money(rate.base)}${part}, not charged: ${money(rate.amount)}.`
        : `${rate.name}: ${percent} on top of the net, included in ${money(rate.base)}${part}, not charged: ${money(rate.amount)}.`;
    const what =
      tax.mode === "exclusive"
        ? `${percent} of ${money(rate.base)}${part}`
        : `included in ${money(rate.base)}${part}, ${percent} on top of the net`;
    return `${rate.name}: ${what} = ${roundedTax(rate, tax.rounding, money, wording)}.`;
  });
  const total = wording.rounded ? "the total before rounding" : "the total";
  const net =
    tax.mode === "inclusive"
      ? [`Net ${money(tax.net)} + tax ${money(tax.total)} = ${money(wording.gross)}, ${total}.`]
      : [];
  return [...sentences, ...net, ...tax.notes.map((note) => `${note}.`)];
}

// "€124.27 (each line's tax rounded)" when that is the exact tax, rounded or not; else the exact tax
// and how it became the amount: "€124.26; each line's tax rounded half-up, they add up to €124.27",
// "$0.0163099, rounded half-even once on the total: $0.00".
function roundedTax(
  rate: InvoiceTax["rates"][number],
  rounding: InvoiceTax["rounding"],
  money: (plain: string) => string,
  { mode, style, soFar }: TaxWording,
): string {
  const exact = rate.lines.reduce((sum, line) => sum.plus(line.exact), new Decimal(0));
  const words = roundingModeWords(mode);
  if (exact.equals(rate.amount))
    return `${money(rate.amount)} (${rounding === "per_line" ? "each line's tax rounded" : "rounded once on the total"})`;
  // A difference of rounded taxes is not the rounding of the difference: "0.44175, rounded ceiling: 0.4".
  if (soFar)
    return `${exactMoney(exact, style)}; the tax so far this period, ${rounding === "per_line" ? "each line's" : "once on the total"} rounded ${words}, less the tax billed earlier: ${money(rate.amount)}`;
  return rounding === "per_line"
    ? `${exactMoney(exact, style)}; each line's tax rounded ${words}, they add up to ${money(rate.amount)}`
    : `${exactMoney(exact, style)}, rounded ${words} once on the total: ${money(rate.amount)}`;
}

// ", for the part of the lines' periods it was in force (1,382,400 of 2,678,400 seconds: compute,
// storage)": a dated rate's shares, the lines with the same share named together.
function datedRateWords(rate: InvoiceTax["rates"][number]): string {
  const byShare = new Map<string, string[]>();
  for (const line of rate.lines) {
    if (line.inForce === undefined) continue;
    const share = `${formatQuantity(line.inForce.elapsed)} of ${formatQuantity(line.inForce.total)} ${prorationUnit(line.inForce.basis)}`;
    byShare.set(share, [...(byShare.get(share) ?? []), line.line]);
  }
  const parts = [...byShare].map(([share, lines]) => `${share}: ${lines.join(", ")}`);
  return parts.length === 0
    ? ""
    : `, for the part of the lines' periods it was in force (${parts.join("; ")})`;
}
