import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explainText, type Invoice } from "../../src/index.js";
import { falseEquations, falseStatedRoundings } from "../_laws/explainArithmetic.js";

const goldenRich = () => JSON.parse(readFileSync("fixtures/golden-rich/expected.json", "utf8")) as Invoice;

describe("every sum the text explanation states can be redone by hand (golden-rich)", () => {
  it("a percentage discount says what it takes before its rounding", () => {
    // 10 % of 82.53 (egress eu 65.00 + us 17.53) = 8.253, rounded half-up to 8.25, taken off: it read
    // "10% of €82.53 = -€8.25", which is not 10 % of 82.53
    expect(explainText(goldenRich())).toContain(
      'Launch discount 10% on egress: 10% of €82.53 = €8.253, rounded half-up: -€8.25, spread over egress[region="eu"] -€6.50, egress[region="us"] -€1.75.',
    );
  });

  it("a tax rounded line by line says the exact tax and that the lines' rounded taxes add up to the amount", () => {
    // 19 % of 654.00 = 124.26 exactly; each line's tax rounded half-up: 17.0487 → 17.05, 9.424 → 9.42,
    // 11.115 → 11.12, 2.9982 → 3.00, 0.7752 → 0.78, 28.9313 → 28.93, 34.2 → 34.20, 19.7676 → 19.77;
    // 17.05 + 9.42 + 11.12 + 3.00 + 0.78 + 28.93 + 34.20 + 19.77 = 124.27. It read "19% of €654.00 =
    // €124.27 (each line's tax rounded)", which no one can redo from the sentence
    expect(explainText(goldenRich())).toContain(
      "USt 19%: 19% of €654.00 = €124.26; each line's tax rounded half-up, they add up to €124.27.",
    );
  });

  it("states no sum the checker finds false", () => {
    const text = explainText(goldenRich());
    expect([...falseEquations(text), ...falseStatedRoundings(text)]).toEqual([]);
  });
});
