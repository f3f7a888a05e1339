import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CodeBlock } from "./markdownBlocks.js";

/** One command of a ```console block: its arguments, where its output goes, and the output shown. */
export interface ConsoleCommand {
  readonly line: number;
  /** `ratecard` (the built CLI), or `cat` to show a file an earlier command wrote (its one argument). */
  readonly program: "ratecard" | "cat";
  readonly args: ReadonlyArray<string>;
  /** `> FILE`: stdout is written there (in the working folder), and the block shows no output. */
  readonly redirect?: string;
  /** What the page shows after the command: stdout, then stderr, then `[exit N]` when N is not 0. */
  readonly shown: string;
}

/**
 * The commands of a ```console block: each starts with `$ ratecard …`, or `$ cat FILE` to show a file an
 * earlier command wrote (`--quarantine bad.ndjson`), a line ending in ` \` going on on the next; the
 * lines after it up to the next `$` are what the page says it prints.
 */
export function consoleCommands(block: CodeBlock): ConsoleCommand[] {
  const lines = block.text.replace(/\n$/, "").split("\n");
  const commands: ConsoleCommand[] = [];
  let at = 0;
  while (at < lines.length) {
    const start = at;
    let text = (lines[at] ?? "").replace(/^\$ /, "");
    if (!/^\$ (ratecard|cat) /.test(lines[at] ?? ""))
      throw new Error(
        `${block.file}:${block.line + at + 1}: a console block's command starts with "$ ratecard " or "$ cat "`,
      );
    while (text.endsWith("\\")) {
      at += 1;
      text = `${text.slice(0, -1)}${(lines[at] ?? "").trim()}`;
    }
    at += 1;
    const output: string[] = [];
    while (at < lines.length && !(lines[at] ?? "").startsWith("$ ")) output.push(lines[at++] as string);
    const [program, ...words] = shellWords(text);
    const arrow = words.indexOf(">");
    commands.push({
      line: block.line + start + 1,
      program: program === "cat" ? "cat" : "ratecard",
      args: arrow >= 0 ? words.slice(0, arrow) : words,
      ...(arrow >= 0 ? { redirect: words[arrow + 1] as string } : {}),
      shown: output.join("\n"),
    });
  }
  return commands;
}

/** Runs one command with the built CLI in `folder`, as the page shows it (see {@link ConsoleCommand}). */
export function runConsoleCommand(cli: string, folder: string, command: ConsoleCommand): string {
  if (command.program === "cat")
    return command.args
      .map((file) => readFileSync(join(folder, file), "utf8"))
      .join("")
      .replace(/\n$/, "");
  const result = spawnSync(process.execPath, [cli, ...command.args], {
    cwd: folder,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", TZ: "UTC" },
  });
  if (command.redirect !== undefined) {
    writeFileSync(join(folder, command.redirect), result.stdout);
    return `${result.stderr}${result.status === 0 ? "" : `[exit ${result.status}]`}`.replace(/\n$/, "");
  }
  const exit = result.status === 0 ? "" : `[exit ${result.status}]`;
  return `${result.stdout}${result.stderr}${exit}`.replace(/\n$/, "");
}

// Words as a POSIX shell splits them, for the quoting the page uses: '…', "…" and spaces.
function shellWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const match of text.matchAll(pattern))
    words.push(match[1] ?? match[2]?.replace(/\\(.)/g, "$1") ?? match[3] ?? "");
  return words;
}
