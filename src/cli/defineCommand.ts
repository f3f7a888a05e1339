/**
 * A command of `ratecard`, as data: its name, one line for `ratecard --help`, its arguments and options
 * (with the words of its own `--help`), worked examples, and `run`. program.ts turns the list in
 * commands.ts into a commander program, so adding a command is one file that calls defineCommand and
 * one line in commands.ts.
 */

/** An option that takes a value: `--contract FILE`. */
interface StringOption {
  readonly type: "string";
  /** The value's placeholder in the help: FILE, PERIOD, text|json. */
  readonly value: string;
  readonly description: string;
  /** May be given several times; every value is kept, in order (`--previous a.json --previous b.json`). */
  readonly multiple?: boolean;
  /** The value when the option is absent (shown in the help). */
  readonly default?: string;
}

/** A switch: `--daily`. */
interface BooleanOption {
  readonly type: "boolean";
  readonly description: string;
}

export type OptionSpec = StringOption | BooleanOption;

type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The parsed options, under their flag names (`values["credits-start-full"]`), absent when not given. */
type OptionValues<O extends OptionSpecs> = {
  readonly [K in keyof O]?: O[K] extends BooleanOption
    ? boolean
    : O[K] extends { readonly multiple: true }
      ? ReadonlyArray<string>
      : string;
};

/** A positional argument: `<file>`, `<dirs...>` (one or more), `[file]` (optional). */
interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
}

export interface CommandSpec<O extends OptionSpecs> {
  readonly name: string;
  /** One line, shown in the list of `ratecard --help`. */
  readonly summary: string;
  /** Paragraphs shown after the option list of `ratecard <name> --help`. */
  readonly notes?: string;
  readonly arguments?: ReadonlyArray<ArgumentSpec>;
  readonly options: O;
  /** True when the command exits 3 on finding differences (exitCodes.ts), shown in its help. */
  readonly findsDifferences?: boolean;
  /** True when the command exits 4 on holding invoices for bad events (exitCodes.ts), shown in its help. */
  readonly holdsInvoices?: boolean;
  /** Command lines a specialist can paste (at least one, shown in `--help` under "Examples"). */
  readonly examples: readonly [string, ...string[]];
  /** Runs the command; resolves to its exit code (exitCodes.ts). */
  readonly run: (values: OptionValues<O>, positionals: ReadonlyArray<string>) => Promise<number> | number;
}

/** A command whose option types have been checked against its run function (see defineCommand). */
export type RatecardCommand = CommandSpec<OptionSpecs>;

/**
 * Declares a command: `run` receives its options typed after the declaration, so an option read but
 * never declared is a type error rather than a flag that is silently always absent.
 */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): RatecardCommand {
  // The variance of `run` is the only difference between the two types: program.ts passes exactly the
  // values of the options this spec declares.
  return spec as unknown as RatecardCommand;
}
