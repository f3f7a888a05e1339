import { UsageLineError } from "./cliSupport.js";
import { readText } from "./readLines.js";

/** The file name that means standard input, as in cat, curl and jq: `--contract -`, `--usage -`. */
const STANDARD_INPUT = "-";

/** How messages name standard input. */
export const STANDARD_INPUT_NAME = "stdin";

export function isStandardInput(file: string): boolean {
  return file === STANDARD_INPUT;
}

/** How messages name a file the command line gives: `-` is stdin. */
export function displayName(file: string): string {
  return isStandardInput(file) ? STANDARD_INPUT_NAME : file;
}

// Standard input is one stream for the whole process and can be read once: the first flag that names it
// takes it. (The one piece of state in the CLI, because the stream itself is process-wide.)
let takenBy: string | undefined;

/**
 * Standard input, for the flag that names it as `-`.
 * @throws UsageLineError when another flag (or the same flag again) has taken it already
 */
export function takeStandardInput(flag: string): NodeJS.ReadableStream & AsyncIterable<Buffer | string> {
  if (takenBy !== undefined)
    throw new UsageLineError(
      `${flag} - and ${takenBy} - both read standard input, which can be read only once; give one of them a file`,
    );
  takenBy = flag;
  return process.stdin;
}

/** All of standard input as text, for the flag that names it as `-`. */
export function readStandardInput(flag: string): Promise<string> {
  return readText(takeStandardInput(flag), `${flag} - (standard input)`);
}
