import { describe, expect, it } from "vitest";
import { sourceFiles } from "./sourceFiles.js";

// The core is pure and portable (browsers, edge runtimes): no clock, randomness, locale, console,
// process or node: modules outside src/cli. "Now", zone and locale are always parameters.
const FORBIDDEN: ReadonlyArray<{ readonly pattern: RegExp; readonly why: string }> = [
  { pattern: /from\s+["']node:|require\(["']node:/, why: "imports a node: module" },
  { pattern: /Date\.now\(/, why: "reads the clock" },
  { pattern: /new Date\(\s*\)/, why: "reads the clock" },
  { pattern: /Math\.random\(/, why: "uses randomness" },
  { pattern: /\bprocess\./, why: "touches the process" },
  { pattern: /\bconsole\./, why: "writes to the console" },
  { pattern: /toLocale\w*\(|localeCompare\(/, why: "depends on the machine's locale" },
  {
    pattern: /parseFloat\(|\.toFixed\(\)\s*\)\s*[*+/-]|Number\([^)]*(amount|price|quantity)/i,
    why: "uses float math on money",
  },
  { pattern: /Decimal\.set\(/, why: "mutates decimal.js's global configuration" },
];

describe("purity of the core", () => {
  const core = sourceFiles().filter(({ path }) => !path.startsWith("cli/"));

  it("scans the core's files", () => {
    expect(core.length).toBeGreaterThan(20);
  });

  for (const { pattern, why } of FORBIDDEN) {
    it(`has no file that ${why}`, () => {
      const offenders = core.filter(({ text }) => pattern.test(text)).map(({ path }) => path);
      expect(offenders).toEqual([]);
    });
  }
});
