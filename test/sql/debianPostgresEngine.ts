import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { chmod, chown, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { standard, type TestEngine, valuesOf } from "./engines.js";

// Debian's own PostgreSQL server (package `postgresql`, which scripts/ensure-system-packages.sh installs
// when missing): PostgreSQL 15 on Debian 12, a version PGlite (18) is not. The test set-up starts a
// throwaway cluster in a temporary directory, reached by a unix socket there only (no TCP port), and
// stops and removes it after. PostgreSQL refuses to run as root, so as root the server runs as the
// `postgres` user the package creates, which then owns the directory. No driver is a dependency: the
// queries go through one `psql` session (the session's settings, SET TIME ZONE, last from one query to
// the next), each query's rows back as one JSON array.

const run = promisify(execFile);
const ROOT = "/usr/lib/postgresql";
const USER = "postgres";
// A line no result prints: after it, whether the statement failed and, if so, PostgreSQL's message.
const END = "--ratecard-statement-end--";

/** The newest server under /usr/lib/postgresql (Debian's layout), or a clear failure. */
async function debianPostgresBin(): Promise<string> {
  const versions = (await readdir(ROOT).catch(() => []))
    .filter((name) => /^[0-9]+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0)
    throw new Error(
      `No PostgreSQL server in ${ROOT}: install Debian's package postgresql (scripts/ensure-system-packages.sh does, run by npm test)`,
    );
  return join(ROOT, versions[0]!, "bin");
}

const asRoot = () => process.getuid?.() === 0;
// A server program, as the unprivileged user when we are root.
const serverCommand = (program: string, args: string[]): [string, string[]] =>
  asRoot() ? ["runuser", ["-u", USER, "--", program, ...args]] : [program, args];

async function startCluster(): Promise<{ dir: string; bin: string; stop: () => Promise<void> }> {
  const bin = await debianPostgresBin();
  const dir = await mkdtemp(join(tmpdir(), "ratecard-pg-"));
  const data = join(dir, "data");
  const pgCtl = join(bin, "pg_ctl");
  try {
    if (asRoot()) {
      const { stdout } = await run("id", ["-u", USER]);
      const { stdout: group } = await run("id", ["-g", USER]);
      await chown(dir, Number(stdout.trim()), Number(group.trim()));
    }
    await chmod(dir, 0o700);
    await run(
      ...serverCommand(join(bin, "initdb"), [
        "-D",
        data,
        "-U",
        USER,
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        "--no-sync",
      ]),
    );
    // jit off, as docs/sql-engines.md advises: LLVM compiling the query's large expressions took 54 s of a
    // 55 s query on PostgreSQL 15 (the computed values' case), 0.95 s without.
    const options = `-k ${dir} -c listen_addresses='' -c jit=off -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
    await run(...serverCommand(pgCtl, ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "start"]));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Debian's PostgreSQL server (${bin}) did not start: ${String(error)}`);
  }
  return {
    dir,
    bin,
    async stop() {
      try {
        await run(...serverCommand(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

interface Statement {
  readonly resolve: (lines: string[]) => void;
  readonly reject: (error: Error) => void;
  readonly lines: string[];
}

/** One psql session on the cluster's socket: each statement's output lines, up to END, then its error. */
function psqlSession(bin: string, socketDir: string) {
  const child: ChildProcessWithoutNullStreams = spawn(join(bin, "psql"), [
    "-X",
    "-q",
    "-A",
    "-t",
    "-h",
    socketDir,
    "-U",
    USER,
    "-d",
    "postgres",
    "-v",
    "ON_ERROR_STOP=0",
    "-v",
    "VERBOSITY=terse",
  ]);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const waiting: Statement[] = [];
  let afterEnd: string[] | undefined;
  createInterface({ input: child.stdout }).on("line", (line) => {
    const current = waiting[0];
    if (current === undefined) return;
    if (afterEnd !== undefined) {
      // The line after END: "ok", or "error" then PostgreSQL's message on the next line.
      afterEnd.push(line);
      if (afterEnd[0] === "ok" || afterEnd.length === 2) {
        waiting.shift();
        const [status, message] = afterEnd;
        afterEnd = undefined;
        if (status === "ok") current.resolve(current.lines);
        else current.reject(new Error(`PostgreSQL: ${message}`));
      }
    } else if (line === END) afterEnd = [];
    else current.lines.push(line);
  });
  child.on("exit", (code, signal) => {
    for (const statement of waiting.splice(0))
      statement.reject(new Error(`psql exited (${code ?? signal}): ${stderr}`));
  });
  return {
    statement(sql: string): Promise<string[]> {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject, lines: [] });
        child.stdin.write(
          `${sql}\n;\n\\echo ${END}\n\\if :ERROR\n\\echo error\n\\echo :LAST_ERROR_MESSAGE\n\\else\n\\echo ok\n\\endif\n`,
        );
      });
    },
    async close(): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin.end();
      await exited;
    },
  };
}

/** Debian's PostgreSQL server (15 on Debian 12), a throwaway cluster started for the test file. */
export async function debianPostgresEngine(): Promise<
  TestEngine & { readonly version: () => Promise<number> }
> {
  const cluster = await startCluster();
  const psql = psqlSession(cluster.bin, cluster.dir);
  // A query's rows as JSON (json_agg writes bigint as a number, text as a string, NULL as null); any
  // other statement (SET, CREATE, INSERT) as it is.
  const query = async (sql: string): Promise<unknown[]> => {
    if (!/^\s*(WITH|SELECT)\b/i.test(sql)) {
      await psql.statement(sql);
      return [];
    }
    const lines = await psql.statement(`SELECT coalesce(json_agg(q), '[]') FROM (${sql}\n) q`);
    return JSON.parse(lines.join("\n")) as unknown[];
  };
  return {
    dialect: "postgres",
    async load(events) {
      await query(
        "DROP TABLE IF EXISTS events; CREATE TABLE events (id text, type text, customer text, timestamp text, properties jsonb)",
      );
      if (events.length > 0) await query(`INSERT INTO events VALUES ${valuesOf(events, standard)}`);
    },
    run: query,
    async version() {
      const rows = (await query("SELECT current_setting('server_version_num')::int AS v")) as { v: number }[];
      return rows[0]!.v;
    },
    async close() {
      try {
        await psql.close();
      } finally {
        await cluster.stop();
      }
    },
  };
}
