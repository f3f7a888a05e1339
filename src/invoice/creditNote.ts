import type { z } from "zod/mini";
import type { Contract } from "../contracts/index.js";
import { InputError, invoiceMessages, toJsonPath } from "../errors/index.js";

import { type Decimal, decimalOfText, roundTo, toFixedString, ZERO } from "../money/index.js";
import { modelOfPrice, type PriceTerms, rateWithModel } from "../pricing/index.js";
import {
  type CorrectionTerms,
  CREDIT_NOTE_SCHEMA_VERSION,
  type CreditNote,
  correctionsSchema,
  toInputError,
  toProblems,
  withDigest,
} from "../schema/index.js";
import { parseInstant } from "../time/index.js";
import { assertCreditable } from "./assertCreditable.js";
import { settlingOf } from "./creditNoteEarlier.js";
import { noteTotal } from "./creditNoteRounding.js";
import { settleNote } from "./creditNoteSettlement.js";
import { creditedTax } from "./creditNoteTax.js";
import { unitOf, unitsInWords } from "./creditNoteUnits.js";
import { requireContract, requireOptions } from "./entryArguments.js";
import type { Invoice, InvoiceLine } from "./invoiceSchema.js";
import { creditNoteReaderSchema, invoiceReaderSchema } from "./parseIssued.js";
import { netOf } from "./spreadReduction.js";
import { chargesAt } from "./termsAt.js";
import { refuseUnitsUnderCommitment } from "./unitsUnderCommitment.js";

type NotRerateable = invoiceMessages.NotRerateable;

/** Options of {@link issueCreditNote}. */
export interface CreditNoteOptions {
  /** Credit notes already issued against the invoice: a line is never credited beyond what it billed. */
  readonly previous?: ReadonlyArray<CreditNote>;
  /**
   * For the closing invoice of a progressive sequence: the earlier invoices of its period, as issued, in
   * order. A minimum it settled was settled on the whole period's spend, which a note of units must not
   * take below it (docs/credit-notes.md).
   */
  readonly earlier?: ReadonlyArray<Invoice>;
  /**
   * For an earlier invoice of a progressive sequence credited after its period closed: the closing
   * invoice, which settled the period's minimum on the spend this invoice holds part of. A note of units
   * is then checked against that minimum, with the close's earlier invoices (`earlier`, this one among
   * them); before the close, leave it out (the close takes the note).
   */
  readonly closing?: Invoice;
}

type CreditLine = CreditNote["lines"][number];

// A correction's errors are addressed from the argument that holds it, `corrections[0].line`, as the
// options' are from `options.`: a bare `[0].line` named no argument the caller wrote.
function correctionPath(index: number, field?: "kind" | "line" | "amount" | "quantity"): string {
  return toJsonPath(field === undefined ? ["corrections", index] : ["corrections", index, field]);
}

// The invoice and earlier credit notes are documents ratecard wrote: anything else (null, a contract,
// a hand-edited file) is refused with the path of the first problem inside it.
function requireDocument(
  schema: z.ZodMiniType,
  value: unknown,
  path: ReadonlyArray<PropertyKey>,
  subject: string,
  expected: string,
): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  const [problem] = toProblems(result.error.issues, value, path, schema);
  throw InputError.from(
    invoiceMessages.documentRefused(subject, expected, problem?.message),
    problem?.path ?? toJsonPath(path),
  );
}

// The names of CreditNoteOptions: any other is a typo (`previousNotes`), refused as rateInvoice refuses
// one, since ignoring it would credit a line again past the notes it meant to count.
const CREDIT_NOTE_OPTIONS: ReadonlyArray<string> = ["previous", "earlier", "closing"];

function requireCreditNoteOptions(options: unknown): void {
  requireOptions(options, CREDIT_NOTE_OPTIONS);
  const { previous } = options as { previous?: unknown };
  if (previous === undefined) return;
  if (!Array.isArray(previous))
    throw InputError.from(invoiceMessages.previousNotList(previous), "options.previous");
  previous.forEach((note, index) => {
    requireDocument(
      creditNoteReaderSchema(),
      note,
      ["options", "previous", index],
      `previous credit note ${index + 1}`,
      "a credit note ratecard issued",
    );
  });
}

/**
 * Issues a credit note against an issued invoice: one line per correction, each referencing the
 * invoice line it corrects, with the tax of the credited amounts worked out as the invoice's was.
 * - `invoice` credits what remains of every line; `line` what remains of one line;
 * - `amount` credits part of a line (whole minor units);
 * - `quantity` takes units off a line and re-rates it with the line's price: the credit is what the
 *   line billed minus what the remaining units cost (graduated tiers are walked again, not averaged).
 * A line is never credited beyond what it billed, counting the `previous` credit notes. The invoice
 * must be the one ratecard issued from this contract, unchanged, and the `previous` notes intact and
 * issued against it (`assertCreditable`, internal); the note carries the invoice's digest and its own.
 * @throws InputError `invalid_field`, `unknown_line`, `credit_exceeds_invoiced` at the correction's path
 *   (`corrections[i]`, `corrections[i].line`, `.amount`, `.quantity` or `.kind`);
 *   `contract_mismatch`, `currency_mismatch`, `digest_mismatch`, `credit_note_mismatch`, `duplicate_id`
 *   when the invoice or an earlier note does not belong (docs/credit-notes.md, "What is checked");
 *   `unparsed_contract` for contract JSON not passed through `parseContract`; `invalid_argument` for an
 *   invoice or a previous credit note that is not a ratecard document (path into it, e.g.
 *   `invoice.lines[0].amount`), for an option name it does not know (at `options.<name>`), and for
 *   `earlier` invoices that are not the ones a progressive close subtracted, or none where a note of
 *   units needs them (at `options.earlier…`)
 */
export function issueCreditNote(
  contract: Contract,
  invoice: Invoice,
  corrections: unknown,
  options: CreditNoteOptions = {},
): CreditNote {
  requireContract(contract);
  requireDocument(invoiceReaderSchema(), invoice, ["invoice"], "the invoice", "an invoice ratecard issued");
  requireCreditNoteOptions(options);
  const previous = options.previous ?? [];
  assertCreditable(contract, invoice, previous);
  const { settling, earlier, taken } = settlingOf(invoice, options);
  const parsed = correctionsSchema.safeParse(corrections);
  if (!parsed.success)
    throw toInputError("input", toProblems(parsed.error.issues, corrections, ["corrections"]));
  const { minorUnits } = invoice.currency;
  const { credited, unitsTaken, unitsCredited } = creditedSoFar(previous, taken);
  const creditedBeforeNote: ReadonlyMap<string, Decimal> = new Map(credited);
  const lines: CreditLine[] = [];
  parsed.data.forEach((correction, index) => {
    for (const line of linesOf(correction, invoice, index)) {
      const creditedBefore = credited.get(line.id) ?? ZERO;
      // A line is credited at most what it cost after its discounts.
      const billed = line.net ?? line.amount;
      const remaining = ZERO.plus(billed).minus(creditedBefore);
      // Crediting the whole invoice credits what remains; a line already credited in full has none. A
      // credit line (negative) is taken back with the whole invoice, and only so.
      if (correction.kind === "invoice" && remaining.isZero()) continue;
      const takesBackCredit = ZERO.greaterThan(billed);
      if (correction.kind !== "invoice" && takesBackCredit) {
        const creditLine = invoiceMessages.creditOfCreditLine(line.id, billed);
        throw InputError.from(creditLine, correctionPath(index, "line"));
      }
      const unitsBefore = unitsTaken.get(line.id) ?? ZERO;
      const credit = creditFor(correction, line, remaining, unitsBefore, contract, index, minorUnits);
      if (credit.quantity !== undefined) {
        unitsCredited.set(line.id, (unitsCredited.get(line.id) ?? ZERO).plus(credit.amount));
        refuseUnitsUnderCommitment(
          contract,
          { invoice, settling, earlier },
          line,
          unitsCredited,
          correctionPath(index, "kind"),
        );
      }
      if (!takesBackCredit && (credit.amount.greaterThan(remaining) || !credit.amount.greaterThan(0))) {
        const exceeds = invoiceMessages.creditExceedsRemaining({
          lineId: line.id,
          billed,
          creditedBefore: toFixedString(creditedBefore, minorUnits),
          amount: toFixedString(credit.amount, minorUnits),
          remaining: toFixedString(remaining, minorUnits),
        });
        throw InputError.from(exceeds, correctionPath(index));
      }
      credited.set(line.id, creditedBefore.plus(credit.amount));
      if (credit.quantity !== undefined) unitsTaken.set(line.id, unitsBefore.plus(credit.quantity));
      lines.push({
        id: `${line.id}:credit:${lines.length + 1}`,
        corrects: line.id,
        name: line.name,
        reason: correction.reason,
        invoiced: billed,
        creditedBefore: toFixedString(creditedBefore, minorUnits),
        ...(credit.quantity !== undefined
          ? { quantity: credit.quantity, ...unitOf(line), rerated: credit.rerated }
          : {}),
        amount: toFixedString(credit.amount, minorUnits),
      });
    }
  });
  const subtotal = lines.reduce((sum, line) => sum.plus(line.amount), ZERO);
  requireWithinInvoice(invoice, creditedBeforeNote, subtotal);
  const tax = creditedTax(contract, invoice, lines, subtotal, {
    before: creditedBeforeNote,
    after: credited,
  });
  const exact = tax !== undefined && tax.mode === "exclusive" ? subtotal.plus(tax.total) : subtotal;
  const { total, rounding } = noteTotal(exact, invoice, previous, contract.rounding);
  const totals = {
    before: totalCredited(previous),
    note: decimalOfText(total),
    earlierNotes: previous.length,
  };
  const settlement = settleNote(invoice, { before: creditedBeforeNote, after: credited }, totals);
  return withDigest<CreditNote>({
    schemaVersion: CREDIT_NOTE_SCHEMA_VERSION,
    id: `${invoice.id}:credit-note:${previous.length + 1}`,
    invoiceId: invoice.id,
    invoiceDigest: invoice.digest,
    contractId: invoice.contractId,
    customer: invoice.customer,
    currency: invoice.currency,
    lines,
    subtotal: toFixedString(subtotal, minorUnits),
    ...(tax !== undefined ? { tax } : {}),
    total,
    ...(rounding !== undefined ? { rounding } : {}),
    ...(settlement !== undefined ? { settlement } : {}),
  });
}

// Each line is credited within what it charged, but an invoice with credit lines (unused seat time,
// −40.00) billed less than its charges: notes crediting every charge one by one would give back the
// credit lines' amount on top. What the notes credit in all, before tax, stays within what the lines
// billed in all; a note of the whole invoice takes its credit lines back and so stays within it.
function requireWithinInvoice(
  invoice: Invoice,
  creditedBefore: ReadonlyMap<string, Decimal>,
  subtotal: Decimal,
): void {
  const { minorUnits } = invoice.currency;
  if (subtotal.isNegative()) {
    const charges = invoiceMessages.creditNoteCharges(invoice.id, toFixedString(subtotal, minorUnits));
    throw InputError.from(charges, "corrections");
  }
  const billed = invoice.lines.reduce((sum, line) => sum.plus(netOf(line)), ZERO);
  const before = [...creditedBefore.values()].reduce((sum, amount) => sum.plus(amount), ZERO);
  if (!before.plus(subtotal).greaterThan(billed)) return;
  const exceeds = invoiceMessages.creditExceedsInvoice({
    invoiceId: invoice.id,
    billed: toFixedString(billed, minorUnits),
    creditedBefore: toFixedString(before, minorUnits),
    amount: toFixedString(subtotal, minorUnits),
  });
  throw InputError.from(exceeds, "corrections");
}

// What the earlier notes credited in all: their totals, which the settlement's running totals start from.
function totalCredited(previous: ReadonlyArray<CreditNote>): Decimal {
  return previous.reduce((sum, note) => sum.plus(note.total), ZERO);
}

// What earlier notes credited per line: the money, and the units taken off by quantity corrections (a
// later quantity correction re-rates from what those left). Every note is one against this invoice
// (assertCreditable refuses any other).
function creditedSoFar(previous: ReadonlyArray<CreditNote>, taken: ReadonlySet<string>) {
  const credited = new Map<string, Decimal>();
  const unitsTaken = new Map<string, Decimal>();
  // the money credited for units taken off, by line, that the spend a minimum settled on still holds:
  // all of it, but the notes a progressive close took (`taken`), whose units its spend left out already
  const unitsCredited = new Map<string, Decimal>();
  const add = (map: Map<string, Decimal>, id: string, value: string) =>
    map.set(id, (map.get(id) ?? ZERO).plus(value));
  for (const note of previous) {
    for (const line of note.lines) {
      add(credited, line.corrects, line.amount);
      if (line.quantity === undefined) continue;
      add(unitsTaken, line.corrects, line.quantity);
      if (!taken.has(note.id)) add(unitsCredited, line.corrects, line.amount);
    }
  }
  return { credited, unitsTaken, unitsCredited };
}

function linesOf(correction: CorrectionTerms, invoice: Invoice, index: number): InvoiceLine[] {
  if (correction.kind === "invoice") return invoice.lines.filter((line) => !netOf(line).isZero());
  const line = invoice.lines.find((candidate) => candidate.id === correction.line);
  if (line === undefined) {
    throw InputError.from(
      invoiceMessages.unknownLine(invoice.id, correction.line),
      correctionPath(index, "line"),
    );
  }
  return [line];
}

function creditFor(
  correction: CorrectionTerms,
  line: InvoiceLine,
  remaining: Decimal,
  unitsBefore: Decimal,
  contract: Contract,
  index: number,
  minorUnits: number,
): { amount: Decimal; quantity?: string; rerated?: string } {
  if (correction.kind === "invoice" || correction.kind === "line") return { amount: remaining };
  if (correction.kind === "amount") {
    if (correction.amount.decimalPlaces() > minorUnits) {
      const finer = invoiceMessages.creditNotInMinorUnits(correction.amount.toFixed(), minorUnits);
      throw InputError.from(finer, correctionPath(index, "amount"));
    }
    return { amount: correction.amount };
  }
  const price = priceOfLine(contract, line, index);
  const earlier = billedEarlierOf(line);
  // On a progressive or closing invoice the line bills the cumulative usage less what the earlier
  // invoices billed: the units it keeps sit above theirs in the tiers, and their money is taken off.
  const rerate = (quantity: Decimal) =>
    roundTo(rateWithModel(price, quantity.plus(earlier.quantity)).amount, minorUnits, contract.rounding).plus(
      earlier.amount,
    );
  // Units taken off earlier are gone: this correction walks the tiers down from what they left.
  const left = ZERO.plus(line.quantity).minus(unitsBefore);
  const kept = left.minus(correction.quantity);
  if (kept.isNegative()) {
    const units = (quantity: Decimal | string) => unitsInWords(ZERO.plus(quantity).toFixed(), line);
    const exceeds = invoiceMessages.unitsCreditExceeds(line.id, {
      billed: units(line.quantity),
      before: unitsBefore.isZero() ? undefined : units(unitsBefore),
      left: units(left),
      asked: units(correction.quantity),
    });
    throw InputError.from(exceeds, correctionPath(index, "quantity"));
  }
  const rerated = rerate(kept);
  return {
    amount: (unitsBefore.isZero() ? ZERO.plus(line.amount) : rerate(left)).minus(rerated),
    quantity: correction.quantity.toFixed(),
    rerated: toFixedString(rerated, minorUnits),
  };
}

// What the earlier invoices of a progressive sequence billed for the line (its `billed_earlier` step,
// docs/progressive-billing.md): their units, and their money negated; none on any other invoice.
function billedEarlierOf(line: InvoiceLine): { readonly quantity: Decimal; readonly amount: Decimal } {
  for (const step of line.steps)
    if (step.kind === "billed_earlier")
      return { quantity: ZERO.plus(step.quantity), amount: ZERO.plus(step.amount) };
  return { quantity: ZERO, amount: ZERO };
}

// The price that rated the line: the charge's, or its group's cell for grouped and matrix charges.
function priceOfLine(contract: Contract, line: InvoiceLine, index: number): PriceTerms {
  // The terms in force when the line's period starts: an amendment's piece is re-rated with the price
  // that rated it, not the contract's first one (an overridden line is refused below).
  const charge = chargesAt(contract, parseInstant(line.period.start)).find(
    (candidate) => candidate.id === line.chargeId,
  );
  const grouping = charge === undefined ? undefined : modelOfPrice(charge.price).grouping;
  const price =
    charge === undefined
      ? undefined
      : grouping !== undefined
        ? grouping.priceFor(charge.price, line.group ?? {})
        : charge.price;
  const reason = price === undefined ? "unpriced" : whyNotRerateable(line, price);
  if (reason !== undefined || price === undefined)
    throw InputError.from(
      invoiceMessages.lineNotRerateable(line.id, reason ?? "unpriced"),
      correctionPath(index, "kind"),
    );
  return price;
}

// The steps whose line cannot be re-rated from a quantity alone, each its own reason, in the order they
// are looked for (a share line's transform is said as its share, the more telling of the two).
const UNRERATEABLE_STEPS: ReadonlySet<NotRerateable> = new Set<NotRerateable>([
  // An override changed the price the line was rated with; the contract's charge does not have it.
  "override",
  // A pool's draw depends on the other pooled lines; crediting units would have to redraw it.
  "allowance",
  // A share of groups rated as one: its amount is the groups' total split by usage.
  "group_share",
  "billable_quantity",
  // Before proration: a line at its full quantity's tiers is prorated too, and the tiers are the reason.
  "full_quantity_tiers",
  "proration",
  // Priced window by window: units credited off the total have no window to come off.
  "window_pricing",
  "line_limit",
]);

// Why the line's amount does not follow from its quantity under `price`, or undefined when it does.
function whyNotRerateable(line: InvoiceLine, price: PriceTerms): NotRerateable | undefined {
  const model = modelOfPrice(price);
  if (!model.usesQuantity || model.needsEventValues) return "no_quantity";
  // A discounted line's credit would have to be discounted too: credit an amount for those.
  if (line.adjustments !== undefined && line.adjustments.length > 0) return "discounted";
  for (const kind of UNRERATEABLE_STEPS)
    if (line.steps.some((step) => step.kind === kind)) return kind as NotRerateable;
  return undefined;
}
