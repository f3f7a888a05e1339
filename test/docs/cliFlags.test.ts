import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// Every flag a command's --help lists is in docs/cli.md, in that command's own section (a row of its
// table, a usage line or a sentence) or in "Conventions every command follows", which documents the
// flags every command takes (--help, --format, --usage-format, --timestamps). A flag described only in
// another command's section does not count: `preview --commitment-credit-note` was said once, in
// `ratecard invoice`'s table ("Also on preview, progressive, late-usage and reconcile"), and a reader of
// preview's section never saw it.
const CLI_MD = readFileSync(join(import.meta.dirname, "..", "..", "docs", "cli.md"), "utf8");

/** The sections of docs/cli.md by the commands their heading names: "## `ratecard diff` and `ratecard reconcile`". */
function sectionsByCommand(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const section of markdown.split(/^## /m)) {
    const heading = section.split("\n", 1)[0] ?? "";
    for (const match of heading.matchAll(/`ratecard ([a-z-]+)/g))
      sections.set(match[1]!, `${sections.get(match[1]!) ?? ""}${section}`);
  }
  return sections;
}

/** The long flags of a --help's "Options:" block, in order. */
function flagsOfHelp(help: string): string[] {
  const options = help.split("Options:\n")[1]?.split("\n\n")[0] ?? "";
  return [...options.matchAll(/^ {2}(?:-[A-Za-z], )?(--[a-z][a-z0-9-]*)/gm)].map((match) => match[1]!);
}

/** Whether `flag` is written in `text` as a whole flag (`--carry` is not found in `--carry-over`). */
function mentions(text: string, flag: string): boolean {
  return new RegExp(`(?<![a-z-])${flag}(?![a-z0-9-])`).test(text);
}

function commandsOfHelp(help: string): string[] {
  const block = help.split("Commands:\n")[1]?.split("\n\n")[0] ?? "";
  return [...block.matchAll(/^ {2}([a-z][a-z-]*)/gm)]
    .map((match) => match[1]!)
    .filter((name) => name !== "help");
}

describe("docs/cli.md documents every flag of every command", () => {
  const sections = sectionsByCommand(CLI_MD);
  const conventions = CLI_MD.split(/^## /m).find((section) => section.startsWith("Conventions")) ?? "";
  let commands: string[] = [];
  beforeAll(() => {
    assertCliBuilt();
    commands = commandsOfHelp(runCli("--help").stdout);
  });

  it("reads the commands and their flags (the reading itself can fail)", () => {
    expect(commands).toContain("preview");
    expect(commands).toContain("export");
    expect(commands.length).toBeGreaterThanOrEqual(16);
    expect(flagsOfHelp(runCli("preview", "--help").stdout)).toContain("--commitment-credit-note");
    expect(sections.get("reconcile")).toBeDefined();
    expect(mentions("`--carry FILE`", "--carry")).toBe(true);
    expect(mentions("`--carry-over`", "--carry")).toBe(false);
    expect(mentions("`--balances-credit-note`", "--credit-note")).toBe(false);
  });

  it("has a section for each command, naming each of its flags", () => {
    const missing: string[] = [];
    for (const command of commands) {
      const section = sections.get(command);
      if (section === undefined) {
        missing.push(`${command}: no section "## \`ratecard ${command}\`"`);
        continue;
      }
      for (const flag of flagsOfHelp(runCli(command, "--help").stdout))
        if (!mentions(section, flag) && !mentions(conventions, flag)) missing.push(`${command} ${flag}`);
    }
    expect(missing).toEqual([]);
  });
});
