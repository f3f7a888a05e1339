import { toPlainString } from "../money/index.js";
import type { InvoiceTax } from "../schema/index.js";
import type { Invoice } from "./invoiceSchema.js";
import { less, type Money } from "./lessBilled.js";

// Tax per rate and per line, its total and net: the cumulative tax less the tax billed earlier, so the
// period's invoices together carry exactly the tax of the whole period, rounded as it rounds.
export function subtractTax(
  now: InvoiceTax | undefined,
  earlier: ReadonlyArray<Invoice>,
  money: Money,
): InvoiceTax | undefined {
  const before = earlier.flatMap((invoice) => (invoice.tax === undefined ? [] : [invoice.tax]));
  const shape = now ?? before[before.length - 1];
  if (shape === undefined) return undefined;
  const exact = (a: string | undefined, b: ReadonlyArray<string | undefined>) => toPlainString(less(a, b));
  const rateIds = [
    ...new Set([...(now?.rates ?? []), ...before.flatMap((tax) => tax.rates)].map((rate) => rate.rate)),
  ];
  const rates = rateIds.map((id) => {
    const own = now?.rates.find((rate) => rate.rate === id);
    const same = before.flatMap((tax) => tax.rates.filter((rate) => rate.rate === id));
    // A rate only earlier invoices have keeps its name and percent; its figures are all worked out below.
    const base = own ?? same[same.length - 1]!;
    const lineIds = [
      ...new Set([...base.lines, ...same.flatMap((rate) => rate.lines)].map((line) => line.line)),
    ];
    return {
      ...base,
      base: money(
        own?.base,
        same.map((rate) => rate.base),
      ),
      amount: money(
        own?.amount,
        same.map((rate) => rate.amount),
      ),
      lines: lineIds.map((line) => {
        const mine = own?.lines.find((item) => item.line === line);
        const theirs = same.flatMap((rate) => rate.lines.filter((item) => item.line === line));
        const rounded = [mine, ...theirs].some((item) => item?.rounded !== undefined);
        // A dated rate's share of the line's period is the line's, the same on every invoice of the
        // period: kept, so the explanation says the part it taxed (it read "20% of 100.00 = 10.32").
        const inForce = (mine ?? theirs[theirs.length - 1])?.inForce;
        return {
          line,
          base: money(
            mine?.base,
            theirs.map((item) => item.base),
          ),
          exact: exact(
            mine?.exact,
            theirs.map((item) => item.exact),
          ),
          ...(rounded
            ? {
                rounded: money(
                  mine?.rounded,
                  theirs.map((item) => item.rounded),
                ),
              }
            : {}),
          ...(inForce !== undefined ? { inForce } : {}),
        };
      }),
    };
  });
  return {
    ...shape,
    rates,
    total: money(
      now?.total,
      before.map((tax) => tax.total),
    ),
    net: money(
      now?.net,
      before.map((tax) => tax.net),
    ),
  };
}
