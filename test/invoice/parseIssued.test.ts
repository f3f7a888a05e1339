import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Invoice,
  issueCreditNote,
  parseCreditNote,
  parseInvoice,
  safeParseInvoice,
} from "../../src/invoice/index.js";
import { withDigest } from "../../src/schema/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import { thrown } from "../_support/thrown.js";

// Reading issued documents back: the version check comes first (a later format is named as such, not
// as a list of unknown fields), then every known field, then the digest. The cdn-basic February
// invoice (fixtures/cdn-basic/README.md), total 7,663.78.
const written = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic", "expected.json"), "utf8"),
) as Invoice;
const note = issueCreditNote(fixtureContract("cdn-basic"), parseInvoice(written), [
  { kind: "amount", line: "requests", amount: "5", reason: "goodwill" },
]);

describe("parseInvoice and safeParseInvoice", () => {
  it("read an intact invoice as written", () => {
    expect(parseInvoice(structuredClone(written))).toEqual(written);
    expect(safeParseInvoice(structuredClone(written))).toEqual({ success: true, data: written });
  });

  it("name a later format version at schemaVersion, before looking at any field", () => {
    const later = { ...written, schemaVersion: 2, renamed: true };
    expect(thrown(() => parseInvoice(later))).toMatchObject({
      code: "unsupported_version",
      path: "schemaVersion",
      message:
        "This invoice is in format version 2; this version of ratecard reads invoice format 1 (with any fields later versions of format 1 add).",
    });
  });

  it("read a version that is not a number as a wrong field, not as another version", () => {
    const error = thrown(() => parseInvoice({ ...written, schemaVersion: "1" }));
    expect(error).toMatchObject({ path: "schemaVersion" });
    expect(error).not.toMatchObject({ code: "unsupported_version" });
    expect(thrown(() => parseInvoice(null))).toMatchObject({ name: "InputError" });
  });

  it("refuse an invoice edited after it was issued, at digest, without throwing from safeParseInvoice", () => {
    const edited = { ...written, total: "7000.00" };
    const result = safeParseInvoice(edited);
    expect(result.success).toBe(false);
    expect(result.success ? undefined : result.error).toMatchObject({
      code: "digest_mismatch",
      path: "digest",
    });
    expect(thrown(() => parseInvoice(edited))).toMatchObject({
      code: "digest_mismatch",
      path: "digest",
      message: expect.stringMatching(
        /^The invoice ctr_northwind_cdn:2026-02-01 was changed after ratecard issued it/,
      ),
    });
  });
});

// A reader keeps fields it does not know (a later 1.x may add them), so a misspelt field is not refused
// as unknown: the field it stands for is missing. The sentence said only "contractId is required"; it
// now names the field the invoice has instead, with its path, as a contract's unknown field does.
describe("a misspelt field in an issued invoice", () => {
  // Renamed, then sealed again, so that the digest is not what refuses it (a program that renames a
  // field and re-seals, or a hand-written invoice given its digest).
  function renamed(path: ReadonlyArray<string | number>, from: string, to: string): Invoice {
    const copy = structuredClone(written) as unknown as Record<string | number, unknown>;
    let node = copy;
    for (const segment of path) node = node[segment] as Record<string | number, unknown>;
    node[to] = node[from];
    delete node[from];
    return withDigest(copy as unknown as Invoice);
  }

  it("names contractID beside the missing contractId", () => {
    expect(thrown(() => parseInvoice(renamed([], "contractId", "contractID")))).toMatchObject({
      code: "missing_field",
      path: "contractId",
      message: expect.stringMatching(
        /^contractId is required; contractID is not a field ratecard knows: did you mean "contractId"\?/,
      ),
    });
  });

  it("names lins beside the missing lines, and a line's amont at its path", () => {
    expect(thrown(() => parseInvoice(renamed([], "lines", "lins")))).toMatchObject({
      code: "missing_field",
      path: "lines",
      message: expect.stringContaining(
        'lines is required; lins is not a field ratecard knows: did you mean "lines"?',
      ),
    });
    expect(thrown(() => parseInvoice(renamed(["lines", 0], "amount", "amont")))).toMatchObject({
      code: "missing_field",
      path: "lines[0].amount",
      message: expect.stringContaining(
        'lines[0].amount is required; lines[0].amont is not a field ratecard knows: did you mean "amount"?',
      ),
    });
  });

  it("names it too when a credit note is issued against the invoice", () => {
    const misspelt = renamed([], "contractId", "contractID");
    const credit = [{ kind: "amount" as const, line: "requests", amount: "5", reason: "goodwill" }];
    expect(thrown(() => issueCreditNote(fixtureContract("cdn-basic"), misspelt, credit))).toMatchObject({
      path: "invoice.contractId",
      message: expect.stringContaining(
        'invoice.contractID is not a field ratecard knows: did you mean "contractId"?',
      ),
    });
  });

  it("says only what is missing when no field beside it is close", () => {
    expect(thrown(() => parseInvoice(renamed([], "contractId", "customerRef")))).toMatchObject({
      code: "missing_field",
      path: "contractId",
      message: "contractId is required.",
    });
  });

  it("still reads an invoice whose unknown field is close to one it has (a later version's field is not a typo)", () => {
    // contractIds is one letter from contractId, which the invoice has: nothing is missing, so nothing
    // is refused; the field is kept.
    const later = withDigest({ ...written, contractIds: ["a"] } as Invoice);
    expect(parseInvoice(structuredClone(later))).toEqual(later);
  });
});

describe("parseCreditNote", () => {
  it("reads an intact credit note as written", () => {
    expect(parseCreditNote(structuredClone(note))).toEqual(note);
  });

  it("names a later format version, a field that is wrong, and an edit", () => {
    expect(thrown(() => parseCreditNote({ ...note, schemaVersion: 3 }))).toMatchObject({
      code: "unsupported_version",
      path: "schemaVersion",
      message:
        "This credit note is in format version 3; this version of ratecard reads credit note format 1 (with any fields later versions of format 1 add).",
    });
    expect(thrown(() => parseCreditNote({ ...note, total: 5 }))).toMatchObject({ path: "total" });
    expect(thrown(() => parseCreditNote({ ...note, total: "4.00" }))).toMatchObject({
      code: "digest_mismatch",
      path: "digest",
      message: expect.stringMatching(
        /^The credit note ctr_northwind_cdn:2026-02-01:credit-note:1 was changed after ratecard issued it/,
      ),
    });
    expect(thrown(() => parseCreditNote(written))).toMatchObject({ name: "InputError" });
  });
});

describe("a document of the other kind", () => {
  // Read as an invoice, a credit note was refused with "contractDigest is required. (and 15 more
  // problems)": true, but it does not say the file is a credit note, nor which function reads it.
  it("parseInvoice names a credit note and the function that reads it", () => {
    const error = thrown(() => parseInvoice(structuredClone(note)));
    expect(error).toMatchObject({ code: "invalid_argument", path: "" });
    expect((error as Error).message).toContain("credit note");
    expect((error as Error).message).toContain(note.id);
    expect((error as Error).message).toContain("parseCreditNote");
    expect(safeParseInvoice(structuredClone(note))).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
  });

  it("parseCreditNote names an invoice and the function that reads it", () => {
    const error = thrown(() => parseCreditNote(structuredClone(written)));
    expect(error).toMatchObject({ code: "invalid_argument", path: "" });
    expect((error as Error).message).toContain("an invoice");
    expect((error as Error).message).toContain("parseInvoice");
  });

  it("still lists the fields of a document that is neither", () => {
    expect(thrown(() => parseInvoice({ schemaVersion: 1, id: "x" }))).toMatchObject({
      code: "missing_field",
    });
  });
});
