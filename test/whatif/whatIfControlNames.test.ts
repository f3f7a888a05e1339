import { describe, expect, it } from "vitest";
import { parseUsageEvent, renderWhatIf, summarizeWhatIf, whatIfRow } from "../../src/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// A customer's name in what-if is the CLI's folder name, or whatever a library caller gives: a newline in
// it broke the table ("evil" on one line, "Total $0.00  USD …" on the next), an ESC coloured the
// terminal. The report writes them escaped, as the explanation and diff do (escapeControl).
const meters = [sumMeter("gb", { unit: "GB" })];
const at = (price: string) =>
  buildContract({ meters, charges: [unitCharge("bw", "Bandwidth", "gb", price)] });
const events = [parseUsageEvent(usageEvent("e1", "gb", "2026-03-05T00:00:00Z", { v: "100" }))];
const row = (name: string, after: string) =>
  whatIfRow({ name, before: at("1"), after: at(after), events }, "2026-03");

describe("what-if's report of customers whose names hold control characters", () => {
  // 100 GB at 1.00 = 100.00; at 1.20 = 120.00 (+20.00, +20 %); at 0.90 = 90.00 (-10.00, -10 %).
  const result = summarizeWhatIf([row("evil\nTotal $0.00", "1.2"), row("red\u001b[31mX", "0.9")]);

  it("keeps each row of the text report on one line, the escape written out", () => {
    const text = renderWhatIf(result, "text");
    // No control character but the newlines between rows.
    expect([...text].filter((char) => char < " " && char !== "\n")).toEqual([]);
    expect(text).toMatch(/^evil\\nTotal \$0\.00\s+USD\s+100\.00\s+120\.00\s+\+20\.00\s+\+20\.00 %/m);
    expect(text).toMatch(/^red\\u001b\[31mX\s+USD\s+100\.00\s+90\.00\s+-10\.00\s+-10\.00 %/m);
    // Hit hardest and the quantiles name them the same way.
    expect(text).toMatch(/^1\s+evil\\nTotal \$0\.00\s+\+20\.00 %\s+\+20\.00 USD$/m);
    expect(text).toMatch(/^max\s+\+20\.00 %\s+evil\\nTotal \$0\.00$/m);
    expect(text).not.toMatch(/^Total \$0\.00/m);
  });

  it("writes them escaped in the Markdown report too", () => {
    const markdown = renderWhatIf(result, "markdown");
    expect(markdown).toContain("| evil\\nTotal $0.00 | USD | 100.00 | 120.00 | +20.00 | +20.00 % |");
    expect(markdown).not.toContain("\u001b");
  });
});
