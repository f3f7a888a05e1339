import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CDN_BASIC_FEBRUARY } from "../_support/cdnBasicFebruary.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { egressSwapped, GOLDEN_RICH_ROWS, goldenRichCsv } from "../compare/goldenRichCsv.js";
import { GRADUATED, rateMonth } from "../compare/graduatedMonths.js";

const EXPECTED = "fixtures/cdn-basic/expected.json";
const STRIPE = "test/compare/data/cdn-basic.stripe.json";
const dir = mkdtempSync(join(tmpdir(), "ratecard-diff-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// The graduated contract of test/compare/graduatedMonths.ts (test/compare/diff.test.ts works the numbers).
const invoiceFile = (month: string, v: string) =>
  file(`${month}.json`, JSON.stringify(rateMonth([GRADUATED], month, v)));

beforeAll(assertCliBuilt);

describe("ratecard diff", () => {
  it("prints the causes of the change and exits 3", () => {
    // 800 units in January (80.00), 1,500 in February (140.00): +60.00 of usage, tier 2 crossed.
    const result = runCli("diff", invoiceFile("2026-01", "800"), invoiceFile("2026-02", "1500"));
    expect(result.code).toBe(3);
    expect(result.stdout).toContain("80.00 → 140.00 USD, change +60.00");
    expect(result.stdout).toMatch(/\+60\.00 {2}usage .*tiers crossed: 2/);
  });

  it("says a tier the usage no longer reaches is left, in words", () => {
    // February's 1,500 units back to January's 800: tier 2 (its 500 units at 0.08) is left, −60.00.
    const result = runCli("diff", invoiceFile("2026-02", "1500"), invoiceFile("2026-01", "800"));
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/-60\.00 {2}usage .*; tiers left: 2\.$/m);
    expect(result.stdout).not.toContain("-tier:");
  });

  it("attributes a package line's change to usage alone when its price did not change", () => {
    // cdn-basic's requests, in packages of 10,000 at 0.0075 (a partial package rounded up): up to
    // 10 February (the preview) 27,415,035 requests = 2,742 packages = 20.565 → 20.56; the month's
    // 87,654,321 = 8,766 packages = 65.745 → 65.74. Usage: (8,766 − 2,742) × 0.0075 = 6,024 × 0.0075 =
    // +45.18, the whole change (65.74 − 20.56). Before, the old average rate gave usage +45.19 and an
    // "amendment" of −0.01 to a price nobody changed.
    const preview = runCli(
      ...[
        "preview",
        "--contract",
        "fixtures/cdn-basic/contract.json",
        "--usage",
        "fixtures/cdn-basic/usage.ndjson",
      ],
      ...["--period", "2026-02", "--as-of", "2026-02-10", "--format", "json"],
    );
    expect(preview.code).toBe(0);
    const result = runCli("diff", file("preview.json", preview.stdout), EXPECTED, "--format", "json");
    expect(result.code).toBe(3);
    const requests = (
      JSON.parse(result.stdout) as { attributions: { line?: string; cause: string; amount: string }[] }
    ).attributions
      .filter((a) => a.line === "requests")
      .map((a) => [a.cause, a.amount]);
    expect(requests).toEqual([["usage", "45.18"]]);
  });

  it("exits 0 with no difference, and writes JSON on request", () => {
    const result = runCli("diff", EXPECTED, EXPECTED, "--format", "json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ change: "0.00", attributions: [] });
  });

  it("exits 2 on a wrong command line", () => {
    expect(runCli("diff", EXPECTED).code).toBe(2);
    expect(runCli("diff", EXPECTED, EXPECTED, "--format", "xml").code).toBe(2);
    expect(runCli("diff", EXPECTED, "fixtures/cdn-basic/contract.json").code).toBe(2);
  });

  // A Stripe invoice given to diff was "not a ratecard invoice: schemaVersion is required. (and 13 more
  // problems)": the specialist heard the file was broken, not that Stripe's invoices go to reconcile.
  it("says where a Stripe invoice or credit note goes instead of listing the fields it lacks", () => {
    const stripe = runCli("diff", STRIPE, EXPECTED);
    expect([stripe.code, stripe.stderr]).toEqual([
      2,
      `ratecard: diff ${STRIPE} is a Stripe invoice (in_1Q2w3E4r5T6y7U8i), not a ratecard invoice: ratecard reads Stripe's invoices as the issued invoice of ratecard reconcile (--issued), against a recomputation.\n`,
    ]);
    const note = file(
      "stripe-note.json",
      JSON.stringify({ object: "credit_note", id: "cn_1", invoice: "in_1" }),
    );
    const noted = runCli("diff", EXPECTED, note);
    expect([noted.code, noted.stderr]).toEqual([
      2,
      `ratecard: diff ${note} is a Stripe credit note (cn_1), not a ratecard invoice: ratecard reads Stripe's credit notes with ratecard reconcile --credit-note, beside the Stripe invoice they credit (in_1).\n`,
    ]);
  });

  // An invoice an earlier ratecard issued (before 2 December 2026: no digest, contractDigest, priceKind)
  // read "is not a ratecard invoice: contractDigest is required. (and 6 more problems)": the specialist
  // heard the file was broken, not that reconcile reads it and diff needs the period rated again.
  it("says where an invoice of an earlier ratecard goes instead of listing the fields it lacks", () => {
    const issued = JSON.parse(readFileSync(EXPECTED, "utf8")) as Record<string, unknown> & {
      lines: Record<string, unknown>[];
    };
    const { digest: _d, contractDigest: _c, ...rest } = issued;
    const earlier = file(
      "earlier.json",
      JSON.stringify({ ...rest, lines: issued.lines.map(({ priceKind: _p, ...line }) => line) }),
    );
    const result = runCli("diff", earlier, EXPECTED);
    expect([result.code, result.stderr]).toEqual([
      2,
      `ratecard: diff ${earlier} has no digest, as the invoices an earlier ratecard issued before 2 December 2026: ratecard reconcile --issued reads it for its lines, tax and total; for anything else, rate its period again with ratecard invoice --format json and give that.\n`,
    ]);
    // reconcile does read it: the same figures as the invoice it was cut from, nothing to report
    expect(runCli("reconcile", "--issued", earlier, "--recomputed", EXPECTED).code).toBe(0);
  });
});

describe("ratecard reconcile", () => {
  it("reconciles a Stripe invoice with a recomputed one as Markdown and exits 3", () => {
    const result = runCli("reconcile", "--issued", STRIPE, "--recomputed", EXPECTED, "--format", "markdown");
    expect(result.code).toBe(3);
    // test/compare/reconcile.test.ts works these out: EU usage +27.04, APAC missing 1,200.00, requests −0.01.
    expect(result.stdout).toContain("| bandwidth_eu | usage | +27.04 |");
    expect(result.stdout).toContain("| bandwidth_apac | missing_line | +1200.00 |");
    expect(result.stdout).toContain("| requests | rounding | -0.01 |");
  });

  it("rates the recomputation from the contract and usage, and exits 0 when the issued invoice agrees", () => {
    const result = runCli("reconcile", "--issued", EXPECTED, ...CDN_BASIC_FEBRUARY);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("agrees with the recomputation");
  });

  it("agrees with an issued CSV that lists two lines of one description in another order", () => {
    // golden-rich's two "CDN egress" lines, us (350.5 GB × 0.05 = 17.525 → 17.53) before eu
    // (1,000 × 0.05 + 500 × 0.03 = 65.00): the same invoice, so exit 0 and no discrepancy.
    const csv = file(
      "egress-swapped.csv",
      goldenRichCsv(egressSwapped(GOLDEN_RICH_ROWS), ["Tax,,124.27", "Total,,778.27"]),
    );
    const result = runCli("reconcile", "--issued", csv, "--recomputed", "fixtures/golden-rich/expected.json");
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("The issued invoice agrees with the recomputation.");
    expect(result.code).toBe(0);
  });

  it("writes an extra line's issued amount with the currency's minor units", () => {
    // golden-rich issued with an extra "Support" line of 10.00 and its total 778.27 + 10.00 = 788.27.
    const csv = file(
      "extra-support.csv",
      goldenRichCsv([...GOLDEN_RICH_ROWS, "Support,1,10.00"], ["Tax,,124.27", "Total,,788.27"]),
    );
    const result = runCli("reconcile", "--issued", csv, "--recomputed", "fixtures/golden-rich/expected.json");
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('"Support" (10.00) was issued, but ratecard computes no such line.');
  });

  it("maps a CSV's columns with --columns", () => {
    const csv = file(
      "issued.csv",
      'Item,Charge\nPlatform fee,500.00\n"Bandwidth (North America)",3656.00\nBandwidth (Europe),2242.04\nBandwidth (Asia Pacific),1200.00\n"HTTPS requests (per 10,000)",65.74\n',
    );
    const result = runCli(
      "reconcile",
      "--issued",
      csv,
      "--columns",
      "description=Item,amount=Charge",
      "--recomputed",
      EXPECTED,
      "--format",
      "json",
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      issuedFormat: "csv",
      linesMatched: 5,
      discrepancies: [],
    });
  });

  it("reads an invoice an earlier ratecard issued, without the fields added since, for its lines", () => {
    // cdn-basic's February invoice as ratecard wrote it before 2 December 2026: no digest,
    // contractDigest or priceKind (schemaVersion 1 all along). Its lines, tax and total are what
    // reconcile compares: all agree with the recomputation (7,663.78), so exit 0. Before: exit 2,
    // "is not a ratecard invoice: contractDigest is required. (and 10 more problems)".
    const earlier = JSON.parse(readFileSync(EXPECTED, "utf8"));
    delete earlier.digest;
    delete earlier.contractDigest;
    for (const line of earlier.lines) delete line.priceKind;
    const result = runCli(
      "reconcile",
      "--issued",
      file("earlier.json", JSON.stringify(earlier)),
      "--recomputed",
      EXPECTED,
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Issued total 7663.78, recomputed 7663.78 USD; 5 lines matched.");
    expect(result.code).toBe(0);
    // An edited invoice of today's ratecard (its digest kept) is still refused.
    const edited = JSON.parse(readFileSync(EXPECTED, "utf8"));
    edited.total = "1.00";
    expect(
      runCli("reconcile", "--issued", file("edited.json", JSON.stringify(edited)), "--recomputed", EXPECTED)
        .code,
    ).toBe(2);
  });

  it("exits 2 on a column the CSV lacks, or a missing recomputation", () => {
    const csv = file("bad.csv", "Item,Charge\nFee,1.00\n");
    const missing = runCli(
      "reconcile",
      "--issued",
      csv,
      "--columns",
      "description=Item,amount=Total",
      "--recomputed",
      EXPECTED,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no column "Total"');
    expect(runCli("reconcile", "--issued", STRIPE).code).toBe(2);
  });

  it("refuses a decimal comma it was not told about, and reads it with --decimal-comma", () => {
    // The platform fee written the German way: 500,00 is five hundred, not 50,000.
    const csv = file("comma.csv", "Item,Charge\n" + 'Platform fee,"500,00"\n');
    const args = [
      "reconcile",
      "--issued",
      csv,
      "--recomputed",
      EXPECTED,
      "--columns",
      "description=Item,amount=Charge",
    ];
    const refused = runCli(...args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"500,00" in column Charge: its comma may be a decimal comma');
    const read = runCli(...args, "--decimal-comma", "--format", "json");
    expect(read.stderr).toBe("");
    // Read as 500.00 it matches the recomputed platform fee; the four lines it lacks are missing lines.
    const result = JSON.parse(read.stdout) as { discrepancies: { line: string; cause: string }[] };
    expect(result.discrepancies.map((d) => d.cause)).toEqual(Array(4).fill("missing_line"));
    expect(result.discrepancies.some((d) => d.line === "platform_fee")).toBe(false);
    expect(runCli(...args, "--decimal-comma", "--decimal-point").code).toBe(2);
  });

  it("reads an amount written with the invoice's currency, and refuses another currency's", () => {
    // cdn-basic is in USD: "$500.00" is the platform fee's 500.00, so it pairs with no discrepancy and
    // the four other lines are missing; "€500.00" is an amount in euros, a finding, not a typo.
    const args = (amount: string) => [
      "reconcile",
      "--issued",
      file("marked.csv", `Item,Charge\nPlatform fee,"${amount}"\n`),
      "--recomputed",
      EXPECTED,
      "--columns",
      "description=Item,amount=Charge",
    ];
    const read = runCli(...args("$500.00"), "--format", "json");
    expect(read.stderr).toBe("");
    const result = JSON.parse(read.stdout) as { linesMatched: number; discrepancies: { cause: string }[] };
    expect(result.linesMatched).toBe(1);
    expect(result.discrepancies.map((d) => d.cause)).toEqual(Array(4).fill("missing_line"));
    const refused = runCli(...args("€500.00"));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'Row 2 of the CSV has "€500.00" in column Charge, an amount in EUR, but the recomputed invoice is in USD',
    );
  });

  it("refuses an issued CSV in another currency before it rates the usage", () => {
    // cdn-basic's contract is in USD; the usage file does not exist, so a refusal about it would mean the
    // usage was read first. The CSV's "€500.00" is refused as soon as the contract gives the currency.
    const result = runCli(
      "reconcile",
      "--issued",
      file("euro.csv", "Item,Charge\nPlatform fee,€500.00\n"),
      "--columns",
      "description=Item,amount=Charge",
      ...["--contract", "fixtures/cdn-basic/contract.json", "--usage", join(dir, "absent.ndjson")],
      ...["--period", "2026-02"],
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("an amount in EUR, but the recomputed invoice is in USD");
    expect(result.stderr).not.toContain("absent.ndjson");
  });

  it("says when the issued invoice came from an older version of the contract", () => {
    // cdn-basic's first North America tier raised from 0.08 to 0.09 since February was issued:
    // 10,000 GB × (0.09 − 0.08) = +100.00 on bandwidth_na, 3,656.00 → 3,756.00
    const contract = JSON.parse(readFileSync("fixtures/cdn-basic/contract.json", "utf8"));
    contract.charges[1].price.tiers[0].unitPrice = "0.09";
    const result = runCli(
      ...["reconcile", "--issued", EXPECTED, "--contract", file("newer.json", JSON.stringify(contract))],
      ...["--usage", "fixtures/cdn-basic/usage.ndjson", "--period", "2026-02"],
    );
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      "The issued invoice was rated from another version of contract ctr_northwind_cdn (digest sha256:49a4e201",
    );
    expect(result.stdout).toMatch(/\+100\.00 {2}price/);
  });
  it("recomputes an invoice whose credit grants started before its period, with --credits-start-full", () => {
    // golden-rich, March 2026: both grants date from January, so the recomputation needs their balances
    // (or --credits-start-full, as the fixture's README rates it). The issued CSV leaves out the Storage
    // line: (100 GB × 360 h + 250 GB × 383 h) ÷ 743 h = 131,750 ÷ 743 GB-month (its README),
    // × 0.023 = 4.0783… → 4.08 (half-up), and its
    // total is 778.27 − 4.08 = 774.19; the other seven lines and the tax (124.27) are as issued.
    const withoutStorage = GOLDEN_RICH_ROWS.filter((row) => !row.startsWith("Storage,"));
    const csv = file("golden-rich.csv", goldenRichCsv(withoutStorage, ["Tax,,124.27", "Total,,774.19"]));
    const recompute = [
      ...["--contract", "fixtures/golden-rich/contract.json", "--usage", "fixtures/golden-rich/usage.ndjson"],
      ...["--period", "2026-03"],
    ];
    const result = runCli(
      "reconcile",
      "--issued",
      csv,
      ...recompute,
      "--credits-start-full",
      "--format",
      "json",
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({
      issuedTotal: "774.19",
      recomputedTotal: "778.27",
      discrepancies: [{ cause: "missing_line", line: "storage", amount: "4.08" }],
    });
    // Without it, the grant's refusal names the flag, which reconcile now takes.
    const refused = runCli("reconcile", "--issued", csv, ...recompute);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--credits-start-full");
    expect(refused.stderr).not.toContain("unknown option");
    // --recomputed is rated already: what the previous invoice carries has nothing to go into.
    const both = runCli(
      "reconcile",
      "--issued",
      csv,
      "--recomputed",
      "fixtures/golden-rich/expected.json",
      "--credits-start-full",
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("leave out --credits-start-full");
    // So are the credit notes of what is carried: given with --recomputed they were dropped without a
    // word, and the specialist, who may have meant --credit-note, read "agrees" (exit 0).
    for (const flag of ["--commitment-credit-note", "--balances-credit-note"]) {
      const ignored = runCli(
        ...["reconcile", "--issued", "fixtures/golden-rich/expected.json"],
        ...["--recomputed", "fixtures/golden-rich/expected.json", flag, "note.json"],
      );
      expect([flag, ignored.code, ignored.stderr]).toEqual([
        flag,
        2,
        `ratecard: --recomputed gives the recomputed invoice; leave out ${flag} (a credit note of the reconciled invoice itself goes with --credit-note)\n`,
      ]);
    }
  });

  it("continues credit balances from the previous invoice with --balances, naming the file when it does not fit", () => {
    // cdn-basic's invoice is of another contract (ctr_northwind_cdn): refused, naming --balances and the file.
    const result = runCli(
      ...[
        "reconcile",
        "--issued",
        "fixtures/golden-rich/expected.json",
        "--contract",
        "fixtures/golden-rich/contract.json",
      ],
      ...["--usage", "fixtures/golden-rich/usage.ndjson", "--period", "2026-03", "--balances", EXPECTED],
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--balances ${EXPECTED} is an invoice of contract ctr_northwind_cdn`);
  });
});
