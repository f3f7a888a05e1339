import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt } from "../_support/runCli.js";
import { consoleCommands, runConsoleCommand } from "./consoleBlocks.js";
import { docsCodeBlocks } from "./markdownBlocks.js";

// docs/disputes.md, executed: every ```console block's commands run with the built CLI, in order, in one
// working folder (where `fixtures` is the repository's, and files written with `>` stay for the next
// command), and each prints exactly what the page shows, exit code included.
const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");
const BLOCKS = docsCodeBlocks(ROOT).filter(
  (block) => block.file === "docs/disputes.md" && block.lang === "console",
);
const COMMANDS = BLOCKS.flatMap(consoleCommands);

beforeAll(assertCliBuilt);

describe("docs/disputes.md", () => {
  const folder = mkdtempSync(join(tmpdir(), "ratecard-disputes-"));
  symlinkSync(join(ROOT, "fixtures"), join(folder, "fixtures"));

  it("has at least twelve recipes, each with commands", () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(12);
    expect(COMMANDS.every((command) => command.args.length > 0)).toBe(true);
  });

  // In page order: a later command may read the file an earlier one wrote.
  it.each(
    COMMANDS.map((command) => [`line ${command.line}: ratecard ${command.args.join(" ")}`, command] as const),
  )("%s prints what the page shows", (_, command) => {
    expect(runConsoleCommand(CLI, folder, command)).toBe(command.shown);
  });
});
