import { Command, CommanderError, Option } from "commander";
import { MissingOptionError, UsageLineError } from "./cliSupport.js";
import type { OptionSpec, RatecardCommand } from "./defineCommand.js";
import { EXIT } from "./exitCodes.js";

/** Where the program writes: help and version to `out` (stdout), nothing else of its own. */
export interface ProgramOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const ROOT_NOTES = `
Every command takes --help (with examples) and --format json (a document for scripts). A FILE given
as - is read from standard input (usage then needs --usage-format).

Exit codes: 0 done, 1 ratecard failed (a bug), 2 the input or the command line is wrong (the message
says where), 3 differences found (diff, reconcile, check), 4 invoices held for bad events (batch
--bad-events hold). docs/cli.md has every command in full.`;

/**
 * Runs the command line `argv` (without the node and script paths) against `commands`: commander
 * parses it, refuses what it does not know, and prints --help and --version; the command's own `run`
 * decides the exit code. A wrong command line is thrown as a UsageLineError (one line, exit 2).
 */
export async function runProgram(
  commands: ReadonlyArray<RatecardCommand>,
  argv: ReadonlyArray<string>,
  version: string,
  output: ProgramOutput,
): Promise<number> {
  let code: number = EXIT.ok;
  let current = "";
  const program = new Command("ratecard")
    .description("ratecard — exact, explainable usage-based invoices")
    .version(version, "-V, --version", "print ratecard's version")
    .helpOption("-h, --help", "print this help")
    .helpCommand("help [command]", "print the help of a command")
    .exitOverride()
    // Errors are reported by main.ts (one escaped line); commander's own printing is turned off.
    .configureOutput({ writeOut: output.out, writeErr: output.err, outputError: () => {} })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .addHelpText("after", ROOT_NOTES)
    .hook("preSubcommand", (_, sub) => {
      current = sub.name();
    });
  for (const spec of commands) {
    addCommand(program, spec, async (run) => {
      code = await run();
    });
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help, help and --version end with exit code 0; `ratecard` alone prints the help as an error.
    if (error.exitCode === 0) return EXIT.ok;
    if (error.code === "commander.help") return EXIT.badInput;
    const hint = current === "" ? "ratecard --help" : `ratecard ${current} --help`;
    // commander's sentence, on one line ("error: " and a closing full stop dropped), then where to look.
    const sentence = error.message
      .replace(/^error: /, "")
      .replaceAll("\n", " ")
      .replace(/\.$/, "");
    throw new UsageLineError(`${sentence}; run ${hint}`);
  }
  return code;
}

function addCommand(
  program: Command,
  spec: RatecardCommand,
  settle: (run: () => Promise<number> | number) => Promise<void>,
): void {
  const command = program.command(spec.name).summary(spec.summary).description(spec.summary);
  for (const argument of spec.arguments ?? []) command.argument(argument.name, argument.description);
  const attributes = new Map<string, string>();
  for (const [name, option] of Object.entries(spec.options)) {
    const declared = toOption(name, option);
    attributes.set(name, declared.attributeName());
    command.addOption(declared);
    if (option.type === "boolean" || option.multiple !== true) refuseRepeat(command, name);
  }
  command.addHelpText("after", helpAfter(spec));
  command.action(async (...received: unknown[]) => {
    const parsed = (received.at(-1) as Command).opts();
    const values = Object.fromEntries(
      [...attributes]
        .map(([name, attribute]) => [name, parsed[attribute]] as const)
        .filter(([, value]) => value !== undefined),
    );
    await settle(() => withHelpHint(spec.name, () => spec.run(values, command.args)));
  });
}

// A missing option is told with the help of the command that needs it.
async function withHelpHint(name: string, run: () => Promise<number> | number): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MissingOptionError)
      throw new UsageLineError(`${error.message}; run ratecard ${name} --help`);
    throw error;
  }
}

function toOption(name: string, spec: OptionSpec): Option {
  if (spec.type === "boolean") return new Option(`--${name}`, spec.description);
  const option = new Option(`--${name} <${spec.value}>`, spec.description);
  if (spec.multiple === true)
    option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

// Commander keeps the last of two values silently, so `--contract a.json --contract b.json` would rate
// b.json without a word: a flag given twice is refused (commander announces each occurrence).
function refuseRepeat(command: Command, name: string): void {
  let seen = false;
  command.on(`option:${name}`, () => {
    if (seen) throw new UsageLineError(`--${name} is given more than once; give it once`);
    seen = true;
  });
}

function helpAfter(spec: RatecardCommand): string {
  const notes = spec.notes === undefined ? "" : `\n${spec.notes}\n`;
  const examples = spec.examples.map((example) => `  $ ${example}`).join("\n");
  return `${notes}\nExamples:\n${examples}\n\nExit codes: 0 done, 1 a bug in ratecard, 2 wrong input${
    spec.findsDifferences === true ? ", 3 differences found" : ""
  }${spec.holdsInvoices === true ? ", 4 invoices held for bad events (--bad-events hold)" : ""} (docs/cli.md).`;
}
