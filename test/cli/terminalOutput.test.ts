import { execFileSync, spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt } from "../_support/runCli.js";

// Colour and the progress bar, which ratecard draws only on a terminal: a real one is made with
// util-linux's `script` (a pseudo-terminal; scripts/ensure-system-packages.sh installs it when
// missing), and "work longer than a second" is a usage file fed through a named pipe with a pause.
const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");
const FIXTURE = join(ROOT, "fixtures", "cdn-basic");
const ESCAPE = "\u001b";

let scratch = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-terminal-"));
});

type Env = Record<string, string | undefined>;

/** The environment of the test run without CI and NO_COLOR, then `extra`. */
function environment(extra: Env): NodeJS.ProcessEnv {
  const env: Env = { ...process.env, TERM: "xterm-256color" };
  delete env.CI;
  delete env.NO_COLOR;
  return { ...env, ...extra } as NodeJS.ProcessEnv;
}

/** The terminal's text with each event count (1,024, 2,048, …) written N. */
const counted = (text: string) => text.replace(/\d[\d,]* events/g, "N events");

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs `ratecard args` in a pseudo-terminal: stderr is the terminal (what `script` prints), stdout
 * goes to a file. Resolves to what the terminal showed and the stdout file's text.
 */
function onTerminal(args: ReadonlyArray<string>, env: Env): Promise<{ terminal: string; stdout: string }> {
  const out = join(scratch, `stdout-${Math.random().toString(36).slice(2)}.txt`);
  const command = [process.execPath, CLI, ...args].map(quote).join(" ");
  return run("script", ["-qfec", `${command} > ${quote(out)}`, "/dev/null"], env).then((result) => ({
    terminal: result.stdout,
    stdout: readFileSync(out, "utf8"),
  }));
}

function run(program: string, args: ReadonlyArray<string>, env: Env) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: ROOT,
      env: environment(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A named pipe fed like a slow producer: the first 1,100 events of cdn-basic, a pause of 1.3 s, the
 * other 1,896, then 3,000 events of another customer (left out of the invoice, so its total stays
 * 7,663.78, but read, so the progress has events to count after the pause).
 */
function slowUsage(): { readonly path: string; readonly fed: Promise<void> } {
  const path = join(scratch, `slow-${Math.random().toString(36).slice(2)}.ndjson`);
  execFileSync("mkfifo", [path]);
  const lines = readFileSync(join(FIXTURE, "usage.ndjson"), "utf8").split(/(?<=\n)/);
  const others = Array.from(
    { length: 3000 },
    (_, i) =>
      `${JSON.stringify({ id: `other_${i}`, type: "cdn.bandwidth", customer: "cus_other", timestamp: "2026-02-10T00:00:00Z", properties: { region: "na", gb: "1" } })}\n`,
  );
  const fed = (async () => {
    const stream = createWriteStream(path);
    // Opening a pipe to write waits for its reader: the pause starts once ratecard is reading.
    await new Promise((resolve) => stream.once("open", resolve));
    stream.write(lines.slice(0, 1100).join(""));
    await sleep(1300);
    stream.write(lines.slice(1100).join(""));
    await new Promise<void>((resolve) => stream.end(others.join(""), resolve));
  })();
  return { path, fed };
}

const invoiceArgs = (usage: string) => [
  "invoice",
  "--contract",
  join(FIXTURE, "contract.json"),
  "--usage",
  usage,
  "--period",
  "2026-02",
  "--format",
  "json",
];

describe("colour", () => {
  it("colours the error prefix red on a terminal", async () => {
    const { terminal } = await onTerminal(["frobnicate"], {});
    // SGR 31 (red) around the prefix, 39 back to the default colour
    expect(terminal).toContain(`${ESCAPE}[31mratecard:${ESCAPE}[39m unknown command 'frobnicate'`);
  });

  it("writes no escape code at all with NO_COLOR set, even on a terminal", async () => {
    const { terminal } = await onTerminal(["frobnicate"], { NO_COLOR: "1" });
    expect(terminal).toContain("ratecard: unknown command 'frobnicate'");
    expect(terminal).not.toContain(ESCAPE);
  });

  it("writes no escape code off a terminal (stderr a pipe), whatever TERM says", async () => {
    const result = await run(process.execPath, [CLI, "frobnicate"], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("ratecard: unknown command 'frobnicate'; run ratecard --help\n");
  });
});

describe("the progress bar", () => {
  it("shows on a terminal when the work takes more than a second, then clears its line", async () => {
    const usage = slowUsage();
    const [{ terminal, stdout }] = await Promise.all([onTerminal(invoiceArgs(usage.path), {}), usage.fed]);
    // a pipe's length is unknown: the line counts events, redrawn over itself (\r … ESC[K)
    expect(counted(terminal)).toContain(`\r${ESCAPE}[36musage pass 1: N events read${ESCAPE}[39m${ESCAPE}[K`);
    expect(terminal.endsWith("\r\u001b[K")).toBe(true); // cleared: the terminal ends as it began
    expect(JSON.parse(stdout).total).toBe("7663.78");
  });

  it("shows without colour under NO_COLOR (NO_COLOR is about colour, not progress)", async () => {
    const usage = slowUsage();
    const [{ terminal }] = await Promise.all([
      onTerminal(invoiceArgs(usage.path), { NO_COLOR: "1" }),
      usage.fed,
    ]);
    expect(counted(terminal)).toContain(`\rusage pass 1: N events read${ESCAPE}[K`);
    expect(terminal).not.toContain(`${ESCAPE}[36m`);
  });

  it("never shows under CI, even on a terminal: the terminal stays empty", async () => {
    const usage = slowUsage();
    const [{ terminal, stdout }] = await Promise.all([
      onTerminal(invoiceArgs(usage.path), { CI: "true" }),
      usage.fed,
    ]);
    expect(terminal).toBe("");
    expect(JSON.parse(stdout).total).toBe("7663.78");
  });

  it("never shows off a terminal: stderr stays empty", async () => {
    const usage = slowUsage();
    const [result] = await Promise.all([
      run(process.execPath, [CLI, ...invoiceArgs(usage.path)], {}),
      usage.fed,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).total).toBe("7663.78");
  });
});
