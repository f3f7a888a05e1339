import { describe, expect, it } from "vitest";
import { Decimal, ExactSum, isDecimalText } from "../../src/money/index.js";

function sumOf(values: ReadonlyArray<string | number>): string {
  const sum = new ExactSum();
  const refused = values.filter((value) => !sum.add(value));
  expect(refused).toEqual([]);
  return sum.value().toFixed();
}

function repeated(value: string, times: number): string[] {
  return Array.from({ length: times }, () => value);
}

describe("ExactSum: short decimals (the fast integer path)", () => {
  it("adds 1.5 + 2.25 + 0.1 without float drift", () => {
    // 1.5 + 2.25 = 3.75; + 0.1 = 3.85 (a float loop gives 3.8499999999999996)
    expect(sumOf(["1.5", "2.25", "0.1"])).toBe("3.85");
  });

  it("adds nine-decimal values to the last digit", () => {
    // 3 × 0.000000001 = 0.000000003
    expect(sumOf(["0.000000001", "0.000000001", "0.000000001"])).toBe("0.000000003");
    // 0.123456789 + 0.876543211 = 1.000000000
    expect(sumOf(["0.123456789", "0.876543211"])).toBe("1");
  });

  it("reads '+5', '5.', '.5' and '-.5' as decimals", () => {
    // 5 + 5 + 0.5 − 0.5 = 10
    expect(sumOf(["+5", "5.", ".5", "-.5"])).toBe("10");
  });

  it("is 0 with nothing added", () => {
    expect(new ExactSum().value().toFixed()).toBe("0");
  });
});

describe("ExactSum.addParts: sums of short values made elsewhere (src/meters/sumLanes.ts)", () => {
  it("adds a whole part and a fraction scaled by 10^9: 1.5 + (2 + 250,000,000 / 10^9) = 3.75", () => {
    const sum = new ExactSum();
    sum.add("1.5");
    sum.addParts(2, 250_000_000);
    expect(sum.value().toFixed()).toBe("3.75");
  });

  it("carries a fraction of more than one: 0 + (0 + 1,500,000,001 / 10^9) = 1.500000001", () => {
    const sum = new ExactSum();
    sum.addParts(0, 1_500_000_001);
    expect(sum.value().toFixed()).toBe("1.500000001");
  });

  it("takes negative parts: 10 + (−3 − 500,000,000 / 10^9) = 6.5, and adds on after them", () => {
    const sum = new ExactSum();
    sum.add("10");
    sum.addParts(-3, -500_000_000);
    expect(sum.value().toFixed()).toBe("6.5");
    // 6.5 + 0.25 = 6.75
    sum.add("0.25");
    expect(sum.value().toFixed()).toBe("6.75");
  });

  it("stays exact with parts near their bound: 1.4 × 10^15 twice, and 10^15 − 1 billionths", () => {
    const sum = new ExactSum();
    sum.addParts(1_400_000_000_000_000, 999_999_999_999_999);
    sum.addParts(1_400_000_000_000_000, 1);
    // 2 × 1.4 × 10^15 + (999,999,999,999,999 + 1) / 10^9 = 2,800,000,000,000,000 + 1,000,000
    expect(sum.value().toFixed()).toBe("2800000001000000");
  });
});

describe("ExactSum: values off the fast path", () => {
  it("keeps more than nine decimals exactly", () => {
    // 0.1234567890123 + 0.0000000000001 = 0.1234567890124 (13 decimals)
    expect(sumOf(["0.1234567890123", "0.0000000000001"])).toBe("0.1234567890124");
    // a short and a long value: 1.5 + 0.1234567890123 = 1.6234567890123
    expect(sumOf(["1.5", "0.1234567890123"])).toBe("1.6234567890123");
  });

  it("reads exponents", () => {
    // 1e-7 = 0.0000001; 2.5E+3 = 2500; 3e0 = 3 → 2503.0000001
    expect(sumOf(["1e-7", "2.5E+3", "3e0"])).toBe("2503.0000001");
    // -1e-7 cancels 1e-7
    expect(sumOf(["1e-7", "-1e-7"])).toBe("0");
  });

  it("adds negatives", () => {
    // −1.25 + 0.25 = −1
    expect(sumOf(["-1.25", "0.25"])).toBe("-1");
    // −0.000000001 + 0.000000001 = 0 (never "-0")
    expect(sumOf(["-0.000000001", "0.000000001"])).toBe("0");
    // the largest fast-path value and its negative cancel: 0
    expect(sumOf(["-99999999999.999999999", "99999999999.999999999"])).toBe("0");
    // −3 − 4.5 + 2 = −5.5
    expect(sumOf(["-3", -4.5, 2])).toBe("-5.5");
  });

  it("adds whole parts above 10^11", () => {
    // 123,456,789,012,345,678.9 + 1 = 123,456,789,012,345,679.9
    expect(sumOf(["123456789012345678.9", "1"])).toBe("123456789012345679.9");
    // 10^11 has 12 whole digits: 100,000,000,000 + 0.5 = 100,000,000,000.5
    expect(sumOf(["100000000000", "0.5"])).toBe("100000000000.5");
    // 10^30 + 10^30 = 2 × 10^30
    expect(sumOf(["1000000000000000000000000000000", "1e30"])).toBe("2000000000000000000000000000000");
  });

  it("reads JS numbers by their shortest text", () => {
    // 0.1 + 0.2 = 0.3 (String(0.1) is "0.1", not 0.1000000000000000055…)
    expect(sumOf([0.1, 0.2])).toBe("0.3");
    // 1e21 + 1 = 1,000,000,000,000,000,000,001 (String(1e21) is "1e+21")
    expect(sumOf([1e21, 1])).toBe("1000000000000000000001");
    // 1e-7 as a number is "1e-7": 0.0000001
    expect(sumOf([1e-7])).toBe("0.0000001");
    // −0 adds nothing
    expect(sumOf([-0, 2])).toBe("2");
  });

  it("adds an exact Decimal with addDecimal", () => {
    const sum = new ExactSum();
    sum.add("1.5");
    sum.addDecimal(new Decimal("0.0000000000025"));
    // 1.5 + 0.0000000000025 = 1.5000000000025
    expect(sum.value().toFixed()).toBe("1.5000000000025");
  });
});

describe("ExactSum: many additions across the normalisation boundary", () => {
  it("adds 10,000 × 99,999,999,999.999999999 exactly", () => {
    // 99,999,999,999.999999999 = 10^11 − 10^-9; × 10^4 = 10^15 − 10^-5 = 999,999,999,999,999.99999
    expect(sumOf(repeated("99999999999.999999999", 10_000))).toBe("999999999999999.99999");
  });

  it("adds 100,000 × 99,999,999,999.999999999 exactly", () => {
    // (10^11 − 10^-9) × 10^5 = 10^16 − 10^-4 = 9,999,999,999,999,999.9999
    expect(sumOf(repeated("99999999999.999999999", 100_000))).toBe("9999999999999999.9999");
  });

  it("brings 10,000 large positives and 10,000 large negatives back to exactly 0", () => {
    // 10^4 × x − 10^4 × x = 0, even though the running total passes 10^15 on the way
    const values = [
      ...repeated("99999999999.999999999", 10_000),
      ...repeated("-99999999999.999999999", 10_000),
    ];
    expect(sumOf(values)).toBe("0");
  });

  it("takes back 100,000 × 99,999,999,999.999999999 exactly (subtractions normalise too)", () => {
    // (10^11 − 10^-9) × 10^5 = 10^16 − 10^-4 taken back from 0: −9,999,999,999,999,999.9999. The
    // accumulators pass 2^53 (about 9.007 × 10^15) unless subtractions also move them into the exact part.
    const sum = new ExactSum();
    for (let i = 0; i < 100_000; i += 1) sum.subtract("99999999999.999999999");
    expect(sum.value().toFixed()).toBe("-9999999999999999.9999");
  });

  it("keeps the smallest fraction next to the largest whole part", () => {
    // 5,000 × (10^11 − 10^-9) + 5,000 × 10^-9 = 5 × 10^14 exactly
    const values = repeated("99999999999.999999999", 5_000).flatMap((big) => [big, "0.000000001"]);
    expect(sumOf(values)).toBe("500000000000000");
  });

  it("adds 12,289 alternating values (three normalisations) to the hand total", () => {
    // value i = m_i for even i and −m_i for odd i, where m_i = i × 0.000000007 − 8,000,000,000.5.
    // Pair (2k, 2k+1): m_2k − m_2k+1 = −0.000000007; 6,144 pairs (i = 0 … 12,287) → −0.000043008.
    // The last value, i = 12,288: 0.000086016 − 8,000,000,000.5.
    // Total: −0.000043008 + 0.000086016 − 8,000,000,000.5 = −8,000,000,000.499956992
    const values: string[] = [];
    for (let i = 0; i < 12_289; i += 1) {
      const magnitude = new Decimal(i).times("0.000000007").minus("8000000000.5");
      values.push((i % 2 === 0 ? magnitude : magnitude.negated()).toFixed());
    }
    expect(sumOf(values)).toBe("-8000000000.499956992");
  });
});

describe("ExactSum: refuses what is not a decimal", () => {
  it.each([
    ["an empty text", ""],
    ["a word", "abc"],
    ["a sign alone", "-"],
    ["a plus alone", "+"],
    ["a dot alone", "."],
    ["an exponent alone", "e5"],
    ["a leading space", " 1"],
    ["a thousands comma", "1,5"],
    ["two signs", "+-5"],
    ["NaN text", "NaN"],
    ["Infinity text", "Infinity"],
    ["hex", "0x10"],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
  ])("returns false for %s and adds nothing", (_name, value) => {
    const sum = new ExactSum();
    sum.add("2.5");
    expect(sum.add(value)).toBe(false);
    // still 2.5
    expect(sum.value().toFixed()).toBe("2.5");
  });

  it("agrees with isDecimalText on what it accepts", () => {
    for (const text of ["1", "-1.5", ".5", "5.", "1e-7", "2.5E+3"]) expect(isDecimalText(text)).toBe(true);
    for (const text of ["", "-", ".", "e5", " 1", "1,5", "NaN", "Infinity", "1e"])
      expect(isDecimalText(text)).toBe(false);
  });
});

describe("ExactSum: merge and value", () => {
  it("merges another sum without changing it", () => {
    const a = new ExactSum();
    a.add("1.5");
    a.add("1e-7");
    const b = new ExactSum();
    b.add("99999999999.999999999");
    a.merge(b);
    // 1.5 + 0.0000001 + 99,999,999,999.999999999 = 100,000,000,001.500000099
    expect(a.value().toFixed()).toBe("100000000001.500000099");
    // b is still 99,999,999,999.999999999
    expect(b.value().toFixed()).toBe("99999999999.999999999");
  });

  it("merges an empty sum as 0 and keeps adding after a merge", () => {
    const a = new ExactSum();
    a.add("-2");
    a.merge(new ExactSum());
    a.add("0.25");
    // −2 + 0 + 0.25 = −1.75
    expect(a.value().toFixed()).toBe("-1.75");
  });

  it("reads value() without consuming it", () => {
    const sum = new ExactSum();
    sum.add("0.1");
    // 0.1, twice
    expect(sum.value().toFixed()).toBe("0.1");
    expect(sum.value().toFixed()).toBe("0.1");
    sum.add("0.2");
    // 0.1 + 0.2 = 0.3
    expect(sum.value().toFixed()).toBe("0.3");
  });
});
