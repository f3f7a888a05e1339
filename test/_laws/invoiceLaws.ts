import { createHash } from "node:crypto";
import { expect } from "vitest";
import { type Contract, EXCLUSION_REASONS, type Invoice, invoiceSchema } from "../../src/index.js";
import { canonicalText } from "../_support/canonicalText.js";
import { Exact, expectLineLaws, roundedAs, same, sameAtWorkingPrecision } from "./lineLaws.js";

/**
 * Laws every invoice obeys, whatever the contract and the usage (docs/invoice-format.md and the
 * identity of docs/contracts.md), checked with exact arithmetic of its own:
 * - it is valid against `invoiceSchema`, and a JSON round trip gives it back, byte for byte;
 * - its `digest` is the SHA-256 of its canonical form (recomputed here), its `contractDigest` the contract's;
 * - no figure is NaN or infinite; every rounded figure has exactly the currency's minor-unit decimals
 *   (and a grant kept in a custom unit, that unit's);
 * - subtotal = Σ line amounts; each line's net = amount + Σ adjustments; every discount, cap and
 *   credit is spread over the lines to the minor unit; Σ nets = subtotal + discounts + caps + pre-tax
 *   credits; total = Σ nets (+ tax when exclusive); amount due = total less post-tax credits;
 * - pre-tax credits leave Σ nets at or above min(0, Σ nets without them): never below zero by their draw;
 *   and pre-tax credits that drew anything leave the total at or above zero;
 * - tax adds up per rate and per line, rounded as the contract says; exempt and reverse charge pay 0;
 * - credit balances never go below zero and move by exactly what was burned;
 * - a charge that is not a credit never bills below zero (but for the credit of unused time);
 * - every event is accounted for: read = counted + Σ excluded;
 * - each line's breakdown adds up and rounds once (lineLaws.ts).
 */

/** What the laws need besides the invoice. */
export interface InvoiceLawContext {
  readonly contract: Contract;
  /** How many events were given, when known (every one is read). */
  readonly eventsGiven?: number;
}

/** Asserts every invoice law. */
export function expectInvoiceLaws(invoice: Invoice, context: InvoiceLawContext): void {
  expectCanonicalJson(invoice);
  const { contract } = context;
  expectDigests(invoice, contract);
  const minor = contract.currency.minorUnits;
  expect(invoice.currency).toEqual({ code: contract.currency.code, minorUnits: minor });
  expectRoundedFigures(invoice, contract);
  expect(new Set(invoice.lines.map((line) => line.id)).size, "line ids are unique").toBe(
    invoice.lines.length,
  );
  for (const line of invoice.lines) expectLineLaws(line, minor, invoice.rounding.mode);
  expectTotals(invoice);
  expectSpreads(invoice);
  expectTax(invoice);
  expectCredits(invoice);
  expectNoNegativeCharges(invoice, contract);
  expectAllowances(invoice);
  expectUsageAccounted(invoice, context.eventsGiven);
}

/** Valid against the schema; a JSON round trip gives the same data and the same text. */
function expectCanonicalJson(invoice: Invoice): void {
  // Decimal fields are plain decimal text by the schema (a line's unitPrice included: a number, never a
  // word); counts are JSON numbers, which must be finite (JSON.stringify would write NaN as null).
  walk(invoice, (value, path) => {
    if (typeof value === "number") expect(Number.isFinite(value), `${path} is a finite number`).toBe(true);
  });
  const text = JSON.stringify(invoice);
  const parsed = invoiceSchema.parse(JSON.parse(text));
  expect(parsed).toEqual(invoice);
  expect(JSON.stringify(parsed)).toBe(text);
}

/**
 * The seals (docs/invoice-format.md, "Digests"): `digest` is the SHA-256 of the canonical form of every
 * other field, computed here by a second implementation (node:crypto over test/_support/canonicalText.ts),
 * and `contractDigest` is the digest of the contract as written.
 */
function expectDigests(invoice: Invoice, contract: Contract): void {
  const { digest, ...content } = invoice;
  expect(digest, "digest = SHA-256 of the canonical invoice").toBe(sha256Of(content));
  expect(invoice.contractDigest, "contractDigest = the contract's").toBe(contract.digest);
}

/** `sha256:` and the hex SHA-256 of a JSON value's canonical text. */
function sha256Of(value: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalText(value), "utf8").digest("hex")}`;
}

function walk(value: unknown, visit: (value: unknown, path: string) => void, path = "invoice"): void {
  visit(value, path);
  if (Array.isArray(value)) {
    for (const [index, child] of value.entries()) walk(child, visit, `${path}[${index}]`);
  } else if (value !== null && typeof value === "object")
    for (const [key, child] of Object.entries(value)) walk(child, visit, `${path}.${key}`);
}

const decimalsOf = (text: string) => (text.includes(".") ? text.length - text.indexOf(".") - 1 : 0);

/** Every rounded figure has exactly the minor units of its currency (or of the grant's unit). */
function expectRoundedFigures(invoice: Invoice, contract: Contract): void {
  const minor = contract.currency.minorUnits;
  const rounded = (text: string | undefined, what: string, decimals = minor) => {
    if (text === undefined) return;
    expect(decimalsOf(text), `${what} = ${text} has ${decimals} decimals`).toBe(decimals);
  };
  rounded(invoice.subtotal, "subtotal");
  rounded(invoice.total, "total");
  rounded(invoice.amountDue, "amountDue");
  for (const line of invoice.lines) {
    rounded(line.amount, `${line.id}.amount`);
    rounded(line.net, `${line.id}.net`);
    for (const adjustment of line.adjustments ?? []) rounded(adjustment.amount, `${line.id} adjustment`);
  }
  for (const discount of invoice.discounts ?? []) {
    for (const figure of [discount.base, discount.amount, discount.fixed])
      rounded(figure, `discount ${discount.id}`);
    for (const part of discount.allocation) rounded(part.amount, `discount ${discount.id} allocation`);
  }
  for (const commitment of invoice.commitments ?? []) {
    const { minimum, maximum, spend, trueUp, overage, cap } = commitment;
    for (const figure of [minimum, maximum, spend, trueUp, overage, cap])
      rounded(figure, `commitment ${commitment.id}`);
    for (const part of commitment.allocation ?? [])
      rounded(part.amount, `commitment ${commitment.id} allocation`);
  }
  for (const credit of invoice.credits ?? []) {
    const unitDecimals =
      credit.unit === undefined
        ? minor
        : contract.customUnits.find((unit) => unit.code === credit.unit)!.minorUnits;
    rounded(credit.applied, `credit ${credit.id}.applied`);
    rounded(credit.balanceBefore, `credit ${credit.id}.balanceBefore`, unitDecimals);
    rounded(credit.balanceAfter, `credit ${credit.id}.balanceAfter`, unitDecimals);
    rounded(credit.unitsUsed, `credit ${credit.id}.unitsUsed`, unitDecimals);
    for (const part of credit.allocation ?? []) rounded(part.amount, `credit ${credit.id} allocation`);
  }
  if (invoice.tax !== undefined) {
    rounded(invoice.tax.total, "tax.total");
    rounded(invoice.tax.net, "tax.net");
    for (const rate of invoice.tax.rates) {
      rounded(rate.base, `tax ${rate.rate}.base`);
      rounded(rate.amount, `tax ${rate.rate}.amount`);
      for (const share of rate.lines) rounded(share.rounded, `tax ${rate.rate} on ${share.line}`);
    }
  }
}

const sum = (figures: ReadonlyArray<string | undefined>) =>
  figures.reduce((total, figure) => (figure === undefined ? total : total.plus(figure)), new Exact(0));

const netOf = (line: Invoice["lines"][number]) => line.net ?? line.amount;

/** subtotal, nets, total and amount due chain as docs/contracts.md's identity says. */
function expectTotals(invoice: Invoice): void {
  expect(same(invoice.subtotal, sum(invoice.lines.map((line) => line.amount))), "subtotal = Σ lines").toBe(
    true,
  );
  for (const line of invoice.lines) {
    const adjustments = line.adjustments ?? [];
    expect(line.net !== undefined, `${line.id} has a net exactly when it has adjustments`).toBe(
      adjustments.length > 0,
    );
    if (line.net !== undefined)
      expect(same(line.net, sum([line.amount, ...adjustments.map((a) => a.amount)])), `${line.id}: net`).toBe(
        true,
      );
  }
  const nets = sum(invoice.lines.map(netOf));
  const reductions = sum([
    ...(invoice.discounts ?? []).map((discount) => discount.amount),
    ...(invoice.commitments ?? []).map((commitment) => commitment.cap),
    ...(invoice.credits ?? [])
      .filter((credit) => credit.stage === "before_tax")
      .map((credit) => credit.applied),
  ]);
  expect(same(nets, new Exact(invoice.subtotal).plus(reductions)), "Σ nets = subtotal + reductions").toBe(
    true,
  );
  // Pre-tax credits draw only what the invoice's net is above zero (docs/contracts.md, step 8): they
  // leave Σ nets at or above min(0, Σ nets without them), so never pay a grant out as money owed.
  const preTax = sum(
    (invoice.credits ?? []).filter((credit) => credit.stage === "before_tax").map((credit) => credit.applied),
  );
  const withoutPreTax = nets.minus(preTax);
  expect(
    nets.greaterThanOrEqualTo(Exact.min(withoutPreTax, 0)),
    `pre-tax credits leave Σ nets ${nets.toFixed()} ≥ min(0, ${withoutPreTax.toFixed()})`,
  ).toBe(true);
  const tax = invoice.tax?.mode === "exclusive" ? invoice.tax.total : "0";
  expect(same(invoice.total, nets.plus(tax)), "total = Σ nets + exclusive tax").toBe(true);
  // …nor take the total after tax below zero: a grant draws only against a total above zero, and stops
  // at zero (a negative line taxed at another rate than the lines drawn on, or each line's tax rounded).
  expect(
    preTax.isZero() || !new Exact(invoice.total).isNegative(),
    `pre-tax credits drew ${preTax.toFixed()} and leave the total ${invoice.total} at or above zero`,
  ).toBe(true);
  const afterTax = (invoice.credits ?? []).filter((credit) => credit.stage === "after_tax");
  expect(invoice.amountDue !== undefined, "amountDue exactly with credits after tax").toBe(
    afterTax.length > 0,
  );
  if (invoice.amountDue !== undefined) {
    const due = Exact.max(new Exact(invoice.total), 0).plus(sum(afterTax.map((credit) => credit.applied)));
    expect(same(invoice.amountDue, due), "amountDue = total less post-tax credits").toBe(true);
    expect(due.isNegative() && !due.isZero(), "amountDue is never negative").toBe(false);
  }
}

/** Each discount, cap and pre-tax credit is spread over lines to the minor unit, as their adjustments. */
function expectSpreads(invoice: Invoice): void {
  const spreads = [
    ...(invoice.discounts ?? []).map((d) => ({
      kind: "discount",
      id: d.id,
      amount: d.amount,
      parts: d.allocation,
    })),
    ...(invoice.commitments ?? [])
      .filter((c) => c.cap !== undefined)
      .map((c) => ({ kind: "commitment_cap", id: c.id, amount: c.cap!, parts: c.allocation ?? [] })),
    ...(invoice.credits ?? [])
      .filter((c) => c.stage === "before_tax")
      .map((c) => ({ kind: "credit", id: c.id, amount: c.applied, parts: c.allocation ?? [] })),
  ];
  for (const spread of spreads) {
    const what = `${spread.kind} ${spread.id}`;
    expect(same(sum(spread.parts.map((part) => part.amount)), spread.amount), `${what}: parts add up`).toBe(
      true,
    );
    for (const part of spread.parts) {
      const line = invoice.lines.find((candidate) => candidate.id === part.line);
      const taken = (line?.adjustments ?? []).filter((a) => a.kind === spread.kind && a.source === spread.id);
      expect(same(sum(taken.map((a) => a.amount)), part.amount), `${what} on ${part.line}`).toBe(true);
    }
    const onLines = invoice.lines.flatMap((line) =>
      (line.adjustments ?? []).filter((a) => a.kind === spread.kind && a.source === spread.id),
    );
    expect(same(sum(onLines.map((a) => a.amount)), spread.amount), `${what}: nothing off the record`).toBe(
      true,
    );
  }
}

/** Tax per rate adds up from its lines, rounded per line or per invoice; exempt and reverse charge pay 0. */
function expectTax(invoice: Invoice): void {
  const tax = invoice.tax;
  if (tax === undefined) return;
  const minor = invoice.currency.minorUnits;
  const mode = invoice.rounding.mode;
  for (const rate of tax.rates) {
    if (tax.rounding === "per_line") {
      const expected = sum(rate.lines.map((share) => roundedAs(share.exact, minor, mode)));
      expect(same(rate.amount, expected), `tax ${rate.rate} rounds per_line`).toBe(true);
    } else {
      const [low, high] = perInvoiceRoundings(rate.lines, minor, mode);
      expect(
        new Exact(rate.amount).greaterThanOrEqualTo(low) && new Exact(rate.amount).lessThanOrEqualTo(high),
        `tax ${rate.rate} rounds per_invoice: ${rate.amount} is from ${low} to ${high}`,
      ).toBe(true);
    }
    expect(same(rate.base, sum(rate.lines.map((share) => share.base))), `tax ${rate.rate} base`).toBe(true);
    for (const share of rate.lines) {
      const line = invoice.lines.find((candidate) => candidate.id === share.line);
      expect(
        line !== undefined && same(share.base, netOf(line)),
        `tax ${rate.rate} on ${share.line}'s net`,
      ).toBe(true);
    }
  }
  expect(same(tax.total, sum(tax.rates.map((rate) => rate.amount))), "tax total").toBe(true);
  if (tax.notes.length > 0) expect(same(tax.total, "0"), "exempt or reverse charge pays no tax").toBe(true);
  const nets = sum(invoice.lines.map(netOf));
  expect(same(tax.net, tax.mode === "inclusive" ? nets.minus(tax.total) : nets), "tax.net").toBe(true);
}

/**
 * What a rate's tax rounded once per invoice may be: the rounding of the sum of its lines' exact taxes
 * (docs/tax.md). The product adds the lines' taxes as fractions and divides once (src/money/exactQuotient.ts);
 * each `exact` it writes is that line's fraction to 50 significant digits, so Σ exact can miss the true
 * sum by up to a unit of the 50th digit of each share that does not end within them (one that does, a tie
 * such as 904.5, is exact). Rounding is monotone: the true sum's rounding lies between the roundings of
 * Σ exact less and plus that error, or on a figure between them. The two are the same figure, so the law
 * exact, unless the sum lies within that error (10^-47 for shares in the hundreds) of a rounding boundary;
 * there (5,427 POINTS gross at 25 % + 25 % inclusive: 904.5 a rate, whose 50-digit shares 896.1666…667 +
 * 8.3333…333 add to a hair above it) either neighbour is the rounding of a sum the shares allow, and
 * about zero, rounded away from it ("up"), so is zero itself, between −0.00000001 and 0.00000001.
 * A rounded share whose 50th digit is 0 is written with 49 (−0.1011758877310924369747899159663865546218487394958, 19/119 of −0.63368056):
 * counting only shares of 50 digits as rounded, the law missed its error and refused a true 0.00000000
 * (the lines' bases add to exactly 0) as −0.00000001 rounded up. A share of 40 digits or more is taken as
 * rounded; an exact tax on money has far fewer (a net of 12 digits times a percent of 6, over 100).
 */
function perInvoiceRoundings(
  shares: ReadonlyArray<{ readonly exact: string }>,
  minor: number,
  mode: string,
): readonly [string, string] {
  const total = sum(shares.map((share) => share.exact));
  const error = shares.reduce((bound, share) => {
    const exact = new Exact(share.exact);
    return exact.precision() < 40 ? bound : bound.plus(new Exact(10).pow(exact.e - 49));
  }, new Exact(0));
  return [
    roundedAs(total.minus(error).toFixed(), minor, mode),
    roundedAs(total.plus(error).toFixed(), minor, mode),
  ];
}

/** Balances never go negative and move by exactly what was burned. */
function expectCredits(invoice: Invoice): void {
  for (const credit of invoice.credits ?? []) {
    const what = `credit ${credit.id}`;
    expect(new Exact(credit.applied).lessThanOrEqualTo(0), `${what} applies a reduction`).toBe(true);
    expect(
      new Exact(credit.balanceAfter).isNegative() && !new Exact(credit.balanceAfter).isZero(),
      `${what} balance`,
    ).toBe(false);
    const used = credit.unitsUsed ?? new Exact(credit.applied).negated().toFixed();
    expect(
      same(new Exact(credit.balanceBefore).minus(used), credit.balanceAfter),
      `${what}: after = before − used`,
    ).toBe(true);
  }
}

/** Lines of charges that are not credits never bill below zero, before or after adjustments. */
function expectNoNegativeCharges(invoice: Invoice, contract: Contract): void {
  const credits = new Set(
    [...contract.charges, ...contract.amendments.flatMap((amendment) => amendment.charges)]
      .filter((charge) => charge.credit === true)
      .map((charge) => charge.id),
  );
  for (const line of invoice.lines) {
    if (credits.has(line.chargeId) || line.steps.some((step) => step.kind === "unused_time")) continue;
    expect(
      new Exact(line.amount).isNegative() && !new Exact(line.amount).isZero(),
      `${line.id} amount ≥ 0`,
    ).toBe(false);
    expect(
      new Exact(netOf(line)).isNegative() && !new Exact(netOf(line)).isZero(),
      `${line.id} net ≥ 0`,
    ).toBe(false);
  }
}

/** Each pool gives out what it holds at most, and says what is left. */
function expectAllowances(invoice: Invoice): void {
  for (const pool of invoice.allowances ?? []) {
    // what was drawn and what is left make the pool (draws of 50 digits add up within those digits)
    const drawn = sum(pool.drawn.map((draw) => draw.quantity));
    expect(sameAtWorkingPrecision(drawn.plus(pool.remaining), pool.quantity), `pool ${pool.id} adds up`).toBe(
      true,
    );
    expect(
      new Exact(pool.remaining).isNegative() && !new Exact(pool.remaining).isZero(),
      `pool ${pool.id} remaining ≥ 0`,
    ).toBe(false);
  }
}

/** read = counted + Σ excluded; reasons in the documented order; samples sorted, at most five. */
function expectUsageAccounted(invoice: Invoice, eventsGiven: number | undefined): void {
  const usage = invoice.usage;
  const excluded = usage.excluded.reduce((total, entry) => total + entry.events, 0);
  expect(usage.eventsRead, "read = counted + excluded").toBe(usage.eventsCounted + excluded);
  if (eventsGiven !== undefined) expect(usage.eventsRead, "every event given is read").toBe(eventsGiven);
  const order = usage.excluded.map((entry) => EXCLUSION_REASONS.indexOf(entry.reason));
  expect(order, "reasons in the documented order, each once").toEqual(
    [...new Set(order)].sort((a, b) => a - b),
  );
  for (const entry of usage.excluded) {
    expect(entry.sampleIds.length).toBeLessThanOrEqual(Math.min(5, entry.events));
    expect(entry.sampleIds).toEqual([...entry.sampleIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
