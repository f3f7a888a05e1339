import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Contract, parseContract } from "../../src/contracts/index.js";
import {
  type Invoice,
  issueCreditNote,
  parseCreditNote,
  parseInvoice,
  rateInvoice,
} from "../../src/invoice/index.js";
import { type CreditNote, withDigest } from "../../src/schema/index.js";
import { fixtureContractJson } from "../_arbitraries/contracts.js";
import { buildContract } from "../_support/contract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { thrown } from "../_support/thrown.js";

// Hostile and careless inputs to the invoice format, the credit-note checks and the package's CLI
// surface: each is a document a user could really send, and each must end in a
// typed error with its code and path (exit 2 on the command line) or in the exact right amount.
//
// The invoice is the cdn-basic February invoice (fixtures/cdn-basic/README.md works it by hand):
// platform_fee 500.00, bandwidth_na 3,656.00 (61,400 GB over 0.08 / 0.06 / 0.04), bandwidth_eu
// 2,242.04, bandwidth_apac 1,200.00, requests 65.74; total 7,663.78.
const ROOT = join(import.meta.dirname, "..", "..");
const FIXTURE = join(ROOT, "fixtures", "cdn-basic");
const EXPECTED_TEXT = readFileSync(join(FIXTURE, "expected.json"), "utf8");

/** A fresh, mutable copy of the issued invoice, as a file read back gives it. */
const issued = (): Invoice => JSON.parse(EXPECTED_TEXT);
// The documents as plain JSON objects, to edit the way a person with a text editor would.
type JsonObject = { [key: string]: unknown };
type EditableInvoice = JsonObject & { lines: Array<JsonObject & { steps: JsonObject[] }> };
type EditableContract = JsonObject & { charges: Array<{ price: { tiers: JsonObject[] } }> };
const contractJson = () => fixtureContractJson("cdn-basic") as EditableContract;
const contract: Contract = parseContract(contractJson());
/** The invoice sealed again after an edit: what a later writer (or a forger) would produce. */
const resealed = (invoice: Invoice): Invoice => withDigest<Invoice>(invoice);
const credit = (kind: "line" | "amount" | "quantity", extra: Record<string, string> = {}) => [
  { kind, line: "bandwidth_na", reason: "disputed", ...extra },
];
// One event in February: 12,000 GB in North America.
const oneEvent = [
  {
    id: "e1",
    type: "cdn.bandwidth",
    customer: "cus_northwind",
    timestamp: "2026-02-03T10:00:00Z",
    properties: { region: "na", gb: "12000" },
  },
];
const otherContract = parseContract({ ...contractJson(), id: "ctr_other" });
const firstNote = (): CreditNote =>
  issueCreditNote(contract, issued(), credit("quantity", { quantity: "11400" }));

interface Refusal {
  readonly name: string;
  readonly act: () => unknown;
  readonly code: string;
  readonly path: string;
}

describe("credit notes refuse an invoice that is not the one issued from this contract", () => {
  const refusals: Refusal[] = [
    {
      name: "an invoice of another contract",
      act: () => issueCreditNote(contract, rateInvoice(otherContract, oneEvent, "2026-02"), credit("line")),
      code: "contract_mismatch",
      path: "invoice.contractId",
    },
    {
      name: "the right contract id, but the contract now bills in EUR",
      act: () =>
        issueCreditNote(parseContract({ ...contractJson(), currency: "EUR" }), issued(), credit("line")),
      code: "currency_mismatch",
      path: "invoice.currency",
    },
    {
      name: "the right contract id, but the contract now bills in JPY (0 decimals)",
      act: () =>
        issueCreditNote(parseContract({ ...contractJson(), currency: "JPY" }), issued(), credit("line")),
      code: "currency_mismatch",
      path: "invoice.currency",
    },
    {
      name: "an invoice whose currency was edited to JPY",
      act: () =>
        issueCreditNote(contract, { ...issued(), currency: { code: "JPY", minorUnits: 0 } }, credit("line")),
      code: "currency_mismatch",
      path: "invoice.currency",
    },
    {
      name: "a contract whose first tier price changed since the invoice was rated",
      act: () => {
        const changed = contractJson();
        changed.charges[1]!.price.tiers[0]!.unitPrice = "0.07";
        // re-rating 50,000 GB with 0.07 would credit 3,656.00 − 3,100.00 = 556.00 instead of 456.00
        return issueCreditNote(parseContract(changed), issued(), credit("quantity", { quantity: "11400" }));
      },
      code: "contract_mismatch",
      path: "invoice.contractDigest",
    },
    {
      name: "a contract that gained a 20 % VAT since (the note would credit tax never charged)",
      act: () =>
        issueCreditNote(
          parseContract({
            ...contractJson(),
            tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "20" }] },
          }),
          issued(),
          credit("line"),
        ),
      code: "contract_mismatch",
      path: "invoice.contractDigest",
    },
    {
      name: "a line amount raised from 3656.00 to 9656.00",
      act: () => {
        const invoice = issued();
        (invoice.lines[1] as { amount: string }).amount = "9656.00";
        return issueCreditNote(contract, invoice, credit("line"));
      },
      code: "digest_mismatch",
      path: "invoice.digest",
    },
    {
      name: "a line quantity raised, then units credited off it",
      act: () => {
        const invoice = issued();
        (invoice.lines[1] as { quantity: string }).quantity = "81400";
        return issueCreditNote(contract, invoice, credit("quantity", { quantity: "20000" }));
      },
      code: "digest_mismatch",
      path: "invoice.digest",
    },
    {
      name: "the total edited",
      act: () => issueCreditNote(contract, { ...issued(), total: "1.00" }, credit("line")),
      code: "digest_mismatch",
      path: "invoice.digest",
    },
    {
      name: "a line removed",
      act: () => {
        const invoice = issued();
        return issueCreditNote(contract, { ...invoice, lines: invoice.lines.slice(1) }, credit("line"));
      },
      code: "digest_mismatch",
      path: "invoice.digest",
    },
    {
      name: "a made-up line appended",
      act: () => {
        const invoice = issued();
        const fake = { ...invoice.lines[4]!, id: "refund_me", amount: "5000.00" };
        return issueCreditNote(contract, { ...invoice, lines: [...invoice.lines, fake] }, [
          { kind: "line", line: "refund_me", reason: "x" },
        ]);
      },
      code: "digest_mismatch",
      path: "invoice.digest",
    },
    {
      name: "the digest deleted",
      act: () => {
        const { digest: _digest, ...invoice } = issued();
        return issueCreditNote(contract, invoice as Invoice, credit("line"));
      },
      // Without its digest it is not a document ratecard issued: refused before anything is compared.
      code: "invalid_argument",
      path: "invoice.digest",
    },
    {
      name: "another invoice's digest pasted over an edited one",
      act: () => {
        const other = rateInvoice(contract, oneEvent, "2026-02");
        return issueCreditNote(contract, { ...issued(), digest: other.digest }, credit("line"));
      },
      code: "digest_mismatch",
      path: "invoice.digest",
    },
    {
      name: "an earlier note whose amount was lowered (to free more credit)",
      act: () => {
        const note = firstNote();
        const lowered = { ...note, lines: [{ ...note.lines[0]!, amount: "1.00" }] };
        return issueCreditNote(contract, issued(), credit("line"), { previous: [lowered] });
      },
      code: "digest_mismatch",
      path: "options.previous[0].digest",
    },
    {
      name: "an earlier note of another invoice (it used to be skipped silently)",
      act: () => {
        const otherInvoice = rateInvoice(otherContract, oneEvent, "2026-02");
        const otherNote = issueCreditNote(otherContract, otherInvoice, credit("line"));
        return issueCreditNote(contract, issued(), credit("line"), { previous: [otherNote] });
      },
      code: "credit_note_mismatch",
      path: "options.previous[0].invoiceId",
    },
    {
      name: "an earlier note of another version of this invoice (same id, other usage)",
      act: () => {
        const rerated = rateInvoice(contract, oneEvent, "2026-02");
        const note = issueCreditNote(contract, rerated, credit("amount", { amount: "10.00" }));
        return issueCreditNote(contract, issued(), credit("line"), { previous: [note] });
      },
      code: "credit_note_mismatch",
      path: "options.previous[0].invoiceDigest",
    },
    {
      name: "the same earlier note given twice",
      act: () => {
        const note = firstNote();
        return issueCreditNote(contract, issued(), credit("line"), { previous: [note, note] });
      },
      code: "duplicate_id",
      path: "options.previous[1].id",
    },
  ];

  it.each(refusals)("refuses $name ($code at $path)", ({ act, code, path }) => {
    expect(thrown(act)).toMatchObject({ name: "InputError", code, path });
  });
});

describe("reading an invoice back refuses what version 1 does not allow", () => {
  const edited = (edit: (invoice: EditableInvoice) => void) => () => {
    const invoice = issued();
    edit(invoice as unknown as EditableInvoice);
    return parseInvoice(resealed(invoice));
  };
  const refusals: Refusal[] = [
    {
      name: "an invoice of a newer format version",
      act: edited((invoice) => {
        invoice.schemaVersion = 2;
      }),
      code: "unsupported_version",
      path: "schemaVersion",
    },
    {
      name: 'schemaVersion written as the text "1"',
      act: edited((invoice) => {
        invoice.schemaVersion = "1";
      }),
      code: "invalid_field",
      path: "schemaVersion",
    },
    {
      name: 'a unitPrice holding a word ("tiered"), which a NUMERIC column refuses',
      act: edited((invoice) => {
        invoice.lines[1]!.unitPrice = "tiered";
      }),
      code: "invalid_field",
      path: "lines[1].unitPrice",
    },
    {
      name: "a unitPrice in exponent notation",
      act: edited((invoice) => {
        invoice.lines[1]!.unitPrice = "8e-2";
      }),
      code: "invalid_field",
      path: "lines[1].unitPrice",
    },
    {
      name: "a priceKind this version does not know",
      act: edited((invoice) => {
        invoice.lines[0]!.priceKind = "bespoke";
      }),
      code: "invalid_field",
      path: "lines[0].priceKind",
    },
    {
      name: "a step kind this version does not know (money it cannot account for)",
      act: edited((invoice) => {
        invoice.lines[0]!.steps[0]!.kind = "discount_v2";
      }),
      code: "invalid_field",
      path: "lines[0].steps[0].kind",
    },
    {
      name: "a line amount as a JSON number",
      act: edited((invoice) => {
        invoice.lines[1]!.amount = 3656;
      }),
      code: "invalid_field",
      path: "lines[1].amount",
    },
    {
      name: "a digest in upper case",
      act: () => {
        const invoice = issued();
        return parseInvoice({ ...invoice, digest: invoice.digest.toUpperCase() });
      },
      code: "invalid_field",
      path: "digest",
    },
    {
      name: "a digest of another algorithm",
      act: () => parseInvoice({ ...issued(), digest: `md5:${"0".repeat(32)}` }),
      code: "invalid_field",
      path: "digest",
    },
    {
      name: "no digest at all",
      act: () => {
        const { digest: _digest, ...invoice } = issued();
        return parseInvoice(invoice);
      },
      code: "missing_field",
      path: "digest",
    },
    {
      name: "a field added by hand without sealing it again",
      act: () => parseInvoice({ ...issued(), note: "approved by Bob" }),
      code: "digest_mismatch",
      path: "digest",
    },
    {
      name: "a contract given where an invoice belongs",
      act: () => parseInvoice(contractJson()),
      code: "missing_field",
      path: "contractId",
    },
    { name: "null", act: () => parseInvoice(null), code: "invalid_field", path: "" },
    { name: "a JSON array", act: () => parseInvoice([issued()]), code: "invalid_field", path: "" },
    {
      name: "an edited credit note read back",
      act: () => {
        const note = firstNote();
        return parseCreditNote({ ...note, total: "4560.00" });
      },
      code: "digest_mismatch",
      path: "digest",
    },
  ];

  it.each(refusals)("refuses $name ($code at $path)", ({ act, code, path }) => {
    expect(thrown(act)).toMatchObject({ name: "InputError", code, path });
  });

  it("refuses a __proto__ key sealed into an invoice, and pollutes no prototype", () => {
    const hostile = JSON.parse(
      EXPECTED_TEXT.replace('"schemaVersion": 1,', '"__proto__": { "polluted": true }, "schemaVersion": 1,'),
    );
    expect(thrown(() => parseInvoice(withDigest<Invoice>(hostile)))).toMatchObject({
      code: "digest_mismatch",
      path: "digest",
    });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe("what a reader must still accept, with the exact amounts", () => {
  it("credits an invoice a JSON tool re-indented with its keys in reverse order", () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === "object"
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([key, item]) => [key, reversed(item)]),
            )
          : value;
    const reformatted = JSON.parse(JSON.stringify(reversed(issued()), null, "\t"));
    const note = issueCreditNote(
      contract,
      parseInvoice(reformatted),
      credit("quantity", { quantity: "11400" }),
    );
    // 61,400 → 50,000 GB: 10,000 × 0.08 + 40,000 × 0.06 = 3,200.00 kept; 3,656.00 − 3,200.00 = 456.00
    expect([note.lines[0]?.rerated, note.total]).toEqual(["3200.00", "456.00"]);
  });

  it("reads, keeps and credits an invoice carrying fields a later 1.x version added", () => {
    const later = issued() as Invoice & Record<string, unknown>;
    later.dunning = { stage: 2 };
    (later.lines[1] as Record<string, unknown>).taxCode = "SW054000";
    const read = parseInvoice(resealed(later)) as Invoice & Record<string, unknown>;
    expect([read.dunning, (read.lines[1] as Record<string, unknown>).taxCode]).toEqual([
      { stage: 2 },
      "SW054000",
    ]);
    // the kept fields are covered by the digest, so the library's own check passes too
    const note = issueCreditNote(contract, read, credit("amount", { amount: "456.00" }));
    expect(note.total).toBe("456.00");
  });

  it("writes a 13-decimal unit price as a decimal text and a flat fee with no unitPrice", () => {
    const contract = buildContract({
      id: "ctr_fine",
      meters: [{ id: "calls", eventType: "call", aggregation: "sum", valueProperty: "n" }],
      charges: [
        { id: "fee", name: "Fee", price: { model: "flat", amount: "10" } },
        {
          id: "calls",
          name: "Calls",
          meter: "calls",
          price: { model: "unit", unitPrice: "0.0000000000025" },
        },
      ],
    });
    const event = {
      id: "c",
      type: "call",
      customer: "cus",
      timestamp: "2026-03-02T00:00:00Z",
      properties: { n: "4000000000" },
    };
    const invoice = rateInvoice(contract, [event], "2026-03");
    // 4,000,000,000 × 0.0000000000025 = 0.01
    expect(invoice.lines.map((line) => [line.priceKind, line.unitPrice, line.amount])).toEqual([
      ["flat", undefined, "10.00"],
      ["unit", "0.0000000000025", "0.01"],
    ]);
  });
});

describe("the command line refuses the same documents with exit 2 and no stack", () => {
  let scratch = "";
  const file = (name: string, content: unknown) => {
    const path = join(scratch, name);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };
  const ratecard = runCli;
  const creditNote = (invoice: string, ...extra: string[]) =>
    ratecard(
      "credit-note",
      "--contract",
      join(FIXTURE, "contract.json"),
      "--invoice",
      invoice,
      "--corrections",
      file("corrections.json", credit("line")),
      ...extra,
    );

  beforeAll(() => {
    assertCliBuilt();
    scratch = mkdtempSync(join(tmpdir(), "ratecard-adversarial-format-"));
  });

  const cases: ReadonlyArray<{ name: string; run: () => { code: number | null; stderr: string } }> = [
    {
      name: "credit-note with an invoice of another contract",
      run: () => creditNote(file("other.json", rateInvoice(otherContract, oneEvent, "2026-02"))),
    },
    {
      name: "credit-note with an invoice whose line was edited",
      run: () => creditNote(file("edited.json", EXPECTED_TEXT.replace('"3656.00"', '"9656.00"'))),
    },
    {
      name: "credit-note with an invoice of a newer format",
      run: () => creditNote(file("v2.json", resealed({ ...issued(), schemaVersion: 2 as 1 }))),
    },
    {
      name: "credit-note with an edited earlier note",
      run: () =>
        creditNote(
          join(FIXTURE, "expected.json"),
          "--previous",
          file("note.json", { ...firstNote(), total: "0.01" }),
        ),
    },
    {
      name: "credit-note with the same earlier note twice",
      run: () => {
        const note = file("note1.json", firstNote());
        return creditNote(join(FIXTURE, "expected.json"), "--previous", note, "--previous", note);
      },
    },
    {
      name: "invoice --balances with an edited invoice",
      run: () =>
        ratecard(
          "invoice",
          "--contract",
          join(FIXTURE, "contract.json"),
          "--usage",
          join(FIXTURE, "usage.ndjson"),
          "--period",
          "2026-02",
          "--balances",
          file("balances.json", { ...issued(), total: "0.00" }),
        ),
    },
    { name: "schema with an unknown flag", run: () => ratecard("schema", "--invoices") },
    { name: "schema with a stray argument", run: () => ratecard("schema", "invoice") },
  ];

  it.each(cases)("$name", ({ run }) => {
    const result = run();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ratecard: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
