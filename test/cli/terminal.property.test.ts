import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paintFor, progressBesideOutput, terminalPolicy } from "../../src/cli/terminal.js";

// Values an environment variable takes in practice: absent, empty, and the usual spellings.
const value = fc.constantFrom(undefined, "", "1", "true", "false", "0", "yes");
const env = fc.record({
  NO_COLOR: value,
  CI: value,
  TERM: fc.constantFrom(undefined, "xterm-256color", "dumb"),
});

describe("terminalPolicy", () => {
  it("colours only a terminal, never with NO_COLOR set to anything but empty (no-color.org), never on TERM=dumb", () => {
    fc.assert(
      fc.property(fc.boolean(), env, (isTerminal, vars) => {
        const noColour = vars.NO_COLOR !== undefined && vars.NO_COLOR !== "";
        expect(terminalPolicy(isTerminal, vars).colour).toBe(isTerminal && vars.TERM !== "dumb" && !noColour);
      }),
    );
  });

  it("draws progress only on a terminal, never under CI, and whatever NO_COLOR says", () => {
    fc.assert(
      fc.property(fc.boolean(), env, (isTerminal, vars) => {
        const ci = vars.CI !== undefined && vars.CI !== "" && vars.CI !== "false";
        const policy = terminalPolicy(isTerminal, vars);
        expect(policy.progress).toBe(isTerminal && vars.TERM !== "dumb" && !ci);
        // NO_COLOR is about colour: flipping it never changes progress
        const flipped = { ...vars, NO_COLOR: vars.NO_COLOR === undefined ? "1" : undefined };
        expect(terminalPolicy(isTerminal, flipped).progress).toBe(policy.progress);
      }),
    );
  });

  it("NO_COLOR=false still turns colour off: the variable counts whatever its value", () => {
    expect(terminalPolicy(true, { NO_COLOR: "false" }).colour).toBe(false);
    expect(terminalPolicy(true, { NO_COLOR: "" }).colour).toBe(true);
  });
});

describe("progressBesideOutput", () => {
  // A batch streaming its invoices to the terminal drew `rating: [####---] 17% 3,504 of 20,000 invoices`
  // inside them, 20 redraws over 20,000 invoices (measured under `script`, 7 December 2026).
  it("draws the bar beside an output only where the policy draws one and the output is no terminal", () => {
    fc.assert(
      fc.property(fc.boolean(), env, fc.boolean(), (stderrIsTerminal, vars, outputIsTerminal) => {
        const policy = terminalPolicy(stderrIsTerminal, vars);
        expect(progressBesideOutput(policy, outputIsTerminal)).toBe(policy.progress && !outputIsTerminal);
      }),
    );
    // the case that mixed them: stderr and stdout both the terminal, outside CI
    expect(progressBesideOutput(terminalPolicy(true, { TERM: "xterm-256color" }), true)).toBe(false);
    // invoices to a file (--output) or a pipe keep the bar on the terminal
    expect(progressBesideOutput(terminalPolicy(true, { TERM: "xterm-256color" }), false)).toBe(true);
  });
});

describe("paintFor", () => {
  it("writes no escape at all when colour is off, and wraps in SGR red and reset when on", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const plain = paintFor({ colour: false, progress: true });
        for (const paint of [plain.error, plain.warning, plain.accent]) expect(paint(text)).toBe(text);
      }),
    );
    // SGR 31 is red foreground, 39 the default foreground
    expect(paintFor({ colour: true, progress: false }).error("ratecard:")).toBe(
      "\u001b[31mratecard:\u001b[39m",
    );
  });
});
