import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";

import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SEATS_METER } from "../_support/contract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { xpath } from "../_support/xpath.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
let scratch = "";

// A copy of a committed fixture in a fresh folder, to edit without touching fixtures/.
function copyOf(fixture: string, name = fixture): string {
  const dir = join(scratch, name);
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-check-"));
});

describe("ratecard check", () => {
  it("passes every fixture folder of the repository (what CI runs), exit 0", () => {
    const result = runCli("check", "fixtures/");
    // As check reads a folder of fixtures: each folder with a contract.json, and one level further, each
    // of a folder of them (fixtures/disputes: the dispute cookbook's 12 cases, with their figures).
    const withContract = (dir: string) =>
      readdirSync(join(FIXTURES, dir), { withFileTypes: true })
        .filter(
          (entry) =>
            entry.isDirectory() &&
            !/^[_.]/.test(entry.name) &&
            existsSync(join(FIXTURES, dir, entry.name, "contract.json")),
        )
        .map((entry) => (dir === "" ? entry.name : `${dir}/${entry.name}`));
    const folders = [...withContract(""), ...withContract("disputes")];
    expect(withContract("disputes")).toHaveLength(12);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const folder of folders) expect(result.stdout).toContain(`PASS  fixtures/${folder} — `);
    expect(result.stdout).toContain(`${folders.length} fixtures: ${folders.length} passed, 0 failed`);
    // and the folders it does not rate are listed, each with the reason, never dropped without a word
    expect(result.stdout).not.toContain("SKIP  fixtures/disputes");
    expect(result.stdout).toContain(
      "SKIP  fixtures/_generators — not a fixture: a helper folder (its name starts with _)\n",
    );
    // _docs (the docs' example inputs), _generators and _price-books: 3
    expect(result.stdout).toContain("; 3 folders skipped (not fixtures)\n");
  });

  it("checks the dispute cookbook's cases when fixtures/disputes is named, each against its figures", () => {
    const result = runCli("check", "fixtures/disputes");
    expect(result.code).toBe(0);
    // after-cancellation, by hand (its README): 310.00 × 15 ÷ 31 = 150.00 + 150 GB × 0.10 = 15.00. Its
    // figures ask for 2026-03; the PASS line names what the invoice covers, up to the cancellation on
    // the 16th (it said "2026-03", as if the whole month had been billed)
    expect(result.stdout).toContain(
      "PASS  fixtures/disputes/after-cancellation — 2026-03-01/2026-03-16: expected-figures.json: 2 lines, subtotal, tax and total\n",
    );
    expect(result.stdout).toContain("12 fixtures: 12 passed, 0 failed, 0 could not be rated\n");
  });

  it("reads a folder of fixture folders in its place, one level down only, and says why it skips others", () => {
    // outer/saas-seats is a fixture; outer/inner a folder of fixtures (read in place, as fixtures/disputes
    // inside fixtures/); outer/inner/deeper one more level down (not read: named with the command that
    // checks it); outer/cookbook/case holds a contract and usage only (nothing to compare)
    const outer = join(scratch, "outer-suites");
    mkdirSync(join(outer, "cookbook", "case"), { recursive: true });
    copyOf("saas-seats", "outer-suites/saas-seats");
    copyOf("saas-seats", "outer-suites/inner/saas-seats");
    copyOf("saas-seats", "outer-suites/inner/deeper/saas-seats");
    cpSync(join(FIXTURES, "saas-seats", "contract.json"), join(outer, "cookbook", "case", "contract.json"));
    const result = runCli("check", outer);
    expect(result.code).toBe(0);
    const inner = join(outer, "inner");
    const deeper = join(inner, "deeper");
    expect(result.stdout).toContain(`PASS  ${join(inner, "saas-seats")} — `);
    expect(result.stdout).toContain(`PASS  ${join(outer, "saas-seats")} — `);
    expect(result.stdout).not.toContain(`${join(deeper, "saas-seats")}`);
    expect(result.stdout).toContain(
      `SKIP  ${deeper} — not a fixture (no contract.json); it holds fixture folders: ratecard check ${deeper}\n`,
    );
    expect(result.stdout).toContain(
      `SKIP  ${join(outer, "cookbook")} — not a fixture (no contract.json); its folders hold contracts and usage but nothing to compare (no expected.json, expected-figures.json or fixture.json in any)\n`,
    );
    expect(result.stdout).toContain(
      "2 fixtures: 2 passed, 0 failed, 0 could not be rated; 2 folders skipped",
    );
  });

  it("lists each folder that is not a fixture, and still exits 0 when the fixtures pass", () => {
    // suite/saas-seats is a fixture; suite/notes holds only a README; suite/_scratch is a helper folder
    const suite = join(scratch, "suite-with-notes");
    mkdirSync(join(suite, "notes"), { recursive: true });
    writeFileSync(join(suite, "notes", "README.md"), "meeting notes\n");
    mkdirSync(join(suite, "_scratch"));
    copyOf("saas-seats", "suite-with-notes/saas-seats");
    const result = runCli("check", suite);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        // what was compared, from the fixture's files: expected.json, and expected-figures.json's six
        // lines (support, api_requests, seats:unused@…, seats@…, seats, platform), subtotal, tax, total
        `PASS  ${join(suite, "saas-seats")} — 2026-04-01/2026-05-01: expected.json byte for byte; expected-figures.json: 6 lines, subtotal, tax and total`,
        `SKIP  ${join(suite, "_scratch")} — not a fixture: a helper folder (its name starts with _)`,
        `SKIP  ${join(suite, "notes")} — not a fixture: it has no contract.json and no expected.json`,
        "",
        "1 fixture: 1 passed, 0 failed, 0 could not be rated; 2 folders skipped (not fixtures)",
        "",
      ].join("\n"),
    );
    const json = JSON.parse(runCli("check", suite, "--format", "json").stdout);
    expect(json.skipped).toEqual([
      { name: join(suite, "_scratch"), reason: "not a fixture: a helper folder (its name starts with _)" },
      { name: join(suite, "notes"), reason: "not a fixture: it has no contract.json and no expected.json" },
    ]);
  });

  it("writes the folders it skipped into --junit too: a testcase each, with the reason, counted as skipped", async () => {
    // suite/saas-seats is a fixture; suite/notes holds only a README; suite/_scratch is a helper folder
    const suite = join(scratch, "suite-for-junit");
    mkdirSync(join(suite, "notes"), { recursive: true });
    writeFileSync(join(suite, "notes", "README.md"), "meeting notes\n");
    mkdirSync(join(suite, "_scratch"));
    copyOf("saas-seats", "suite-for-junit/saas-seats");
    const file = join(scratch, "suite-for-junit.xml");
    expect(runCli("check", suite, "--junit", file).code).toBe(0);
    const xml = readFileSync(file, "utf8");
    const testsuite = "/testsuites/testsuite";
    // 1 fixture passed + 2 folders skipped = 3 testcases, 2 of them skipped
    expect(await xpath(xml, `string(${testsuite}/@tests)`)).toBe("3");
    expect(await xpath(xml, `string(${testsuite}/@skipped)`)).toBe("2");
    expect(await xpath(xml, `count(${testsuite}/testcase[skipped])`)).toBe("2");
    expect(await xpath(xml, `string(${testsuite}/testcase[1]/@name)`)).toBe(join(suite, "saas-seats"));
    const message = (folder: string) =>
      xpath(xml, `string(${testsuite}/testcase[@name="${join(suite, folder)}"]/skipped/@message)`);
    expect(await message("_scratch")).toBe("not a fixture: a helper folder (its name starts with _)");
    expect(await message("notes")).toBe("not a fixture: it has no contract.json and no expected.json");
  });

  it("makes a folder with an expected.json but no contract.json an error (exit 2), in its place", () => {
    const suite = join(scratch, "suite-with-orphan");
    mkdirSync(suite);
    copyOf("saas-seats", "suite-with-orphan/saas-seats");
    const orphan = copyOf("cdn-basic", "suite-with-orphan/cdn-basic");
    rmSync(join(orphan, "contract.json"));
    rmSync(join(orphan, "expected-figures.json"));
    const result = runCli("check", suite);
    expect(result.code).toBe(2);
    const reason =
      "there is no contract.json, but the folder has expected.json and usage.ndjson: add the contract the invoice is rated from, or move the folder out of the fixtures";
    expect(result.stdout).toContain(`ERROR ${orphan} — ${reason}\nPASS  ${join(suite, "saas-seats")} — `);
    expect(result.stdout).toContain("2 fixtures: 1 passed, 0 failed, 1 could not be rated\n");
    // named by itself, the folder is the same error, not "holds no fixture"
    const alone = runCli("check", orphan);
    expect(alone.code).toBe(2);
    expect(alone.stdout).toContain(`ERROR ${orphan} — ${reason}\n`);
  });

  it("exits 3 on a fixture whose invoice differs and names the field, the line and both values", () => {
    const dir = copyOf("cdn-basic", "price-change");
    // bandwidth_na's second tier from 0.06 to 0.061: 40,000 GB × 0.001 = 40.00 more, 3,656.00 → 3,696.00.
    const contract = readFileSync(join(dir, "contract.json"), "utf8");
    writeFileSync(join(dir, "contract.json"), contract.replace('"0.06"', '"0.061"'));
    const junit = join(scratch, "price-change.xml");
    const result = runCli("check", dir, "--junit", junit);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`FAIL  ${dir} — `);
    expect(result.stdout).toContain("  line bandwidth_na:");
    // and by how much: 3,696.00 − 3,656.00 = +40.00, on the line and on the total
    expect(result.stdout).toContain(
      'lines[1].amount: expected "3656.00", recomputed "3696.00" (recomputed − expected: +40.00)',
    );
    expect(result.stdout).toContain(
      'total: expected "7663.78", recomputed "7703.78" (recomputed − expected: +40.00)',
    );
    expect(readFileSync(junit, "utf8")).toContain('failures="1" errors="0"');
  });

  it("continues a sequence from previous.json: without it, ai-api-june's credit would start full", () => {
    const dir = copyOf("ai-api-june", "june-without-previous");
    rmSync(join(dir, "previous.json"));
    // ai-api-june/README.md: May left 130.00; starting full at 500.00 instead, the grant burns 489.00.
    const result = runCli("check", dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('credits[0].balanceBefore: expected "130.00", recomputed "500.00"');
    // 0.00 − 359.00 = −359.00
    expect(result.stdout).toContain(
      'total: expected "359.00", recomputed "0.00" (recomputed − expected: -359.00)',
    );
  });

  it("refuses a previous.json that is not an invoice in previous.json's own words, not a flag's", () => {
    // the carried balance alone, as --balances would take it: check reads previous.json as an invoice
    const dir = copyOf("ai-api-june", "june-balances-alone");
    const previous = join(dir, "previous.json");
    writeFileSync(previous, '{ "ai_prepay": "130.00" }');
    const result = runCli("check", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `ERROR ${dir} — ${previous} is not a ratecard invoice: previous.json must be the invoice just before this one (ratecard invoice --format json), or a late-usage correction of it.`,
    );
  });

  it("names previous.json and the path in it when what it carries does not fit the contract", () => {
    const dir = copyOf("ai-api-june", "june-seats-dropped");
    // May rated while the contract still had a persistent seats meter: its usage.carryOut carries the
    // seats' active users (none), a meter June's contract no longer has
    const then = JSON.parse(readFileSync(join(dir, "contract.json"), "utf8"));
    then.meters.push({ ...SEATS_METER });
    then.charges.push({
      id: "seats",
      name: "Seats",
      meter: "seats",
      price: { model: "unit", unitPrice: "10" },
    });
    const thenFile = join(scratch, "quill-with-seats.json");
    writeFileSync(thenFile, JSON.stringify(then));
    const usage = join(dir, "usage.ndjson");
    const may = runCli(
      "invoice",
      "--contract",
      thenFile,
      "--usage",
      usage,
      "--period",
      "2026-05",
      "--format",
      "json",
      "--credits-start-full",
    );
    expect(may.code).toBe(0);
    const previous = join(dir, "previous.json");
    writeFileSync(previous, may.stdout);
    const result = runCli("check", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `ERROR ${dir} — ${previous} at usage.carryOut.seats: The carried state names meter "seats", which the contract does not have.`,
    );
  });

  it("exits 2 when a fixture cannot be rated, after reporting every fixture", () => {
    const dir = join(scratch, "suite-with-broken");
    mkdirSync(dir);
    copyOf("saas-seats", "suite-with-broken/saas-seats");
    const broken = copyOf("cdn-basic", "suite-with-broken/broken");
    writeFileSync(join(broken, "contract.json"), "{ not json");
    const result = runCli("check", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`ERROR ${join(dir, "broken")} — `);
    expect(result.stdout).toContain(`PASS  ${join(dir, "saas-seats")}`);
  });

  it("names contract.json when a fixture's contract is not valid", () => {
    // cdn-basic's North America tiers are charges[1]; a unit price "abc" is no decimal.
    const dir = copyOf("cdn-basic", "bad-price");
    const contract = JSON.parse(readFileSync(join(dir, "contract.json"), "utf8"));
    contract.charges[1].price.tiers[0].unitPrice = "abc";
    writeFileSync(join(dir, "contract.json"), JSON.stringify(contract));
    const result = runCli("check", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `ERROR ${dir} — contract.json: charges[1].price.tiers[0].unitPrice must be`,
    );
    expect(result.stdout).toContain("(at charges[1].price.tiers[0].unitPrice)");
  });

  it("makes a misnamed figures file an error (exit 2), never a pass without its figures", () => {
    // 7,663.79 written down where cdn-basic's README works out 7,663.78: unread, it would pass unseen.
    const dir = copyOf("cdn-basic", "misnamed-figures");
    const figures = readFileSync(join(dir, "expected-figures.json"), "utf8");
    rmSync(join(dir, "expected-figures.json"));
    writeFileSync(
      join(dir, "expected_figures.json"),
      figures.replace('"total": "7663.78"', '"total": "7663.79"'),
    );
    const result = runCli("check", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `ERROR ${dir} — expected_figures.json is not read by ratecard check, so nothing in it is checked: rename expected_figures.json to expected-figures.json (check reads expected.json, expected-figures.json and expected-credit-note.json)\n`,
    );
  });

  it("says there is no fixture.json, not that it names no period, when a fixture has neither file", () => {
    const dir = copyOf("cdn-basic", "no-period");
    rmSync(join(dir, "expected.json"));
    rmSync(join(dir, "expected-figures.json"));
    const result = runCli("check", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      `ERROR ${dir} — there is no expected.json or expected-figures.json to take the period from, and no fixture.json to name one`,
    );
    expect(result.stdout).not.toContain("fixture.json names no period");
  });

  it("refuses a folder that holds no fixture (exit 2)", () => {
    const empty = join(scratch, "empty");
    mkdirSync(empty);
    const result = runCli("check", empty);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("holds no fixture");
  });

  it("--update writes expected.json where there is none, from the period in fixture.json", () => {
    const dir = join(scratch, "new-fixture");
    mkdirSync(dir);
    cpSync(join(FIXTURES, "cdn-basic", "contract.json"), join(dir, "contract.json"));
    cpSync(join(FIXTURES, "cdn-basic", "usage.ndjson"), join(dir, "usage.ndjson"));
    writeFileSync(join(dir, "fixture.json"), '{ "period": "2026-02" }\n');
    const without = runCli("check", dir);
    expect(without.code).toBe(3);
    expect(existsSync(join(dir, "expected.json"))).toBe(false);
    const result = runCli("check", dir, "--update");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("expected.json written from ratecard's output");
    // The same contract, usage and period as cdn-basic: the invoice its README works out by hand.
    expect(readFileSync(join(dir, "expected.json"), "utf8")).toBe(
      readFileSync(join(FIXTURES, "cdn-basic", "expected.json"), "utf8"),
    );
  });

  it("--update never overwrites an expected.json, even one that differs", () => {
    const dir = copyOf("cdn-basic", "keep-expected");
    const edited = readFileSync(join(dir, "expected.json"), "utf8").replace(
      '"total": "7663.78"',
      '"total": "1.00"',
    );
    writeFileSync(join(dir, "expected.json"), edited);
    const result = runCli("check", dir, "--update");
    expect(result.code).toBe(3);
    expect(readFileSync(join(dir, "expected.json"), "utf8")).toBe(edited);
  });
});

describe("ratecard check, a fixture with a credit note", () => {
  it("writes a missing expected-credit-note.json with --update, and never overwrites one", () => {
    const dir = copyOf("cloud-platform-may", "cloud-note-update");
    const committed = readFileSync(join(dir, "expected-credit-note.json"), "utf8");
    rmSync(join(dir, "expected-credit-note.json"));
    // Without its figures too (their creditNote would check the note): nothing pins the note.
    rmSync(join(dir, "expected-figures.json"));
    const without = runCli("check", dir);
    expect(without.code).toBe(3);
    expect(without.stdout).toContain("there is no expected-credit-note.json");
    const updated = runCli("check", dir, "--update");
    expect(updated.code).toBe(0);
    expect(updated.stdout).toContain("expected-credit-note.json written from ratecard's output");
    expect(readFileSync(join(dir, "expected-credit-note.json"), "utf8")).toBe(committed);
    // An expected note that differs stays as it is, and the fixture fails.
    writeFileSync(
      join(dir, "expected-credit-note.json"),
      committed.replace('"total": "11.30"', '"total": "11.31"'),
    );
    const differs = runCli("check", dir, "--update");
    expect(differs.code).toBe(3);
    expect(differs.stdout).toContain('creditNote.total: expected "11.31", recomputed "11.30"');
    expect(readFileSync(join(dir, "expected-credit-note.json"), "utf8")).toContain('"total": "11.31"');
  });

  it("names the folder one level down that holds contracts, when the one given holds no fixture", () => {
    // nest/outer/cdn-basic is cdn-basic without its expected files, two levels down: a folder of
    // contracts and usage with nothing to compare is not read in place, so nest holds no fixture
    const nest = join(scratch, "nest");
    mkdirSync(join(nest, "outer"), { recursive: true });
    const dir = join(nest, "outer", "cdn-basic");
    cpSync(join(FIXTURES, "cdn-basic"), dir, { recursive: true });
    rmSync(join(dir, "expected.json"));
    rmSync(join(dir, "expected-figures.json"));
    const result = runCli("check", nest);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `ratecard: ${nest} holds no fixture: a fixture folder has a contract.json (docs/uat.md); ${join(nest, "outer")} holds fixture folders: ratecard check ${join(nest, "outer")}\n`,
    );
  });
});

describe("ratecard check with expected-figures.json (figures worked out by hand)", () => {
  // currency-jpy's README works out April 2026 in Tokyo: ¥10,000 + 7,777 × ¥0.5 = 3,888.5 → ¥3,888
  // (half-even), subtotal ¥13,888, tax 1,000 + 389 = ¥1,389, total ¥15,277.
  function figuresOnly(name: string, figures: unknown): string {
    const dir = copyOf("currency-jpy", name);
    rmSync(join(dir, "expected.json"));
    writeFileSync(join(dir, "expected-figures.json"), `${JSON.stringify(figures, null, 2)}\n`);
    return dir;
  }
  const jpy = {
    period: "2026-04",
    lines: { base_fee: "10000", api_requests: { quantity: "7777", amount: "3888" } },
    subtotal: "13888",
    tax: "1389",
    total: "15277",
  };

  it("passes a fixture with the figures alone, no expected.json, and writes nothing (exit 0)", () => {
    const dir = figuresOnly("figures-pass", jpy);
    const result = runCli("check", dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `PASS  ${dir} — 2026-04-01/2026-05-01: expected-figures.json: 2 lines, subtotal, tax and total\n`,
    );
    expect(existsSync(join(dir, "expected.json"))).toBe(false);
  });

  it("exits 3 on a figure that is not billed, naming it, the line in words, and by how much", () => {
    // ¥3,889 is the half-up answer; half-even bills ¥3,888
    const dir = figuresOnly("figures-fail", {
      ...jpy,
      lines: { ...jpy.lines, api_requests: { quantity: "7777", amount: "3889" } },
      subtotal: "13889",
      total: "15278",
    });
    const result = runCli("check", dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`FAIL  ${dir} — expected-figures.json: 3 figures differ\n`);
    expect(result.stdout).toContain(
      '    figures.lines.api_requests.amount: expected "3889", recomputed "3888" (recomputed − expected: -1)\n',
    );
    expect(result.stdout).toContain("Rounded half-even from ¥3,888.5 to ¥3,888.");
    expect(result.stdout).toContain(
      '  figures.total: expected "15278", recomputed "15277" (recomputed − expected: -1)\n',
    );
    // and as a document for scripts
    const json = JSON.parse(runCli("check", dir, "--format", "json").stdout);
    expect(json.fixtures[0].differences.map((d: { path: string }) => d.path)).toEqual([
      "figures.lines.api_requests.amount",
      "figures.subtotal",
      "figures.total",
    ]);
  });

  it("exits 2 on figures that are not valid, naming the file and the field", () => {
    const dir = figuresOnly("figures-invalid", { ...jpy, total: "fifteen thousand" });
    const result = runCli("check", dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(new RegExp(`ERROR  ?${dir} — expected-figures\\.json: total `));
  });

  it("--update writes expected.json beside the figures, and a figure that differs still fails", () => {
    const dir = figuresOnly("figures-update", { ...jpy, tax: "1388" });
    const result = runCli("check", dir, "--update");
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      "expected.json written from ratecard's output: check every number by hand against the README before you commit it; expected-figures.json: 1 figure differs",
    );
    expect(existsSync(join(dir, "expected.json"))).toBe(true);
    // expected-figures.json is the hand's: never written
    expect(JSON.parse(readFileSync(join(dir, "expected-figures.json"), "utf8")).tax).toBe("1388");
  });
});
