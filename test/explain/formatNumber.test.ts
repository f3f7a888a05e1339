import { describe, expect, it } from "vitest";
import { formatReadable } from "../../src/explain/formatNumber.js";

// formatReadable is how a sentence shows an exact amount before its rounding: the currency's decimals,
// up to 8 more, then cut and marked "…" (USD: 2 and 10).
describe("formatReadable", () => {
  it("cuts a long amount at the 10th decimal, marked", () => {
    // 500 × 15 ÷ 31 = 241.935483870967741935…: 10 decimals kept
    expect(formatReadable("241.93548387096774193548", 2, 10)).toBe("241.9354838709…");
  });

  it("keeps an amount whose digits all lie past the cut, where it showed only zeros", () => {
    // Failed before: 1 request at $0.000000000001 = 0.000000000001, shown "0.0000000000…".
    expect(formatReadable("0.000000000001", 2, 10)).toBe("0.000000000001");
    // 0.0000000000123456: first significant digit at the 11th place, 4 kept (11th to 14th), then cut
    expect(formatReadable("0.0000000000123456", 2, 10)).toBe("0.00000000001234…");
  });

  it("leaves an amount with a significant digit before the cut as it was", () => {
    // 4,999,999,999 × 0.000000000001 = 0.004999999999: first significant digit at the 3rd place
    expect(formatReadable("0.004999999999", 2, 10)).toBe("0.0049999999…");
    expect(formatReadable("0", 2, 10)).toBe("0.00");
  });
});
