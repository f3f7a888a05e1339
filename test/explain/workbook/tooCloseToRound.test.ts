import { describe, expect, it } from "vitest";
import { tooCloseToRound } from "../../../src/explain/workbook/roundingFormula.js";

// The rounding formula takes a value within 5 × 10^-15 of its magnitude of a minor unit or a tie as on
// it; tooCloseToRound says when ratecard's exact value sits in that band (with a margin: 10^-13) without
// being on the boundary, so the sheet must show ratecard's value instead of a formula.
describe("tooCloseToRound", () => {
  it("is true for a quotient a hair past a minor unit at a large magnitude", () => {
    // 70,000,000,003.16 × 7.75 ÷ 107.75 = 2,170,000,000,097.96 ÷ 431 = 5,034,802,784.45 + 0.01 ÷ 431
    // (431 × 5,034,802,784.45 = 2,170,000,000,097.95): 0.0000232 past the cent, while 10^-13 of the
    // magnitude is 0.000503
    expect(tooCloseToRound("5034802784.450023201856148491879350348027842227", 2)).toBe(true);
  });

  it("is true a hair from a tie, on either side", () => {
    // 0.0000001 from 1,234,567,890.125 (a tie at 2 decimals); 10^-13 × 1.2 × 10^9 = 0.00012
    expect(tooCloseToRound("1234567890.1250001", 2)).toBe(true);
    expect(tooCloseToRound("1234567890.1249999", 2)).toBe(true);
  });

  it("is false on a minor unit or a tie exactly: the formula's tolerance is for those", () => {
    expect(tooCloseToRound("5034802784.45", 2)).toBe(false);
    expect(tooCloseToRound("1234567890.125", 2)).toBe(false);
    expect(tooCloseToRound("0", 2)).toBe(false);
  });

  it("is false where a double resolves the difference", () => {
    // 0.0000232 past the cent again, but at a magnitude of 5.03: 10^-13 of it is 5 × 10^-13
    expect(tooCloseToRound("5.0300232", 2)).toBe(false);
    // at 5.03 × 10^9 the band is 10^-13 × 5.03 × 10^9 = 0.000503 wide: 0.001 past the cent is out of it …
    expect(tooCloseToRound("5034802784.451", 2)).toBe(false);
    // … and 0.0001 past it is in it
    expect(tooCloseToRound("5034802784.4501", 2)).toBe(true);
  });

  it("reads the sign away: a credit's tax is as close as its debit's", () => {
    expect(tooCloseToRound("-1234567890.1250001", 2)).toBe(true);
  });
});
