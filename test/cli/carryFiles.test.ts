import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { aggregateForRating, parseContract, prepareRating } from "../../src/index.js";
import { buildContractJson, SEATS_METER } from "../_support/contract.js";
import { apartFromOutsidePeriod } from "../_support/outsidePeriodWarning.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// What a billing specialist sees when the file given to --carry (or --balances, --commitment-spend) is
// the wrong one: a refusal (exit 2, nothing on stdout, no stack) whose one sentence names the flag, the
// file and, for a state that does not fit the contract's meters, the path inside the file.
//
// The contract: seats (a persistent unique count of users, added with op "add", $10 a seat) and
// requests (a sum of n, $0.01 a request). Its earlier version (V1) kept requests as a persistent
// running total, so January's invoice rated under V1 carries requests out; today's version (V2) does
// not carry requests, and refuses that state.
const { file, path } = scratchFolder("ratecard-carry-files-", assertCliBuilt);
const contractJson = (requestsPersistent: boolean, id = "ctr_carry") =>
  buildContractJson({
    id,
    meters: [
      SEATS_METER,
      {
        id: "requests",
        eventType: "req",
        aggregation: "sum",
        valueProperty: "n",
        ...(requestsPersistent ? { persistent: true } : {}),
      },
    ],
    charges: [
      { id: "seats", name: "Seats", meter: "seats", price: { model: "unit", unitPrice: "10" } },
      { id: "requests", name: "Requests", meter: "requests", price: { model: "unit", unitPrice: "0.01" } },
    ],
  });
const event = (id: string, type: string, date: string, properties: Record<string, string>) =>
  JSON.stringify({ id, type, customer: "cus", timestamp: `${date}T00:00:00Z`, properties });
const EVENTS = [
  event("s1", "seat", "2026-01-02", { user: "alice", op: "add" }),
  event("r1", "req", "2026-01-05", { n: "100" }),
  event("s2", "seat", "2026-02-02", { user: "bob", op: "add" }),
  event("r2", "req", "2026-02-10", { n: "40" }),
  event("s3", "seat", "2026-02-20", { user: "carol", op: "add" }),
];

// The files, written once: both contract versions, the usage, and January's invoices under each.
function files() {
  const v1 = file("contract-v1.json", JSON.stringify(contractJson(true)));
  const v2 = file("contract-v2.json", JSON.stringify(contractJson(false)));
  const usage = file("usage.ndjson", `${EVENTS.join("\n")}\n`);
  const january = (contract: string, name: string) =>
    file(name, rated(usage)("invoice", contract, "2026-01", "--format", "json"));
  return { v1, v2, usage, janV1: january(v1, "jan-v1.json"), janV2: january(v2, "jan-v2.json") };
}
let made: ReturnType<typeof files> | undefined;
const given = () => {
  made ??= files();
  return made;
};

type Result = { code: number | null; stdout: string; stderr: string };
// `ratecard COMMAND --contract CONTRACT --usage USAGE --period PERIOD …` as run.
const run =
  (usage: string) =>
  (command: string, contract: string, period: string, ...extra: string[]) =>
    runCli(command, "--contract", contract, "--usage", usage, "--period", period, ...extra);
// The same, expected to succeed: its stdout.
const rated =
  (usage: string) =>
  (...args: Parameters<ReturnType<typeof run>>) => {
    const result = run(usage)(...args);
    // a later period rated from the earlier months' usage on purpose, to carry their state into it
    expect(apartFromOutsidePeriod(result.stderr)).toBe("");
    expect(result.code).toBe(0);
    return result.stdout;
  };
// Run over the test's usage, with today's contract (V2).
const today = (command: string, period: string, ...extra: string[]) =>
  run(given().usage)(command, given().v2, period, ...extra);
const todayRated = (command: string, period: string, ...extra: string[]) =>
  rated(given().usage)(command, given().v2, period, ...extra);

const refused = (result: Result, line: string) => {
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(`ratecard: ${line}\n`);
  expect(result.code).toBe(2);
};

// January under V1 carries out { seats: { active: ["alice"] }, requests: { total: "100" } }; V2's
// requests meter is a plain sum, so the state at the invoice's usage.carryOut.requests is the fault.
const NOT_CARRIED =
  'The carried state names meter "requests", which carries nothing between periods (only persistent and weighted_sum meters do).';

describe("a carried state that does not fit the contract names the --carry file and the path in it", () => {
  const commands: ReadonlyArray<[string, ReadonlyArray<string>]> = [
    ["invoice", ["invoice"]],
    ["invoice --engine duckdb", ["invoice", "--engine", "duckdb"]],
    ["preview", ["preview", "--as-of", "2026-02-15T00:00:00Z"]],
    ["progressive --at", ["progressive", "--at", "2026-02-15T00:00:00Z"]],
    ["progressive --close", ["progressive", "--close"]],
  ];

  it.each(commands)("%s, given January's invoice rated under the contract's earlier version", (_, args) => {
    const [command = "", ...extra] = args;
    const { janV1 } = given();
    refused(
      today(command, "2026-02", ...extra, "--carry", janV1),
      `--carry ${janV1} at usage.carryOut.requests: ${NOT_CARRIED}`,
    );
  });

  it("invoice --aggregates, given the same invoice", () => {
    const { v2, janV1 } = given();
    const prepared = prepareRating(parseContract(contractJson(false)), "2026-02");
    const aggregates = aggregateForRating(
      prepared,
      EVENTS.map((line) => JSON.parse(line)),
    );
    const aggregated = file("aggregates.json", JSON.stringify(aggregates));
    refused(
      runCli(
        "invoice",
        "--contract",
        v2,
        "--aggregates",
        aggregated,
        "--period",
        "2026-02",
        "--carry",
        janV1,
      ),
      `--carry ${janV1} at usage.carryOut.requests: ${NOT_CARRIED}`,
    );
  });

  it("late-usage, given it as the state February was rated with", () => {
    const { v2, usage, janV2, janV1 } = given();
    const february = file("feb.json", todayRated("invoice", "2026-02", "--format", "json", "--carry", janV2));
    const late = file("late.ndjson", `${event("r3", "req", "2026-02-20", { n: "50" })}\n`);
    refused(
      runCli(
        ...["late-usage", "--contract", v2, "--invoice", february, "--usage", usage, "--late", late],
        ...["--bill-on", "2026-03", "--carry", janV1],
      ),
      `--carry ${janV1} at usage.carryOut.requests: ${NOT_CARRIED}`,
    );
  });

  it("a file of carried states alone, whose state is of another kind: the path is the meter's field", () => {
    // seats carries its active users; a total is the state of a persistent sum or count
    const states = file("states.json", '{ "seats": { "total": "1" } }');
    refused(
      today("invoice", "2026-02", "--carry", states),
      `--carry ${states} at seats.total: The carried state of meter "seats" has total, but this meter carries active.`,
    );
  });

  it("rates February once the state is one V2 carries", () => {
    // alice carried in, bob added on 2 February, carol on 20 February: 3 seats × $10 = $30.00;
    // 40 requests × $0.01 = $0.40
    const states = file("seats-only.json", '{ "seats": { "active": ["alice"] } }');
    const invoice = JSON.parse(todayRated("invoice", "2026-02", "--carry", states, "--format", "json"));
    expect(
      invoice.lines.map((line: { quantity: string; amount: string }) => [line.quantity, line.amount]),
    ).toEqual([
      ["3", "30.00"],
      ["40", "0.40"],
    ]);
  });
});

describe("a file that is not the previous invoice is refused with a sentence naming it", () => {
  const march = (...extra: string[]) => today("invoice", "2026-03", ...extra);
  const CARRY_SHAPE =
    'must be a previous invoice (ratecard invoice --format json) or an object of meter id → carried state, such as { "storage": { "level": "40" } }';

  it("--carry a JSON list", () => {
    const list = file("list.json", "[]");
    refused(march("--carry", list), `--carry ${list} ${CARRY_SHAPE}`);
  });

  it("--carry the explanation of an invoice (it carried nothing, without a word)", () => {
    const explanation = file(
      "explanation.json",
      todayRated("invoice", "2026-02", "--format", "explain-json"),
    );
    refused(march("--carry", explanation), `--carry ${explanation} ${CARRY_SHAPE}`);
  });

  it("--carry an empty file, or the contract", () => {
    const empty = file("empty.json", "");
    refused(march("--carry", empty), `--carry ${empty} is empty: it holds no JSON.`);
    const { v2 } = given();
    refused(
      march("--carry", v2),
      `--carry ${v2} is a contract (ctr_carry), not a ratecard invoice: give the invoice rated from it (ratecard invoice --format json).`,
    );
  });

  it("--carry another contract's invoice, or an invoice two periods back", () => {
    const { usage, janV2 } = given();
    const other = file("other-contract.json", JSON.stringify(contractJson(false, "ctr_other")));
    const otherInvoice = file(
      "other-feb.json",
      rated(usage)("invoice", other, "2026-02", "--format", "json"),
    );
    refused(
      march("--carry", otherInvoice),
      `--carry ${otherInvoice} is an invoice of contract ctr_other, not of ctr_carry; pass this contract's previous invoice.`,
    );
    // January's invoice ends on 1 February; March starts on 1 March
    refused(
      march("--carry", janV2),
      `--carry ${janV2} is the invoice for 2026-01-01T00:00:00.000Z to 2026-02-01T00:00:00.000Z, but this invoice starts 2026-03-01T00:00:00.000Z: what an invoice carries opens the one just after it. Pass the invoice of the period just before (it ends 2026-03-01T00:00:00.000Z).`,
    );
  });

  // The correction, made once for both flags (the same command gave each the same file).
  let correctionFile: string | undefined;
  it.each(["--carry", "--balances"])("%s a late-usage correction", (flag) => {
    const { v2, usage, janV2 } = given();
    if (correctionFile === undefined) {
      const late = file("late-jan.ndjson", `${event("r9", "req", "2026-01-20", { n: "50" })}\n`);
      const corrected = runCli(
        ...["late-usage", "--contract", v2, "--invoice", janV2, "--usage", usage, "--late", late],
        ...["--bill-on", "2026-02", "--format", "json"],
      );
      expect(corrected.code).toBe(0);
      correctionFile = file("correction.json", corrected.stdout);
    }
    const correction = correctionFile;
    const february = today("invoice", "2026-02", flag, correction);
    // Both read the correction's re-rated invoice: --balances because it drew the grants again from the
    // balances the corrected invoice opened with (docs/late-usage.md, test/cli/balancesCreditNote.test.ts),
    // --carry because its meters hold the late events. The late event is requests (not carried) and the
    // contract has no grants, so February rates as with January's invoice (--carry) or without (--balances).
    expect([february.code, february.stderr]).toEqual([0, ""]);
    const plain = flag === "--carry" ? today("invoice", "2026-02", flag, janV2) : today("invoice", "2026-02");
    expect(february.stdout).toBe(plain.stdout);
  });

  // A seat added on 20 January arrives late. January issued 1 seat (alice) × 10.00 + 100 requests × 0.01
  // = 11.00; re-rated 2 seats (alice, dave) = 20.00 + 1.00 = 21.00, and its usage.carryOut keeps both
  // seated. February carried from the correction: alice and dave + bob (2 Feb) and carol (20 Feb) = 4
  // seats × 10.00 = 40.00 + 40 requests × 0.01 = 0.40 → 40.40; from January as issued it would bill 3
  // seats, 30.40, and dave's seat would never be billed for February. Before, --carry correction.json was
  // refused ("is a late-usage correction, not a ratecard invoice"), while ratecard check's previous.json
  // carried from the same re-rated invoice.
  it("--carry a late-usage correction carries the re-rated meters: 4 seats, 40.40", () => {
    const { v2, usage, janV2 } = given();
    const late = file(
      "late-seat.ndjson",
      `${event("s9", "seat", "2026-01-20", { user: "dave", op: "add" })}\n`,
    );
    const corrected = runCli(
      ...["late-usage", "--contract", v2, "--invoice", janV2, "--usage", usage, "--late", late],
      ...["--bill-on", "2026-02", "--format", "json"],
    );
    expect(JSON.parse(corrected.stdout).rerated.total).toBe("21.00");
    const correction = file("seat-correction.json", corrected.stdout);
    const february = JSON.parse(todayRated("invoice", "2026-02", "--carry", correction, "--format", "json"));
    expect([february.lines[0].quantity, february.total]).toEqual(["4", "40.40"]);
    const issued = JSON.parse(todayRated("invoice", "2026-02", "--carry", janV2, "--format", "json"));
    expect(issued.total).toBe("30.40");
  });

  // A preview, or a progressive invoice before the closing one, covers February only up to its as-of
  // instant: what it would carry to March leaves out the rest of the month (as of 15 February, alice
  // and bob are seated; carol, added on the 20th, is not, so March would bill 2 seats instead of 3).
  // Each rated once for the three flags (the same command gave each the same file).
  let previewFile: string | undefined;
  let progressiveFile: string | undefined;
  it.each(["--carry", "--balances", "--commitment-spend"])("%s a preview of the period before", (flag) => {
    previewFile ??= file(
      "preview.json",
      todayRated("preview", "2026-02", "--as-of", "2026-02-15T00:00:00Z", "--format", "json"),
    );
    const preview = previewFile;
    refused(
      march(flag, preview),
      `${flag} ${preview} is a preview of 2026-02-01T00:00:00.000Z to 2026-03-01T00:00:00.000Z as of 2026-02-15T00:00:00.000Z, not an issued invoice: what it carries stops at that instant. Pass the invoice issued for the period (ratecard invoice --format json).`,
    );
  });

  it.each(["--carry", "--balances", "--commitment-spend"])(
    "%s a progressive invoice of the period before",
    (flag) => {
      progressiveFile ??= file(
        "progressive.json",
        todayRated("progressive", "2026-02", "--at", "2026-02-15T00:00:00Z", "--format", "json"),
      );
      const progressive = progressiveFile;
      refused(
        march(flag, progressive),
        `${flag} ${progressive} is progressive invoice 1 of 2026-02-01T00:00:00.000Z to 2026-03-01T00:00:00.000Z, as of 2026-02-15T00:00:00.000Z: what it carries stops at that instant. Pass the period's closing invoice (ratecard progressive --close).`,
      );
    },
  );

  it("--carry the period's closing invoice is the one after the progressive ones: accepted", () => {
    const { janV2 } = given();
    const closing = file(
      "closing.json",
      todayRated("progressive", "2026-02", "--close", "--carry", janV2, "--format", "json"),
    );
    // alice (carried from January), bob and carol (added in February) are still seated in March:
    // 3 × $10 = $30.00; no request in March
    const march = JSON.parse(todayRated("invoice", "2026-03", "--carry", closing, "--format", "json"));
    expect(march.total).toBe("30.00");
  });
});

// The same for --balances and --commitment-spend: a wallet (prepaid, 100.00, paying after tax), a
// promotional credit (5.00, before tax) and a quarter's cumulative commitment q1. Today's version of the
// contract has dropped the wallet and renamed the commitment q1b.
describe("a balance or a spend that does not fit the contract names its file and the path in it", () => {
  const wallets = (today: boolean) =>
    buildContractJson(contractJson(false, "ctr_wallets"), {
      credits: [
        ...(today
          ? []
          : [{ id: "wallet", name: "Wallet", kind: "prepaid", amount: "100", taxed: "at_use" } as const]),
        { id: "promo", name: "Promo", kind: "promotional", amount: "5" },
      ],
      commitments: [
        {
          id: today ? "q1b" : "q1",
          name: "Q1",
          minimum: "1200",
          cumulative: { from: "2026-01-01", until: "2026-04-01" },
        },
      ],
    });
  // Written, and January rated, once for the four tests (the same command gave each the same invoice).
  let walletFiles: { today: string; january: string } | undefined;
  const files = () => {
    const { usage } = given();
    if (walletFiles === undefined) {
      const before = file("wallets-before.json", JSON.stringify(wallets(false)));
      const january = rated(usage)("invoice", before, "2026-01", "--format", "json");
      walletFiles = {
        today: file("wallets-today.json", JSON.stringify(wallets(true))),
        january: file("wallets-jan.json", january),
      };
    }
    const { today, january } = walletFiles;
    return {
      today,
      january,
      february: (...extra: string[]) => run(usage)("invoice", today, "2026-02", ...extra),
    };
  };

  it("--balances January's invoice, whose wallet the contract no longer has", () => {
    const { january, february } = files();
    // the promotional credit is applied before tax, the wallet after: credits[0] is promo, credits[1] wallet
    const spend = file("q1b.json", '{ "q1b": "11.00" }');
    refused(
      february("--balances", january, "--commitment-spend", spend),
      `--balances ${january} at credits[1].balanceAfter: The carried balances name credit grant "wallet", which contract ctr_wallets does not have (its grants: "promo"); check that the balances come from this contract's previous invoice.`,
    );
  });

  it("--commitment-spend January's invoice, whose commitment the contract has renamed", () => {
    const { january, february } = files();
    refused(
      february("--credits-start-full", "--commitment-spend", january),
      `--commitment-spend ${january} at commitments[0].cumulative.spendAfter: The carried commitment spend names commitment "q1", which contract ctr_wallets does not have; did you mean "q1b"? (its cumulative commitments: "q1b"); check that the spend comes from this contract's previous invoice.`,
    );
  });

  it("batch --commitment-spend January's invoice: the spend file is named before the contract's", () => {
    const { january } = files();
    const folder = path("wallets-batch");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "wallets.json"), JSON.stringify(wallets(true)));
    const args = ["batch", "--contracts", folder, "--usage", given().usage, "--period", "2026-02"];
    refused(
      runCli(...args, "--workers", "1", "--credits-start-full", "--commitment-spend", january),
      `--commitment-spend ${january}, for the contract of --contracts ${join(folder, "wallets.json")}: The carried commitment spend names commitment "q1", which contract ctr_wallets does not have; did you mean "q1b"? (its cumulative commitments: "q1b"); check that the spend comes from this contract's previous invoice.`,
    );
  });

  it("--balances an object whose balance is more than the grant", () => {
    const { february } = files();
    const balances = file("promo-7.json", '{ "promo": "7" }');
    const spend = file("q1b.json", '{ "q1b": "11.00" }');
    refused(
      february("--balances", balances, "--commitment-spend", spend),
      `--balances ${balances}: The carried balance of credit "promo" must be a decimal between 0 and its amount 5, not "7".`,
    );
  });
});

describe("a misspelt field of a --carry file says what it most likely meant, at its path in the file", () => {
  it('"activ" for "active"', () => {
    const typo = file("carry-typo.json", JSON.stringify({ seats: { activ: ["alice"] } }));
    const result = today("invoice", "2026-02", "--carry", typo);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--carry ${typo}`);
    expect(result.stderr).toContain('seats.activ is not a field ratecard knows here; did you mean "active"?');
  });
});
