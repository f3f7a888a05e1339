import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// `ratecard what-if` and `ratecard check` read usage from folders: a what-if's customers (one export of
// everyone's usage: --timestamps applies to every customer), a check's fixtures (each says how its own
// usage is written, in fixture.json, since one folder of fixtures may mix a Stripe export in seconds with
// a warehouse's ISO text). cdn-basic's February invoice is 7663.78 whichever way its events' times are
// written: each ISO timestamp here is rewritten as its count of seconds (Date.parse ÷ 1000, exact for the
// fixture's whole and thousandth seconds).

const scratch = scratchFolder("ratecard-epoch-folders-", assertCliBuilt);
const FIXTURE = "fixtures/cdn-basic";
let inSeconds = "";
beforeAll(() => {
  inSeconds = readFileSync(join(FIXTURE, "usage.ndjson"), "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const event = JSON.parse(line) as { timestamp: string };
      return JSON.stringify({ ...event, timestamp: Date.parse(event.timestamp) / 1000 });
    })
    .join("\n");
});

// A copy of cdn-basic with its usage in seconds, and fixture.json's `settings` when given.
function secondsFixture(name: string, settings?: object): string {
  const dir = scratch.path(name);
  mkdirSync(dir);
  for (const file of ["contract.json", "expected.json"]) copyFileSync(join(FIXTURE, file), join(dir, file));
  writeFileSync(join(dir, "usage.ndjson"), `${inSeconds}\n`);
  if (settings !== undefined) writeFileSync(join(dir, "fixture.json"), JSON.stringify(settings));
  return dir;
}

describe("epoch timestamps in the commands that read usage folders", () => {
  it("check: a fixture says its usage is in seconds in fixture.json, and passes as the ISO one does", () => {
    expect(runCli("check", FIXTURE).code).toBe(0);
    const told = runCli("check", secondsFixture("told", { timestamps: "epoch_s" }));
    expect([told.code, told.stderr]).toEqual([0, ""]);
    expect(told.stdout).toContain("PASS");
    // Not told: the usage is refused, the fixture is an error (exit 2), naming the option.
    const untold = runCli("check", secondsFixture("untold"));
    expect(untold.code).toBe(2);
    expect(untold.stdout).toContain("if these are seconds since 1970");
    // A name that is no way of writing timestamps is refused in words.
    const wrong = runCli("check", secondsFixture("wrong", { timestamps: "seconds" }));
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toContain(
      '"timestamps" is "seconds"; a fixture\'s usage timestamps are read as "text", "epoch_s", "epoch_ms"',
    );
  });

  it("what-if: --timestamps reads every customer's usage, and the report is the ISO folder's", () => {
    const customers = (name: string, usage: string) => {
      const dir = scratch.path(name, "northwind");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "usage.ndjson"), usage);
      // The customer's own contract: --before and --after are then its folder's.
      copyFileSync(join(FIXTURE, "contract.json"), join(dir, "contract.json"));
      return scratch.path(name);
    };
    const iso = customers("iso", readFileSync(join(FIXTURE, "usage.ndjson"), "utf8"));
    const seconds = customers("seconds", `${inSeconds}\n`);
    const run = (dir: string, ...flags: string[]) =>
      runCli(
        ...["what-if", "--before", dir, "--after", dir, "--usage", dir, "--period", "2026-02"],
        ...["--format", "json", ...flags],
      );
    const expected = run(iso);
    expect(expected.code).toBe(0);
    const read = run(seconds, "--timestamps", "epoch_s");
    expect([read.code, read.stderr]).toEqual([0, ""]);
    expect(read.stdout.replaceAll(seconds, iso)).toBe(expected.stdout);
    expect(run(seconds).code).toBe(2);
  });
});
