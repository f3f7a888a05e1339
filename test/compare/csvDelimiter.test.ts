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
