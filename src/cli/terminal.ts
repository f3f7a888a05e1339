/** The environment variables the CLI reads, as process.env gives them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** What ratecard may draw on a stream: colour, and a progress bar (only ever on stderr). */
export interface TerminalPolicy {
  readonly colour: boolean;
  readonly progress: boolean;
}

// NO_COLOR counts when present and not empty, whatever its value (no-color.org). CI, set by GitHub
// Actions, GitLab, CircleCI, Travis and others, counts the same way except CI=false, which some set to
// say "not CI".
const noColour = (env: Environment) => env.NO_COLOR !== undefined && env.NO_COLOR !== "";
const underCi = (env: Environment) => env.CI !== undefined && env.CI !== "" && env.CI !== "false";

/**
 * Decides colour and progress for one stream, once, from whether it is a terminal and the environment:
 * - colour only on a terminal, never when NO_COLOR is set (no-color.org), never on TERM=dumb;
 * - a progress bar only on a terminal, never when CI is set (a CI log keeps every redraw as a line),
 *   never on TERM=dumb (it cannot return to the line start). NO_COLOR is about colour alone: the bar
 *   still shows, without colour.
 */
export function terminalPolicy(isTerminal: boolean, env: Environment): TerminalPolicy {
  const capable = isTerminal && env.TERM !== "dumb";
  return {
    colour: capable && !noColour(env),
    progress: capable && !underCi(env),
  };
}

/**
 * Whether a progress bar may be drawn on stderr while a command writes its documents to an output (a
 * batch's invoices): only where the policy draws one and that output is not a terminal. When it is (the
 * invoices on standard output, and standard output the terminal stderr draws on), each redraw of the bar,
 * a carriage return and the line, landed inside the invoice being printed, and the clearing escape wiped
 * the end of one. Decided from the two streams' isTTY flags, not from whether they are the same terminal:
 * two terminals at once is rare, and the bar is no loss beside invoices scrolling past.
 */
export function progressBesideOutput(policy: TerminalPolicy, outputIsTerminal: boolean): boolean {
  return policy.progress && !outputIsTerminal;
}

/** The three colours ratecard uses, as ANSI escapes (SGR), or nothing when colour is off. */
export interface Paint {
  readonly error: (text: string) => string;
  readonly warning: (text: string) => string;
  readonly accent: (text: string) => string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function paintFor(policy: TerminalPolicy): Paint {
  if (!policy.colour) return { error: plain, warning: plain, accent: plain };
  return { error: sgr(31, 39), warning: sgr(33, 39), accent: sgr(36, 39) };
}
