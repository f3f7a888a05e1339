import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt } from "../_support/runCli.js";
import { consoleCommands, runConsoleCommand } from "./consoleBlocks.js";
import { docsCodeBlocks } from "./markdownBlocks.js";

// The ```console blocks of the pages below, executed as docs/disputes.md's are (disputes.test.ts): each
// command runs with the built CLI, in page order, in one working folder per page where `fixtures` and
// `test` are the repository's (the Stripe invoice of docs/diff-and-reconcile.md is test data), and prints
// exactly what the page shows, exit code included. A page's worked output then cannot drift from the CLI.
// The inputs of the pages' examples that are no UAT fixture are under fixtures/_docs/ (a "_" folder,
// which `ratecard check fixtures/` and the fixture tests skip); `$ cat FILE` shows a file a command wrote.
const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");
const PAGES = [
  "docs/diff-and-reconcile.md",
  "docs/credit-notes.md",
  "docs/progressive-billing.md",
  "docs/cli.md",
];
const BLOCKS = docsCodeBlocks(ROOT).filter((block) => PAGES.includes(block.file) && block.lang === "console");

beforeAll(assertCliBuilt);

describe.each(PAGES)("%s, executed", (page) => {
  const folder = mkdtempSync(join(tmpdir(), "ratecard-console-"));
  symlinkSync(join(ROOT, "fixtures"), join(folder, "fixtures"));
  symlinkSync(join(ROOT, "test"), join(folder, "test"));
  const commands = BLOCKS.filter((block) => block.file === page).flatMap(consoleCommands);

  it("has a console block with a command", () => {
    expect(commands.length).toBeGreaterThan(0);
  });

  it.each(
    commands.map((command) => [`line ${command.line}: ratecard ${command.args.join(" ")}`, command] as const),
  )("%s prints what the page shows", (_, command) => {
    expect(runConsoleCommand(CLI, folder, command)).toBe(command.shown);
  });
});
