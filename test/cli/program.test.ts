import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { required, UsageLineError } from "../../src/cli/cliSupport.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { defineCommand } from "../../src/cli/defineCommand.js";
import { failureOf } from "../../src/cli/failure.js";
import { runProgram } from "../../src/cli/program.js";
import { ContractError, InvariantError } from "../../src/errors/index.js";

// A command that records what it was given: how program.ts hands options and arguments to `run`.
function recorder() {
  const calls: Array<{ values: unknown; positionals: ReadonlyArray<string> }> = [];
  const command = defineCommand({
    name: "probe",
    summary: "records its options",
    arguments: [{ name: "[files...]", description: "any files" }],
    options: {
      contract: { type: "string", value: "FILE", description: "a file" },
      format: { type: "string", value: "text|json", description: "a format", default: "text" },
      previous: { type: "string", value: "FILE", description: "repeatable", multiple: true },
      "credits-start-full": { type: "boolean", description: "a switch" },
    },
    findsDifferences: true,
    examples: ["ratecard probe --contract c.json"],
    run: (values, positionals) => {
      calls.push({ values, positionals });
      return 3;
    },
  });
  return { command, calls };
}

async function run(argv: ReadonlyArray<string>, commands = [recorder().command]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProgram(commands, argv, "9.9.9", {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  });
  return { code, out: out.join(""), err: err.join("") };
}

describe("runProgram", () => {
  it("hands run the options under their flag names, defaults filled, repeats kept in order, and returns its code", async () => {
    const { command, calls } = recorder();
    const result = await run(
      ["probe", "a", "--previous", "p1", "--credits-start-full", "b", "--previous", "p2", "--contract", "c"],
      [command],
    );
    expect(result.code).toBe(3);
    expect(calls).toEqual([
      {
        values: { contract: "c", format: "text", previous: ["p1", "p2"], "credits-start-full": true },
        positionals: ["a", "b"],
      },
    ]);
  });

  it("refuses any flag given twice but a repeatable one, whatever the values", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("--contract", "--format"),
        fc.string(),
        fc.string(),
        async (flag, first, second) => {
          await expect(run(["probe", flag, first, flag, second])).rejects.toThrow(
            new UsageLineError(`${flag} is given more than once; give it once`),
          );
        },
      ),
      { numRuns: 20 },
    );
    await expect(run(["probe", "--credits-start-full", "--credits-start-full"])).rejects.toThrow(
      "--credits-start-full is given more than once",
    );
  });

  it("turns an unknown option into one line that names the command's help", async () => {
    const error = await run(["probe", "--bogus"]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UsageLineError);
    expect((error as Error).message).toBe("unknown option '--bogus'; run ratecard probe --help");
  });

  it("says which command's help lists an option that is missing", async () => {
    // `required` is how every command refuses a missing option; the root help lists none of them
    const needsPeriod = defineCommand({
      name: "needs",
      summary: "needs a period",
      options: { period: { type: "string", value: "PERIOD", description: "the period" } },
      examples: ["ratecard needs --period 2026-02"],
      run: (values) => (required(values.period, "--period PERIOD") === "" ? 1 : 0),
    });
    const error = await run(["needs"], [needsPeriod]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UsageLineError);
    expect((error as Error).message).toBe("missing --period PERIOD; run ratecard needs --help");
  });

  it("turns an unknown command into one line, with commander's suggestion on the same line", async () => {
    const error = await run(["prob"]).catch((thrown: unknown) => thrown);
    expect((error as Error).message).toBe(
      "unknown command 'prob' (Did you mean probe?); run ratecard --help",
    );
  });

  it("prints a command's help with its examples and its exit codes, exit 0", async () => {
    const result = await run(["probe", "--help"]);
    expect(result.code).toBe(0);
    expect(result.out).toContain("Usage: ratecard probe [options] [files...]");
    expect(result.out).toContain("Examples:\n  $ ratecard probe --contract c.json");
    expect(result.out).toContain("3 differences found");
    expect(result.err).toBe("");
  });

  it("prints the version on --version and -V, exit 0", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, out: "9.9.9\n", err: "" });
    expect(await run(["-V"])).toEqual({ code: 0, out: "9.9.9\n", err: "" });
  });

  it("with no command, prints the help on stderr and exits 2", async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(result.err).toContain("Usage: ratecard");
  });
});

describe("the commands of ratecard", () => {
  it("are named once each, and each has an example that runs it", () => {
    const names = COMMANDS.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
    for (const command of COMMANDS)
      for (const example of command.examples) expect(example).toContain(`ratecard ${command.name}`);
  });

  it("all take --format, and json is a format each prints", () => {
    for (const command of COMMANDS) {
      const format = command.options.format;
      expect(format?.type, command.name).toBe("string");
      expect(format?.type === "string" && format.value.split("|"), command.name).toContain("json");
    }
  });
});

describe("failureOf", () => {
  it("is exit 2 and the sentence for input errors, exit 1 and the stack for anything else", () => {
    const input = new ContractError(
      "invalid_field",
      "charges[0].price",
      "charges[0].price must be an object",
    );
    expect(failureOf(input)).toEqual({ code: 2, message: "charges[0].price must be an object", more: [] });
    expect(failureOf(new UsageLineError("missing --period PERIOD"))).toEqual({
      code: 2,
      message: "missing --period PERIOD",
      more: [],
    });
    const bug = failureOf(new TypeError("x is undefined"));
    expect(bug.code).toBe(1);
    expect(bug.message).toMatch(/^internal error, please report it: TypeError: x is undefined\n\s+at /);
    // an InvariantError is a RatecardError, but it reports ratecard's own bug
    expect(failureOf(new InvariantError("steps do not add up")).code).toBe(1);
    expect(failureOf("thrown text")).toEqual({
      code: 1,
      message: "internal error, please report it: thrown text",
      more: [],
    });
  });
});
