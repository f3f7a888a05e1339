import { describe, expect, it } from "vitest";
import { Decimal, ONE, toFixedString, toPlainString, ZERO } from "../../src/money/index.js";

describe("Decimal", () => {
  it("keeps more digits than a float on a money path", () => {
    // 0.1 + 0.2 = 0.3 exactly with decimal arithmetic.
    expect(new Decimal("0.1").plus("0.2").toFixed()).toBe("0.3");
    // 10^15 units × 0.00000000000000000001 (20 decimals) = 0.00001, exactly.
    expect(new Decimal("1000000000000000").times("0.00000000000000000001").toFixed()).toBe("0.00001");
  });

  it("never writes money in exponent notation", () => {
    // 0.0000000001 has 10 decimals; it stays plain.
    expect(new Decimal("1e-10").toString()).toBe("0.0000000001");
    // 10^25 stays plain: 1 followed by 25 zeros.
    expect(new Decimal("1e25").toString()).toBe(`1${"0".repeat(25)}`);
  });

  it("exports ZERO and ONE", () => {
    expect(ZERO.isZero()).toBe(true);
    expect(ONE.equals(1)).toBe(true);
  });
});

describe("toPlainString", () => {
  it("writes the value's own digits without trailing zeros", () => {
    // 12.50 has value 12.5.
    expect(toPlainString(new Decimal("12.50"))).toBe("12.5");
    expect(toPlainString(new Decimal("0.0000025"))).toBe("0.0000025");
  });

  it("writes zero and negative zero as 0", () => {
    expect(toPlainString(new Decimal("0.000"))).toBe("0");
    expect(toPlainString(new Decimal("-0"))).toBe("0");
  });
});

describe("toFixedString", () => {
  it("pads to the currency's decimals", () => {
    // 800 with 2 decimals is "800.00".
    expect(toFixedString(new Decimal("800"), 2)).toBe("800.00");
    // -3.5 with 3 decimals is "-3.500".
    expect(toFixedString(new Decimal("-3.5"), 3)).toBe("-3.500");
  });

  it("never writes -0.00", () => {
    expect(toFixedString(new Decimal("-0"), 2)).toBe("0.00");
    expect(toFixedString(new Decimal("-0"), 0)).toBe("0");
  });

  it("writes a small negative amount that rounds to zero as zero, and keeps a real negative sign", () => {
    // -0.001 to 2 decimals is -0.00, which is zero: "0.00"; -0.4 to 0 decimals is "-0": "0".
    expect(toFixedString(new Decimal("-0.001"), 2)).toBe("0.00");
    expect(toFixedString(new Decimal("-0.4"), 0)).toBe("0");
    // -0.01 is one cent below zero and -10.00 ten dollars: their signs stay.
    expect(toFixedString(new Decimal("-0.01"), 2)).toBe("-0.01");
    expect(toFixedString(new Decimal("-10"), 2)).toBe("-10.00");
  });
});
