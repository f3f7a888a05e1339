import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvDelimiterOf } from "../../src/compare/csvDelimiter.js";
import { fromCsvInvoice } from "../../src/compare/index.js";

describe("the separator of a CSV of line items, read from its header row", () => {
  it("reads the semicolon CSV a decimal-comma spreadsheet saves (German Excel's invoice export)", () => {
    // Before: the header was one column, "Item;Qty;Total", and the file was refused for having no
    // description column. 3.656,00 with a decimal comma is 3656.00; 61.400 is sixty-one thousand four
    // hundred (the point groups thousands); the Total row gives the document's total, 500 + 3656 = 4156.
    const csv =
      "Item;Qty;Total\nPlatform fee;1;500,00\nBandwidth (North America);61.400;3.656,00\nTotal;;4.156,00\n";
    const issued = fromCsvInvoice(csv, undefined, { decimalSeparator: "," });
    expect(issued.lines.map((line) => [line.description, line.quantity, line.amount])).toEqual([
      ["Platform fee", "1", "500"],
      ["Bandwidth (North America)", "61400", "3656"],
    ]);
    expect(issued.total).toBe("4156");
  });

  it("keeps a comma CSV whose header name holds a comma as a comma CSV", () => {
    // two separators, one comma inside the quoted name: 2 commas against none of the others
    expect(csvDelimiterOf('Item,"Amount (USD, excl. tax)",Qty\nFee,500.00,1\n')).toBe(",");
    // a semicolon in a header name is outnumbered by the commas
    expect(csvDelimiterOf("Item,Total;net,Qty\n")).toBe(",");
  });

  it("reads tabs, and takes a comma when the header has one column or a tie", () => {
    expect(csvDelimiterOf("Item\tQty\tTotal\r\nFee\t1\t500\r\n")).toBe("\t");
    expect(csvDelimiterOf("Description\nFee\n")).toBe(",");
    expect(csvDelimiterOf("a;b,c\n")).toBe(",");
    expect(csvDelimiterOf("")).toBe(",");
  });

  it("reads the same line items whichever separator the file was written with", () => {
    // cells without separators, quotes or line breaks, written with each separator: the same document
    const cell = fc.stringMatching(/^[A-Za-z][A-Za-z ()]{0,12}$/);
    const amount = fc.integer({ min: -99999, max: 99999 }).map((cents) => (cents / 100).toFixed(2));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, amount), { minLength: 1, maxLength: 6 }), (rows) => {
        const written = (separator: string) =>
          [
            `Description${separator}Amount`,
            ...rows.map(([name, money]) => `${name}${separator}${money}`),
          ].join("\n");
        const comma = fromCsvInvoice(written(","));
        expect(fromCsvInvoice(written(";"))).toEqual(comma);
        expect(fromCsvInvoice(written("\t"))).toEqual(comma);
      }),
    );
  });
});

describe("a CSV row with another number of cells than its header", () => {
  const refusal = (csv: string) => {
    try {
      fromCsvInvoice(csv);
    } catch (error) {
      return { path: (error as { path?: string }).path, message: (error as Error).message };
    }
    return undefined;
  };

  it("is refused, naming the row, where an unquoted comma shifted its cells", () => {
    // "API requests (per 1,000)" unquoted makes 4 cells under 3 columns: read as is, the description was
    // "API requests (per 1", the amount 2245 (the quantity) and 904.63 was dropped.
    expect(refusal("Item,Count,Amount\nSupport,1,50.00\nAPI requests (per 1,000),2245,904.63\n")).toEqual({
      path: "[2]",
      message:
        'Row 3 of the CSV has 4 cells, but its header row has 3, so its cells cannot be read under their columns. A cell that holds the separator "," must be in double quotes ("API requests (per 1,000)").',
    });
    // A short row would have read its missing amount as 0.
    expect(refusal("Item;Count;Amount\nSupport;1\n")?.message).toContain(
      'Row 2 of the CSV has 2 cells, but its header row has 3, so its cells cannot be read under their columns. A cell that holds the separator ";"',
    );
  });

  it("is read when the cells past the header's are empty (a spreadsheet's trailing separators)", () => {
    const issued = fromCsvInvoice("Item,Amount\nSupport,50.00,,\n");
    expect(issued.lines).toEqual([{ description: "Support", amount: "50" }]);
  });
});
