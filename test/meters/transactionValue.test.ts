import { describe, expect, it } from "vitest";
import { transactionValue } from "../../src/meters/index.js";

describe("transactionValue (what a percentage price reads from one event)", () => {
  it("reads decimal text and JSON numbers exactly, exponents and refunds included", () => {
    expect(transactionValue("12.50").toFixed()).toBe("12.5");
    expect(transactionValue(20.5).toFixed()).toBe("20.5");
    // "1e3" = 1 × 10³ = 1000
    expect(transactionValue("1e3").toFixed()).toBe("1000");
    expect(transactionValue("-15").toFixed()).toBe("-15");
  });

  it("counts an event with no value a decimal reads as 1", () => {
    for (const raw of [undefined, null, true, "abc", ""]) expect(transactionValue(raw).toFixed()).toBe("1");
  });
});
