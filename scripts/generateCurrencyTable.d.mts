/** The TypeScript source of src/money/iso4217.ts, as the script writes it from the installed currency-codes. */
export function currencyTableSource(): string;
