import { Decimal } from "../../money/index.js";
import { fitsSpreadsheetAsWritten } from "./significantDigits.js";

/**
 * Each line's net as the sheet builds it: its amount cell, then each share of a discount, cap or
 * credit spread onto it. Tax reads a line's net from these cells. The exact sum is kept beside the
 * cells so the sheet can tell whether its formula gives the invoice's figure. Local to one workbook.
 */
export class LineNets {
  readonly #cells = new Map<string, string[]>();
  readonly #exact = new Map<string, Decimal>();
  readonly #asText = new Set<string>();

  /** Starts a line's net at its amount cell. */
  open(line: string, cell: string, amount: string): void {
    this.#cells.set(line, [cell]);
    this.#exact.set(line, new Decimal(amount));
    if (!fitsSpreadsheetAsWritten(amount)) this.#asText.add(line);
  }

  /** Adds a share (negative for a reduction) written in `cell` to a line's net. */
  add(line: string, cell: string, amount: string): void {
    this.#cells.set(line, [...(this.#cells.get(line) ?? []), cell]);
    this.#exact.set(line, (this.#exact.get(line) ?? new Decimal(0)).plus(amount));
    if (!fitsSpreadsheetAsWritten(amount)) this.#asText.add(line);
  }

  /**
   * Whether a formula over these lines' nets gives `exact`: every cell a number (none written as text
   * for having too many digits), and their exact sum `exact`.
   */
  gives(lines: ReadonlyArray<string>, exact: string): boolean {
    return (
      lines.every((line) => !this.#asText.has(line)) &&
      fitsSpreadsheetAsWritten(exact) &&
      this.exactOf(lines).equals(new Decimal(exact))
    );
  }

  /** The formula of the nets of some lines: SUM of their cells. */
  formulaOf(lines: ReadonlyArray<string>): string {
    const cells = lines.flatMap((line) => this.#cells.get(line) ?? []);
    return cells.length === 0 ? "0" : `SUM(${cells.join(",")})`;
  }

  /** The exact sum of the nets of some lines. */
  exactOf(lines: ReadonlyArray<string>): Decimal {
    return lines.reduce((sum, line) => sum.plus(this.#exact.get(line) ?? 0), new Decimal(0));
  }
}
