import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildContractJson } from "../_support/contract.js";
import { Q1_COMMITMENT } from "../_support/cumulativeCommitment.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// Every command that rates a period carries a cumulative commitment's spend to date the way
// `ratecard invoice --commitment-spend` does (docs/commitment-periods.md, docs/cli.md). The quarter:
// 1,200.00 owed over January–March 2026 at 1.00 a unit; 300, 500 and 250 units on the 2nd of each month.
const { path: inScratch, file } = scratchFolder("ratecard-commitment-spend-", assertCliBuilt);
const event = (id: string, date: string, v: string) =>
  JSON.stringify({ id, type: "e", customer: "cus", timestamp: `${date}T00:00:00Z`, properties: { v } });
const QUARTER = buildContractJson({ id: "ctr_quarter", commitments: [Q1_COMMITMENT] });
const contract = () => file("contract.json", JSON.stringify(QUARTER));
const usage = () =>
  file(
    "usage.ndjson",
    [
      event("u1", "2026-01-02", "300"),
      event("u2", "2026-02-02", "500"),
      event("u3", "2026-03-02", "250"),
    ].join("\n"),
  );
const json = (result: { code: number | null; stdout: string; stderr: string }) => {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
};

// January, February and March rated by `ratecard invoice`, each carrying the spend of the one before.
// Rated once for the whole file (the first test that asks), then read from the scratch folder: the same
// three commands gave the same three files to each of 18 tests, 51 of the file's 121 CLI processes.
// No test writes over contract.json, usage.ndjson, jan.json, feb.json or mar.json.
let quarterFiles: { contract: string; usage: string; jan: string; feb: string; mar: string } | undefined;
function issuedQuarter() {
  if (quarterFiles !== undefined) return quarterFiles;
  const [c, u] = [contract(), usage()];
  const invoice = (period: string, ...extra: string[]) =>
    runCli("invoice", "--contract", c, "--usage", u, "--period", period, "--format", "json", ...extra);
  const jan = file("jan.json", invoice("2026-01").stdout);
  const feb = file("feb.json", invoice("2026-02", "--commitment-spend", jan).stdout);
  const mar = file("mar.json", invoice("2026-03", "--commitment-spend", feb).stdout);
  quarterFiles = { contract: c, usage: u, jan, feb, mar };
  return quarterFiles;
}

// `ratecard batch` of the quarter's contract alone (a folder of one contract file), one worker.
function quarterBatch(name: string, usage: string) {
  const folder = inScratch(name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "quarter.json"), JSON.stringify(QUARTER));
  return (period: string, ...extra: string[]) =>
    runCli("batch", "--contracts", folder, "--usage", usage, "--period", period, "--workers", "1", ...extra);
}

// A customer's (fixture's) folder for check and what-if: the quarter's contract and usage, the previous
// invoice as previous.json and the expected one as expected.json. Returns the folder of customer folders.
function customerBase(name: string, quarter: ReturnType<typeof issuedQuarter>, previous: string): string {
  const customer = inScratch(name, "cus");
  mkdirSync(customer, { recursive: true });
  const copy = (from: string, to: string) => copyFileSync(from, join(customer, to));
  copy(quarter.contract, "contract.json");
  copy(quarter.usage, "usage.ndjson");
  copy(previous, "previous.json");
  copy(quarter.mar, "expected.json");
  return inScratch(name);
}

describe("--commitment-spend from an invoice that is not the one just before", () => {
  it("refuses January's invoice for March (its spend to date would miss February's 500.00), exit 2", () => {
    const { contract, usage, jan, feb } = issuedQuarter();
    const march = (spend: string) =>
      runCli(
        "invoice",
        "--contract",
        contract,
        "--usage",
        usage,
        "--period",
        "2026-03",
        "--commitment-spend",
        spend,
      );
    const refused = march(jan);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "is the invoice for 2026-01-01T00:00:00.000Z to 2026-02-01T00:00:00.000Z, but this invoice starts 2026-03-01T00:00:00.000Z",
    );
    expect(refused.stderr).not.toContain("    at ");
    // February's is: 800.00 to date, March's 250.00 makes 1,050.00, true-up 150.00, total 400.00
    const accepted = march(feb);
    expect(accepted.code).toBe(0);
  });

  // The same rule where the previous invoice comes from a file of invoices or a folder, not a flag.
  const JAN_FOR_MARCH =
    "is the invoice for 2026-01-01T00:00:00.000Z to 2026-02-01T00:00:00.000Z, but this invoice starts 2026-03-01T00:00:00.000Z";

  it("ratecard batch: January's batch given for March fails the batch, naming the contract, exit 2", () => {
    const { usage, jan } = issuedQuarter();
    const batch = quarterBatch("contracts-period", usage);
    const march = (spend: string) => batch("2026-03", "--commitment-spend", spend);
    // the NDJSON the January batch wrote (one invoice, line 1)
    const ndjson = file(
      "january-invoices.ndjson",
      `${JSON.stringify(JSON.parse(readFileSync(jan, "utf8")))}\n`,
    );
    const fromBatch = march(ndjson);
    expect(fromBatch.code).toBe(2);
    expect(fromBatch.stderr).toContain(
      `--commitment-spend ${ndjson} line 1 (contract ctr_quarter) ${JAN_FOR_MARCH}`,
    );
    expect(fromBatch.stdout).toBe("");
    expect(fromBatch.stderr).not.toContain("    at ");
    // keyed by contract id, the value an invoice: the same rule
    const keyed = file(
      "keyed-january.json",
      JSON.stringify({ ctr_quarter: JSON.parse(readFileSync(jan, "utf8")) }),
    );
    const fromKeyed = march(keyed);
    expect(fromKeyed.code).toBe(2);
    expect(fromKeyed.stderr).toContain(`--commitment-spend ${keyed} (contract ctr_quarter) ${JAN_FOR_MARCH}`);
    // an invoice of a contract the batch does not rate is still skipped, whatever its period
    const other = { ...JSON.parse(readFileSync(jan, "utf8")), contractId: "ctr_left" };
    const left = file("left.ndjson", `${JSON.stringify(other)}\n`);
    const skipped = march(left);
    // skipped, so March has no spend to date and is refused for that reason, not for the period
    expect(skipped.code).toBe(2);
    expect(skipped.stderr).not.toContain("is the invoice for");
  });

  it("ratecard check and what-if: January's invoice as previous.json for March is refused, exit 2", () => {
    const quarter = issuedQuarter();
    const base = customerBase("base-wrong", quarter, quarter.jan);
    const customer = join(base, "cus");
    // check: the fixture is an error (it cannot be rated), named with its previous.json
    const check = runCli("check", customer);
    expect(check.code).toBe(2);
    expect(check.stdout).toContain(`ERROR ${customer} — ${join(customer, "previous.json")} ${JAN_FOR_MARCH}`);
    // what-if: the customer's previous.json, named under --usage
    const whatIf = runCli(
      "what-if",
      "--before",
      base,
      "--after",
      base,
      "--usage",
      base,
      "--period",
      "2026-03",
    );
    expect(whatIf.code).toBe(2);
    expect(whatIf.stderr).toContain(`--usage ${join(customer, "previous.json")} ${JAN_FOR_MARCH}`);
    expect(whatIf.stderr).not.toContain("    at ");
  });

  it("ratecard check: another contract's invoice as previous.json is refused under its own name, not a flag's", () => {
    const quarter = issuedQuarter();
    // a real invoice (its digest intact) of another contract: January under the id ctr_other
    const otherContract = file("other-contract.json", JSON.stringify({ ...QUARTER, id: "ctr_other" }));
    const otherRun = runCli(
      "invoice",
      "--contract",
      otherContract,
      "--usage",
      quarter.usage,
      "--period",
      "2026-01",
      "--format",
      "json",
    );
    const other = file("other.json", json(otherRun) && otherRun.stdout);
    const customer = join(customerBase("base-other", quarter, other), "cus");
    const check = runCli("check", customer);
    expect(check.code).toBe(2);
    const previous = join(customer, "previous.json");
    expect(check.stdout).toContain(
      `ERROR ${customer} — ${previous} is an invoice of contract ctr_other, not of the fixture's contract ctr_quarter`,
    );
    // `ratecard check` takes no --commitment-spend: the message must not send the reader to one
    expect(check.stdout).not.toContain("--commitment-spend");
  });

  it("ratecard check: a late-usage correction of February as previous.json carries its corrected spend", () => {
    const quarter = issuedQuarter();
    const late = file("late-check.ndjson", event("late", "2026-02-10", "100"));
    const correction = runCli(
      "late-usage",
      "--contract",
      quarter.contract,
      "--invoice",
      quarter.feb,
      "--usage",
      quarter.usage,
      "--late",
      late,
      "--commitment-spend",
      quarter.jan,
      "--bill-on",
      "2026-04",
      "--format",
      "json",
    );
    const febFix = file("feb-fix-check.json", json(correction) && correction.stdout);
    // March as it stands after the correction: spend to date 300 + 500 + 100 late = 900.00
    const marchRun = runCli(
      "invoice",
      "--contract",
      quarter.contract,
      "--usage",
      quarter.usage,
      "--period",
      "2026-03",
      "--format",
      "json",
      "--commitment-spend",
      febFix,
    );
    const march = json(marchRun);
    expect(march.commitments[0].cumulative.spendBefore).toBe("900.00");
    const customer = join(
      customerBase("base-corrected", { ...quarter, mar: file("mar-fixed.json", marchRun.stdout) }, febFix),
      "cus",
    );
    expect(runCli("check", customer).stdout).toContain("1 passed");
    // the correction of January is not the invoice before March: refused for its period
    const janFix = runCli(
      "late-usage",
      "--contract",
      quarter.contract,
      "--invoice",
      quarter.jan,
      "--usage",
      quarter.usage,
      "--late",
      file("late-jan.ndjson", event("late-jan", "2026-01-10", "100")),
      "--bill-on",
      "2026-03",
      "--format",
      "json",
    );
    const wrong = join(
      customerBase("base-jan-fix", quarter, file("jan-fix.json", json(janFix) && janFix.stdout)),
      "cus",
    );
    const refused = runCli("check", wrong);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain(`${join(wrong, "previous.json")} is the invoice for`);
  });
});

describe("--commitment-spend on every command that rates a period", () => {
  it("ratecard preview: the invoice so far continues the spend to date", () => {
    const { contract, usage, jan } = issuedQuarter();
    const args = ["preview", "--contract", contract, "--usage", usage, "--period", "2026-02"];
    const refused = runCli(...args, "--as-of", "2026-02-15");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--commitment-spend");
    const preview = json(
      runCli(...args, "--as-of", "2026-02-15", "--format", "json", "--commitment-spend", jan),
    );
    // 300.00 before, 500.00 so far: 800.00 to date
    expect(preview.commitments[0].cumulative).toMatchObject({ spendBefore: "300.00", spendAfter: "800.00" });
  });

  it("ratecard progressive: the closing invoice carries the record and the true-up", () => {
    const { contract, usage, feb } = issuedQuarter();
    const args = ["progressive", "--contract", contract, "--usage", usage, "--period", "2026-03"];
    const spend = ["--commitment-spend", feb, "--format", "json"];
    // March's 250 units all come on the 2nd: as of the 10th, 250.00 billed, nothing settled
    const first = json(runCli(...args, "--at", "2026-03-10", ...spend));
    expect(first.total).toBe("250.00");
    expect(first.commitments).toBeUndefined();
    const earlier = file("p1.json", JSON.stringify(first));
    // closing: 250.00 + true-up (1,200 − (800 + 250) = 150.00) = 400.00, less 250.00 billed = 150.00
    const closing = json(runCli(...args, "--close", "--earlier", earlier, ...spend));
    expect(closing.total).toBe("150.00");
    expect(closing.commitments[0]).toMatchObject({
      trueUp: "150.00",
      cumulative: { spendBefore: "800.00", spendAfter: "1050.00", closes: true },
    });
    // the same by threshold (100.00: crossed by the event of the 2nd), then closed
    const sequence = json(runCli(...args, "--threshold", "100", "--close", ...spend));
    expect(sequence.map((invoice: { total: string }) => invoice.total)).toEqual(["250.00", "150.00"]);
  });

  it("ratecard late-usage: the next invoice carries the corrected spend; a later invoice is re-rated with it", () => {
    const { contract, usage, jan, feb, mar } = issuedQuarter();
    const late = file("late.ndjson", event("late", "2026-02-10", "100"));
    const correct = (invoice: string, ...extra: string[]) =>
      runCli(
        "late-usage",
        "--contract",
        contract,
        "--invoice",
        invoice,
        "--usage",
        usage,
        "--bill-on",
        "2026-04",
        "--format",
        "json",
        ...extra,
      );
    // February, with 100 late units: re-rated with the 300.00 it had before; +100.00, 900.00 to date
    const febFix = json(correct(feb, "--late", late, "--commitment-spend", jan));
    expect(febFix.total).toBe("100.00");
    expect(febFix.rerated.commitments[0].cumulative.spendAfter).toBe("900.00");
    const febFixFile = file("feb-fix.json", JSON.stringify(febFix));
    // March (issued with 800.00 carried), no late event, the corrected 900.00: true-up 50.00 for 150.00
    const marFix = json(correct(mar, "--commitment-spend", feb, "--corrected-commitment-spend", febFixFile));
    expect(marFix.total).toBe("-100.00");
    // the correction's JSON is what the next invoice carries: `invoice --commitment-spend feb-fix.json`
    const rerated = json(
      runCli(
        "invoice",
        "--contract",
        contract,
        "--usage",
        usage,
        "--period",
        "2026-03",
        "--format",
        "json",
        "--commitment-spend",
        febFixFile,
      ),
    );
    expect(rerated.commitments[0].cumulative.spendBefore).toBe("900.00");
    // a correction that changed nothing holds no invoice to read the spend from: said, not misread
    const unchanged = file("unchanged.json", JSON.stringify({ mode: "credit_note", invoiceId: "x" }));
    const noInvoice = runCli(
      "invoice",
      "--contract",
      contract,
      "--usage",
      usage,
      "--period",
      "2026-03",
      "--commitment-spend",
      unchanged,
    );
    expect(noInvoice.code).toBe(2);
    expect(noInvoice.stderr).toContain("is a late-usage correction that changed nothing");
    // without --late or --corrected-commitment-spend there is nothing to correct
    const nothing = correct(mar, "--commitment-spend", feb);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("missing --late FILE");
  });

  it("ratecard batch: the previous batch's invoices, or spend keyed by contract id", () => {
    const { usage } = issuedQuarter();
    const batch = quarterBatch("contracts", usage);
    const january = batch("2026-01");
    expect(january.code).toBe(0);
    const previous = file("january.ndjson", january.stdout);
    const fromInvoices = batch("2026-02", "--commitment-spend", previous);
    expect(fromInvoices.code).toBe(0);
    expect(JSON.parse(fromInvoices.stdout).commitments[0].cumulative.spendBefore).toBe("300.00");
    const keyed = file("keyed.json", JSON.stringify({ ctr_quarter: { q1: "300.00" } }));
    expect(batch("2026-02", "--commitment-spend", keyed).stdout).toBe(fromInvoices.stdout);
    // DuckDB aggregating the batch carries the same spend: the same invoice
    expect(batch("2026-02", "--commitment-spend", previous, "--engine", "duckdb").stdout).toBe(
      fromInvoices.stdout,
    );
    // the --format json document of the previous batch reads the same
    const document = file("january-batch.json", batch("2026-01", "--format", "json").stdout);
    expect(batch("2026-02", "--commitment-spend", document).stdout).toBe(fromInvoices.stdout);
    // a key that is no contract of the batch is refused, naming it
    const typo = file("typo.json", JSON.stringify({ ctr_qaurter: { q1: "300.00" } }));
    const refused = batch("2026-02", "--commitment-spend", typo);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('contract "ctr_qaurter", which --contracts does not have');
    // … saying which contract it most likely meant, as a misspelt commitment id does
    expect(refused.stderr).toContain('does not have; did you mean "ctr_quarter"?');
    const typoCommitment = file("typo-commitment.json", JSON.stringify({ ctr_quarter: { q_1: "300.00" } }));
    const unknown = batch("2026-02", "--commitment-spend", typoCommitment);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'names commitment "q_1", which contract ctr_quarter does not have; did you mean "q1"?',
    );
    // and without the spend, February is refused as `ratecard invoice` refuses it
    const forgotten = batch("2026-02");
    expect(forgotten.code).toBe(2);
    expect(forgotten.stderr).toContain('Commitment "q1" counts spend from 2026-01-01');
  });

  it("ratecard what-if and check: previous.json in the customer's (fixture's) folder", () => {
    const quarter = issuedQuarter();
    const base = customerBase("base", quarter, quarter.feb);
    const customer = join(base, "cus");
    // check: March is reproduced only with February's spend to date (previous.json)
    const check = runCli("check", customer);
    expect(check.stdout).toContain("1 passed");
    // what-if: the proposal drops the commitment; today's March bills 250.00 + 150.00 true-up = 400.00
    const proposal = file("proposal.json", JSON.stringify({ ...QUARTER, commitments: undefined }));
    const result = json(
      runCli(
        "what-if",
        "--before",
        base,
        "--after",
        proposal,
        "--usage",
        base,
        "--period",
        "2026-03",
        "--format",
        "json",
      ),
    );
    expect(result.rows[0]).toMatchObject({ before: "400.00", after: "250.00", change: "-150.00" });
  });
});

// docs/commitment-periods.md, "Credit notes": a note takes 100 of January's 300 units off (100.00); the
// invoice after it takes it (--commitment-credit-note), and the quarter bills 1,200.00 on 950.00 of usage.
describe("--commitment-credit-note", () => {
  // The note is issued once for the file too (as the quarter is): the same command gave each of seven
  // tests the same note.json.
  let noteFile: string | undefined;
  function withNote() {
    const quarter = issuedQuarter();
    if (noteFile === undefined) {
      const units = [{ kind: "quantity", line: "use", quantity: "100", reason: "double-counted" }];
      const corrections = file("units.json", JSON.stringify(units));
      const flags = ["--invoice", quarter.jan, "--corrections", corrections, "--format", "json"];
      noteFile = file("note.json", runCli("credit-note", "--contract", quarter.contract, ...flags).stdout);
    }
    const note = noteFile;
    const rated = ["--contract", quarter.contract, "--usage", quarter.usage];
    const invoice = (period: string, ...extra: string[]) =>
      runCli("invoice", ...rated, "--period", period, ...extra);
    // February, given January's invoice and the note
    const february = () =>
      invoice(
        "2026-02",
        "--format",
        "json",
        "--commitment-spend",
        quarter.jan,
        "--commitment-credit-note",
        note,
      );
    return { ...quarter, note, invoice, february };
  }

  it("takes the note's units off the spend once, though March is given it again", () => {
    const { invoice, note, february } = withNote();
    const febText = february();
    // 300.00 carried less 100.00 credited: 200.00 before, 700.00 to date
    const feb = json(febText);
    expect(feb.commitments[0].cumulative).toMatchObject({ spendBefore: "200.00", spendAfter: "700.00" });
    const febFile = file("feb-noted.json", febText.stdout);
    const marText = invoice(
      "2026-03",
      "--format",
      "json",
      "--commitment-spend",
      febFile,
      "--commitment-credit-note",
      note,
    );
    // February's record carries the note: 700 + 250 = 950.00, true-up 250.00, March 500.00, and the
    // quarter 300.00 − 100.00 + 500.00 + 500.00 = 1,200.00
    expect(json(marText)).toMatchObject({ total: "500.00", commitments: [{ trueUp: "250.00" }] });
    // batch --commitment-spend carries the notes taken with the spend: the same March
    const batch = quarterBatch("contracts-notes", withNote().usage)("2026-03", "--commitment-spend", febFile);
    expect(batch.code).toBe(0);
    expect(JSON.parse(batch.stdout).commitments[0]).toMatchObject({
      trueUp: "250.00",
      cumulative: { spendBefore: "700.00", creditNotesTaken: [JSON.parse(readFileSync(note, "utf8")).id] },
    });
  });

  // The library carries a commitment's whole `commitments[].cumulative` record (its spendAfter and the
  // notes it took); a specialist who saves that record keyed by the commitment id, as the library takes
  // it, and passes it to --commitment-spend was refused ("must be … an object of commitment id → spend
  // text"). Read as the library reads it: the same March as February's invoice gives.
  it("reads February's cumulative record keyed by the commitment id, notes taken included", () => {
    const { invoice, note, usage, february } = withNote();
    const febText = february();
    const febFile = file("feb-for-record.json", febText.stdout);
    const record = json(febText).commitments[0].cumulative;
    const march = (spend: string) =>
      invoice("2026-03", "--format", "json", "--commitment-spend", spend, "--commitment-credit-note", note);
    const fromInvoice = march(febFile);
    const recordFile = file("feb-record.json", JSON.stringify({ q1: record }));
    const fromRecord = march(recordFile);
    // 700.00 carried (300 − 100 + 500), the note already taken: 700 + 250 = 950.00, true-up
    // 1,200.00 − 950.00 = 250.00, March 250.00 + 250.00 = 500.00, byte for byte February's invoice's
    expect(fromRecord.stderr).toBe("");
    expect(json(fromRecord)).toMatchObject({ total: "500.00", commitments: [{ trueUp: "250.00" }] });
    expect(fromRecord.stdout).toBe(fromInvoice.stdout);
    // the spend text alone has taken no note: 700.00 − 100.00 = 600.00 before, 850.00 to date, true-up
    // 350.00, March 600.00 (why the record is worth carrying whole)
    const text = march(file("feb-text.json", JSON.stringify({ q1: "700.00" })));
    expect(json(text)).toMatchObject({ total: "600.00", commitments: [{ trueUp: "350.00" }] });
    // batch (which takes no notes: the record has taken it), the record keyed by contract id and
    // commitment id: the same March
    const batch = quarterBatch("contracts-record", usage);
    const keyed = file("keyed-record.json", JSON.stringify({ ctr_quarter: { q1: record } }));
    const batched = batch("2026-03", "--commitment-spend", keyed);
    expect(batched.code).toBe(0);
    expect(JSON.parse(batched.stdout)).toMatchObject({
      total: "500.00",
      commitments: [{ trueUp: "250.00" }],
    });
  });

  it("names a misspelt field of the record at its place in the file, and a record without its id", () => {
    const { invoice, jan } = withNote();
    const record = json(invoice("2026-02", "--format", "json", "--commitment-spend", jan)).commitments[0]
      .cumulative;
    const march = (spend: string) => invoice("2026-03", "--commitment-spend", spend);
    const { spendAfter, ...rest } = record;
    const misspelt = march(file("misspelt.json", JSON.stringify({ q1: { ...rest, spendAftr: spendAfter } })));
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain("--commitment-spend");
    expect(misspelt.stderr).toContain(
      'misspelt.json: q1.spendAftr is not a field ratecard knows here; did you mean "spendAfter"?',
    );
    // the record on its own says nothing of which commitment it is: refused, saying how to key it
    const bare = march(file("bare.json", JSON.stringify(record)));
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("is one commitment's commitments[].cumulative record");
    expect(bare.stderr).toContain('{ "annual": { "spendAfter": "300.00"');
  });

  // A batch took no credit note: February's batch opened at January's 300.00, though the note took
  // 100.00 of units off it, and March trued up 1,200.00 − 1,050.00 = 150.00 (the quarter 1,100.00 on
  // 950.00 of usage) unless the spend file was lowered by hand.
  it("batch --commitment-credit-note: February opens at 300.00 − 100.00 = 200.00, as ratecard invoice", () => {
    const { note, february, usage, jan } = withNote();
    const batch = quarterBatch("contracts-batch-note", usage);
    const batched = batch("2026-02", "--commitment-spend", jan, "--commitment-credit-note", note);
    expect([batched.code, batched.stderr]).toEqual([0, expect.stringContaining("1 invoice for 2026-02")]);
    // 300.00 carried less the 100.00 the note took off: 200.00 before, 200 + 500 = 700.00 to date
    expect(JSON.parse(batched.stdout).commitments[0].cumulative).toMatchObject({
      spendBefore: "200.00",
      spendAfter: "700.00",
      creditNotesTaken: [JSON.parse(readFileSync(note, "utf8")).id],
    });
    // the same invoice as `ratecard invoice --commitment-credit-note` rates (batch writes it on one line)
    expect(JSON.parse(batched.stdout)).toEqual(JSON.parse(february().stdout));
  });

  it("batch --commitment-credit-note refuses a note of no contract of the batch, and an edited note, naming its file", () => {
    const { note, usage, jan } = withNote();
    // a batch of another contract alone: ctr_quarter's note would be left out without a word
    const folder = inScratch("contracts-batch-other");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "other.json"), JSON.stringify({ ...QUARTER, id: "ctr_other" }));
    const refused = runCli(
      ...["batch", "--contracts", folder, "--usage", usage, "--period", "2026-02", "--workers", "1"],
      ...["--commitment-credit-note", note],
    );
    expect([refused.code, refused.stdout]).toEqual([2, ""]);
    expect(refused.stderr).toBe(
      `ratecard: --commitment-credit-note ${note} is a credit note of contract ctr_quarter, which is no contract of the batch (ctr_other): give each contract's notes of its commitment's period, or leave this one out.\n`,
    );
    const batch = quarterBatch("contracts-batch-refused", usage);
    const edited = file(
      "edited-batch.json",
      JSON.stringify({ ...JSON.parse(readFileSync(note, "utf8")), total: "1.00" }),
    );
    const tampered = batch("2026-02", "--commitment-spend", jan, "--commitment-credit-note", edited);
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toContain(`--commitment-credit-note ${edited}`);
  });

  it("names the note's file when the note is refused, exit 2", () => {
    const { invoice, jan, note } = withNote();
    const edited = file(
      "edited.json",
      JSON.stringify({ ...JSON.parse(readFileSync(note, "utf8")), total: "1.00" }),
    );
    const refused = invoice("2026-02", "--commitment-spend", jan, "--commitment-credit-note", edited);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--commitment-credit-note");
    expect(refused.stderr).toContain("edited.json");
  });
});

// docs/late-usage.md, "After a credit note that took units off": January bills 300 units (300.00); a
// note takes 50 off (50.00); the usage without them (250) and 100 late units are corrected in February.
// The correction's invoice (re-rated or re-issued) leaves the 50 out: spend to date 250 + 100 = 350.00.
// Until 6 December 2026 the note given again with it was taken off again: February opened at 300.00.
describe("--commitment-spend a correction that counted a note of units", () => {
  it.each(["next_invoice", "credit_note"])("%s: the note given again is not taken twice", (mode) => {
    const terms = { ...QUARTER, lateUsage: { correction: mode } };
    const c = file(`contract-${mode}.json`, JSON.stringify(terms));
    const issuedUsage = file("jan-issued.ndjson", event("u1", "2026-01-02", "300"));
    const jan = file(
      `jan-${mode}.json`,
      runCli("invoice", "--contract", c, "--usage", issuedUsage, "--period", "2026-01", "--format", "json")
        .stdout,
    );
    const units = file(
      "units50.json",
      JSON.stringify([{ kind: "quantity", line: "use", quantity: "50", reason: "x" }]),
    );
    const noteFlags = ["--invoice", jan, "--corrections", units, "--format", "json"];
    const note = file(`note-${mode}.json`, runCli("credit-note", "--contract", c, ...noteFlags).stdout);
    const trueUsage = file("jan-true.ndjson", event("u1", "2026-01-02", "250"));
    const late = file("jan-late.ndjson", event("late", "2026-01-20", "100"));
    const correctionText = runCli(
      "late-usage",
      ...["--contract", c, "--invoice", jan, "--usage", trueUsage, "--late", late],
      ...["--bill-on", "2026-02", "--previous", note, "--format", "json"],
    );
    const correction = file(`correction-${mode}.json`, json(correctionText) && correctionText.stdout);
    const feb = (...extra: string[]) =>
      json(
        runCli(
          "invoice",
          ...["--contract", c, "--usage", file("feb.ndjson", event("u2", "2026-02-02", "500"))],
          ...["--period", "2026-02", "--format", "json", "--commitment-spend", correction, ...extra],
        ),
      ).commitments[0].cumulative;
    // the correction's spend to date: 350.00, and 350 + 500 = 850.00 after February
    expect(feb()).toMatchObject({ spendBefore: "350.00", spendAfter: "850.00" });
    // February's record carries the note as taken, so March does not take it off either
    const noteId = JSON.parse(readFileSync(note, "utf8")).id;
    expect(feb().creditNotesTaken).toEqual([noteId]);
    // the note given again: still 350.00 (was 300.00, the 50.00 taken off twice)
    expect(feb("--commitment-credit-note", note)).toMatchObject({
      spendBefore: "350.00",
      spendAfter: "850.00",
    });
  });
});
