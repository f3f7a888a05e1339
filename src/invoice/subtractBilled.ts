import {
  addExactly,
  Decimal,
  decimalsOfText,
  exactDifference,
  toFixedString,
  toPlainString,
  ZERO,
} from "../money/index.js";
import type { AppliedAllowance, AppliedCommitment, AppliedCredit } from "../schema/index.js";
import type { Invoice, InvoiceLine } from "./invoiceSchema.js";
import { less, type Money } from "./lessBilled.js";
import {
  commitmentWithNothingNow,
  creditWithNothingNow,
  discountWithNothingNow,
  poolWithNothingDrawn,
} from "./nothingRatedNow.js";
import { subtractTax } from "./subtractTax.js";

/** The figures of an invoice that {@link subtractBilled} works out: what an invoice bills. */
export type BilledFigures = Pick<
  Invoice,
  | "lines"
  | "allowances"
  | "subtotal"
  | "discounts"
  | "commitments"
  | "credits"
  | "creditBurnOrder"
  | "tax"
  | "total"
  | "amountDue"
>;

/**
 * The invoice rated on the usage so far less what earlier invoices of the period billed, figure by
 * figure (docs/progressive-billing.md): each line's quantity and amount (with a `billed_earlier` step
 * when an earlier invoice billed it; a line only earlier invoices have is reversed), each discount's,
 * commitment's, credit grant's, allowance pool's and tax rate's flows, the subtotal, the total and the
 * amount due. Rates, terms and balances after are the cumulative invoice's. Every flow is a plain
 * difference, so the earlier invoices plus this one add up to the cumulative invoice exactly.
 */
export function subtractBilled(cumulative: Invoice, earlier: ReadonlyArray<Invoice>): BilledFigures {
  const minor = cumulative.currency.minorUnits;
  const money = (now: string | undefined, before: ReadonlyArray<string | undefined>) =>
    toFixedString(less(now, before), minor);
  // The total and amount due are differences of figures rounded to the currency (lines may be finer,
  // `rounding.lineDecimals`), so they are written in the currency's decimals as every total is.
  const settledMinor = cumulative.rounding?.total?.minorUnits ?? minor;
  const settled = (now: string | undefined, before: ReadonlyArray<string | undefined>) =>
    toFixedString(less(now, before), settledMinor);
  const ids = earlier.map((invoice) => invoice.id);
  const lines = subtractLines(cumulative.lines, earlier, ids, minor);
  const allowances = keyed(
    cumulative.allowances,
    earlier,
    (i) => i.allowances,
    "id",
    subtractAllowance,
    poolWithNothingDrawn,
  );
  const discounts = keyed(
    cumulative.discounts,
    earlier,
    (i) => i.discounts,
    "id",
    (now, before) => ({
      ...now,
      base: money(
        now.base,
        before.map((item) => item.base),
      ),
      amount: money(
        now.amount,
        before.map((item) => item.amount),
      ),
      allocation: allocationLess(now.allocation, before, minor),
    }),
    discountWithNothingNow(minor),
  );
  const commitments = keyed(
    cumulative.commitments,
    earlier,
    (i) => i.commitments,
    "id",
    (now, before) => subtractCommitment(now, before, money, minor),
    commitmentWithNothingNow(minor),
  );
  const credits = keyed(
    cumulative.credits,
    earlier,
    (i) => i.credits,
    "id",
    (now, before, rated) => subtractCredit(now, before, { money, minor, rated }),
    creditWithNothingNow(minor),
  );
  const tax = subtractTax(cumulative.tax, earlier, money);
  const due = (invoice: Invoice) => invoice.amountDue ?? invoice.total;
  const anyDue = cumulative.amountDue !== undefined || earlier.some((i) => i.amountDue !== undefined);
  return {
    lines,
    ...(allowances ? { allowances } : {}),
    subtotal: toFixedString(
      lines.reduce((sum, line) => sum.plus(line.amount), ZERO),
      minor,
    ),
    ...(discounts ? { discounts } : {}),
    ...(commitments ? { commitments } : {}),
    ...(cumulative.creditBurnOrder !== undefined ? { creditBurnOrder: cumulative.creditBurnOrder } : {}),
    ...(credits ? { credits } : {}),
    ...(tax ? { tax } : {}),
    total: settled(
      cumulative.total,
      earlier.map((invoice) => invoice.total),
    ),
    ...(anyDue ? { amountDue: settled(due(cumulative), earlier.map(due)) } : {}),
  };
}

// Each line as rated on the usage so far, less what earlier invoices billed for the same line id; a line
// no earlier invoice billed is unchanged. Lines only earlier invoices have are reversed, after the others.
function subtractLines(
  now: ReadonlyArray<InvoiceLine>,
  earlier: ReadonlyArray<Invoice>,
  ids: ReadonlyArray<string>,
  minor: number,
): InvoiceLine[] {
  const billedLines = (id: string) =>
    earlier.flatMap((invoice) => invoice.lines.filter((line) => line.id === id));
  const known = new Set(now.map((line) => line.id));
  const gone = [...new Set(earlier.flatMap((invoice) => invoice.lines.map((line) => line.id)))].filter(
    (id) => !known.has(id),
  );
  const reversed = gone.map((id) => {
    const before = billedLines(id);
    // Nothing is rated now: no amount, no adjustments (the earlier ones are all given back) and no net.
    const { adjustments: _adjustments, net: _net, ...last } = before[before.length - 1]!;
    return lineLess(
      { ...last, quantity: "0", amount: toFixedString(ZERO, minor), steps: [] },
      before,
      ids,
      minor,
      false,
    );
  });
  return [
    ...now.map((line) => {
      const before = billedLines(line.id);
      return before.length === 0 ? line : lineLess(line, before, ids, minor, true);
    }),
    ...reversed,
  ];
}

function lineLess(
  line: InvoiceLine,
  before: ReadonlyArray<InvoiceLine>,
  ids: ReadonlyArray<string>,
  minor: number,
  rated: boolean,
): InvoiceLine {
  const billedQuantity = before.reduce<Decimal>((sum, item) => addExactly(sum, item.quantity), ZERO);
  const billedAmount = before.reduce<Decimal>((sum, item) => sum.plus(item.amount), ZERO);
  const { adjustments: _adjustments, net: _net, ...rest } = line;
  const adjustments = adjustmentsLess(line, before, minor);
  const amount = new Decimal(line.amount).minus(billedAmount);
  const netOf = (item: InvoiceLine) => item.net ?? item.amount;
  return {
    ...rest,
    quantity: toPlainString(exactDifference(new Decimal(line.quantity), billedQuantity)),
    amount: toFixedString(amount, minor),
    steps: [
      ...line.steps,
      {
        kind: "billed_earlier",
        invoices: [...ids],
        cumulativeQuantity: rated ? line.quantity : "0",
        cumulativeAmount: rated ? line.amount : toFixedString(ZERO, minor),
        quantity: toPlainString(billedQuantity),
        amount: toFixedString(billedAmount.negated(), minor),
      },
    ],
    ...(adjustments.length > 0
      ? { adjustments, net: toFixedString(less(netOf(line), before.map(netOf)), minor) }
      : {}),
  };
}

// The line's adjustments (discount, cap, credit by source) less the same adjustments billed earlier.
function adjustmentsLess(
  line: InvoiceLine,
  before: ReadonlyArray<InvoiceLine>,
  minor: number,
): NonNullable<InvoiceLine["adjustments"]> {
  const key = (item: { kind: string; source: string }) => `${item.kind}\u0000${item.source}`;
  const all = [...(line.adjustments ?? []), ...before.flatMap((item) => item.adjustments ?? [])];
  const seen = new Map(all.map((item) => [key(item), item]));
  return [...seen.values()].map((item) => ({
    kind: item.kind,
    source: item.source,
    amount: toFixedString(
      less(
        line.adjustments?.find((own) => key(own) === key(item))?.amount,
        before.flatMap((other) =>
          (other.adjustments ?? []).filter((own) => key(own) === key(item)).map((own) => own.amount),
        ),
      ),
      minor,
    ),
  }));
}

// Records kept by a key (discount, commitment, credit grant, pool ids): each record of the cumulative
// invoice less the records of the same key billed earlier; a record only earlier invoices have is
// subtracted from nothing. Undefined when no invoice has any.
function keyed<T extends Record<K, string>, K extends keyof T>(
  now: ReadonlyArray<T> | undefined,
  earlier: ReadonlyArray<Invoice>,
  of: (invoice: Invoice) => ReadonlyArray<T> | undefined,
  key: K,
  combine: (now: T, before: ReadonlyArray<T>, rated: boolean) => T,
  nothingNow: (last: T) => T,
): T[] | undefined {
  const before = earlier.flatMap((invoice) => of(invoice) ?? []);
  if (now === undefined && before.length === 0) return undefined;
  const own = now ?? [];
  const keys = [...new Set([...own.map((item) => item[key]), ...before.map((item) => item[key])])];
  return keys.map((value) => {
    const same = before.filter((item) => item[key] === value);
    const rated = own.find((item) => item[key] === value);
    return combine(rated ?? nothingNow(same[same.length - 1]!), same, rated !== undefined);
  });
}

function allocationLess(
  now: ReadonlyArray<{ line: string; amount: string }>,
  before: ReadonlyArray<{ allocation?: ReadonlyArray<{ line: string; amount: string }> | undefined }>,
  minor: number,
): Array<{ line: string; amount: string }> {
  const earlier = before.flatMap((item) => item.allocation ?? []);
  const lines = [...new Set([...now.map((item) => item.line), ...earlier.map((item) => item.line)])];
  return lines.map((line) => ({
    line,
    amount: toFixedString(
      less(
        now.find((item) => item.line === line)?.amount,
        earlier.filter((item) => item.line === line).map((item) => item.amount),
      ),
      minor,
    ),
  }));
}

function subtractAllowance(now: AppliedAllowance, before: ReadonlyArray<AppliedAllowance>): AppliedAllowance {
  const drawn = before.flatMap((item) => item.drawn);
  const lines = [...new Set([...now.drawn.map((item) => item.line), ...drawn.map((item) => item.line)])];
  return {
    ...now,
    drawn: lines.map((line) => ({
      line,
      quantity: toPlainString(
        less(
          now.drawn.find((item) => item.line === line)?.quantity,
          drawn.filter((item) => item.line === line).map((item) => item.quantity),
        ),
      ),
    })),
  };
}

// A commitment's flows (spend, true-up, overage, cap and its spread) less what earlier invoices had;
// its minimum, maximum and cumulative record are the period's, as the cumulative invoice states them
// (progressive invoices settle no cumulative commitment, so the closing one carries its whole record).
function subtractCommitment(
  now: AppliedCommitment,
  before: ReadonlyArray<AppliedCommitment>,
  money: Money,
  minor: number,
): AppliedCommitment {
  const optional = (field: "trueUp" | "overage" | "cap") =>
    now[field] === undefined && before.every((item) => item[field] === undefined)
      ? {}
      : {
          [field]: money(
            now[field],
            before.map((item) => item[field]),
          ),
        };
  const anyAllocation = now.allocation !== undefined || before.some((item) => item.allocation !== undefined);
  return {
    id: now.id,
    name: now.name,
    ...(now.minimum !== undefined ? { minimum: now.minimum } : {}),
    ...(now.maximum !== undefined ? { maximum: now.maximum } : {}),
    spend: money(
      now.spend,
      before.map((item) => item.spend),
    ),
    ...optional("trueUp"),
    ...optional("overage"),
    ...optional("cap"),
    ...(anyAllocation ? { allocation: allocationLess(now.allocation ?? [], before, minor) } : {}),
    // The limits in force on each part of the period are the period's, as the minimum and maximum are.
    ...(now.schedule !== undefined ? { schedule: now.schedule } : {}),
    ...(now.cumulative !== undefined ? { cumulative: now.cumulative } : {}),
  };
}

// A grant's burn on this invoice: what the cumulative invoice burned less what earlier ones did. Its
// balance before is what the cumulative invoice opened with less what the earlier ones drew (each its
// balance before less after): what the last earlier invoice left, plus what credit notes of the earlier
// invoices gave back since (the cumulative invoice opened higher by it); the period's opening on the
// first. A grant the cumulative invoice did not rate keeps what the last earlier invoice left.
function subtractCredit(
  now: AppliedCredit,
  before: ReadonlyArray<AppliedCredit>,
  { money, minor, rated }: { money: Money; minor: number; rated: boolean },
): AppliedCredit {
  const drawn = before.map((item) => toPlainString(less(item.balanceBefore, [item.balanceAfter])));
  const balanceBefore = rated
    ? toFixedString(less(now.balanceBefore, drawn), decimalsOfText(now.balanceBefore))
    : now.balanceAfter;
  const anyUnits = now.unitsUsed !== undefined || before.some((item) => item.unitsUsed !== undefined);
  const anyAllocation = now.allocation !== undefined || before.some((item) => item.allocation !== undefined);
  return {
    ...now,
    balanceBefore,
    applied: money(
      now.applied,
      before.map((item) => item.applied),
    ),
    ...(anyUnits
      ? {
          unitsUsed: toPlainString(
            less(
              now.unitsUsed,
              before.map((item) => item.unitsUsed),
            ),
          ),
        }
      : {}),
    ...(anyAllocation ? { allocation: allocationLess(now.allocation ?? [], before, minor) } : {}),
  };
}
