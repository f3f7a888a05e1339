import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FOCUS_COLUMNS, issueCreditNote, parseContract, parseInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { DATE_TIME_COLUMNS, DECIMAL_COLUMNS, NOT_NULL_COLUMNS } from "../export/focusSpec.js";

const INVOICE = "fixtures/golden-rich/expected.json";
const CONTRACT = "fixtures/golden-rich/contract.json";

let scratch = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-parquet-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type SchemaElement = ReturnType<typeof parquetMetadata>["schema"][number];

// A DECIMAL's bytes: a big-endian two's complement integer, the unscaled value.
function unscaledOf(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return bytes.length > 0 && (bytes[0] ?? 0) >= 128 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

/**
 * The file read back by hyparquet (an independent reader), DECIMAL columns as their raw bytes: hyparquet
 * turns decimals into floats, which would hide an inexact value, so the logical type is set aside and
 * the unscaled integer divided by 10^scale here, exactly.
 */
async function readBack(file: string) {
  const bytes = readFileSync(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const metadata = parquetMetadata(buffer);
  const elements = new Map<string, SchemaElement>(metadata.schema.map((element) => [element.name, element]));
  const raw = {
    ...metadata,
    schema: metadata.schema.map((element) => {
      if (element.converted_type !== "DECIMAL") return element;
      const { converted_type: _converted, logical_type: _logical, ...bare } = element;
      return bare;
    }),
  };
  const rows = (await parquetReadObjects({ file: buffer, metadata: raw })) as Array<Record<string, unknown>>;
  const decoded = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([name, value]) => {
        const element = elements.get(name)!;
        if (value instanceof Uint8Array)
          return [name, new Decimal(unscaledOf(value).toString()).div(10 ** (element.scale ?? 0))];
        return [name, value];
      }),
    ),
  );
  return { metadata, elements, rows: decoded };
}

describe("ratecard export --format focus --output-format parquet", () => {
  const contract = parseContract(JSON.parse(readFileSync(CONTRACT, "utf8")));
  const invoice = parseInvoice(JSON.parse(readFileSync(INVOICE, "utf8")));
  const note = issueCreditNote(contract, invoice, [
    { kind: "line", line: "requests", reason: "Retries billed twice" },
  ]);
  const period = "2026-04-30T22:00:00Z/2026-05-31T22:00:00Z";
  const args = () => {
    const noteFile = join(scratch, "note.json");
    writeFileSync(noteFile, JSON.stringify(note));
    return ["export", "--provider", "Acme Cloud", INVOICE, noteFile, "--correction-period", period];
  };

  it("holds the CSV's rows exactly, with FOCUS's types, and the same bytes every time", async () => {
    const file = join(scratch, "focus.parquet");
    const written = runCli(...args(), "--output", file);
    expect(written.stderr).toBe("");
    expect(written.code).toBe(0);
    const json = runCli(...args(), "--format", "json");
    const expected = JSON.parse(json.stdout) as Array<Record<string, string | null>>;
    const { metadata, elements, rows } = await readBack(file);
    expect(metadata.schema.slice(1).map((element) => element.name)).toEqual([...FOCUS_COLUMNS]);
    const asText = (metadata.key_value_metadata ?? []).find((kv) => kv.key === "ratecard_decimals_as_text");
    const textColumns = asText?.value?.split(",") ?? [];
    for (const name of DECIMAL_COLUMNS) {
      const element = elements.get(name)!;
      // Either DECIMAL(38, s), or (a value wider than 38 digits) exact decimal text, named in the metadata.
      if (textColumns.includes(name)) expect(element.converted_type, name).toBe("UTF8");
      else expect([element.converted_type, element.precision], name).toEqual(["DECIMAL", 38]);
    }
    // REQUIRED exactly where FOCUS says "MUST NOT be null" (ChargeDescription only "SHOULD NOT"): until
    // 6 December 2026 every column was OPTIONAL, and a reader's schema did not say what FOCUS guarantees.
    const required = new Set<string>(NOT_NULL_COLUMNS.filter((name) => name !== "ChargeDescription"));
    for (const name of FOCUS_COLUMNS)
      expect(elements.get(name)?.repetition_type, name).toBe(required.has(name) ? "REQUIRED" : "OPTIONAL");
    for (const name of DATE_TIME_COLUMNS)
      expect(elements.get(name)?.logical_type, name).toEqual({
        type: "TIMESTAMP",
        isAdjustedToUTC: true,
        unit: "MILLIS",
      });
    // golden-rich: 11 invoice rows and 2 correction rows (docs/focus-export.md); every cell read back
    // equals the CSV's: decimals by value, times by instant, text as it is.
    expect(rows).toHaveLength(13);
    expect(expected).toHaveLength(13);
    rows.forEach((row, index) => {
      for (const name of FOCUS_COLUMNS) {
        const want = expected[index]![name] ?? null;
        const got = row[name];
        if (want === null) expect(got, `${index} ${name}`).toBeNull();
        else if (got instanceof Decimal) expect(got.eq(want), `${index} ${name} ${got} ${want}`).toBe(true);
        else if (got instanceof Date) expect(got.getTime(), `${index} ${name}`).toBe(Date.parse(want));
        else expect(got, `${index} ${name}`).toBe(want);
      }
    });
    // The amount due: 679.00 − 25.00 + 124.27 − 200.00 = 578.27, and the correction −49.60 − 9.42 = −59.02.
    const billed = (filter: (row: Record<string, unknown>) => boolean) =>
      rows
        .filter(filter)
        .reduce((sum, row) => sum.plus(row.BilledCost as Decimal), new Decimal(0))
        .toFixed(2);
    expect(billed((row) => row.ChargeClass === null)).toBe("578.27");
    expect(billed((row) => row.ChargeClass === "Correction")).toBe("-59.02");
    const again = join(scratch, "again.parquet");
    runCli(...args(), "--output-format", "parquet", "--output", again);
    expect(readFileSync(again).equals(readFileSync(file))).toBe(true);
  });

  it("keeps every digit when a month's files are read as one dataset, whichever file comes first", async () => {
    // docs/focus-export.md: a backfill's files are read as one dataset, read_parquet('focus-*.parquet').
    // DuckDB types each column as the first file says and casts the others' values to it, union_by_name
    // or not. Until 7 December 2026 a Decimal column's scale was its file's own: cdn-basic's BilledCost
    // DECIMAL(38, 2) first, currency-bhd's 15.432 read back as 15.43 and its month as 22.47, and
    // golden-rich's true-up CommitmentDiscountQuantity 104.04 as 104 after cdn-basic's DECIMAL(38, 0).
    const files = ["cdn-basic", "currency-bhd", "golden-rich"].map((fixture) => {
      const file = join(scratch, `focus-${fixture}.parquet`);
      const written = runCli(
        "export",
        "--provider",
        "A",
        `fixtures/${fixture}/expected.json`,
        "--output",
        file,
      );
      expect([written.code, written.stderr]).toEqual([0, ""]);
      return file;
    });
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRows().map(String);
    const list = files.map((file) => `'${file}'`).join(", ");
    // By hand: cdn-basic 500.00 + 3656.00 + 2242.04 + 1200.00 + 65.74 = 7663.78 USD; currency-bhd
    // 5.000 + 15.432 + 2.043 = 22.475 BHD; golden-rich 679.00 − 25.00 + 124.27 − 200.00 = 578.27 EUR.
    for (const union of ["false", "true"])
      expect(
        await read(
          `SELECT BillingCurrency, CAST(sum(BilledCost) AS DECIMAL(38, 3)) FROM read_parquet([${list}], union_by_name = ${union}) GROUP BY ALL ORDER BY 1`,
        ),
        union,
      ).toEqual(["BHD,22.475", "EUR,578.270", "USD,7663.780"]);
    // golden-rich's ConsumedQuantity (50 digits) is text in its file, so union_by_name reads the column as
    // text everywhere, exactly; and its true-up's unused spend keeps its cents.
    expect(
      await read(
        `SELECT CAST(CommitmentDiscountQuantity AS DOUBLE), ConsumedQuantity FROM read_parquet([${list}], union_by_name = true) WHERE CommitmentDiscountQuantity IS NOT NULL OR ConsumedQuantity LIKE '177.%' ORDER BY ConsumedQuantity NULLS LAST`,
      ),
    ).toEqual([",177.32166890982503364737550471063257065948855989233", "104.04,"]);
    connection.closeSync();
  });

  it("refuses, exit 2, an unknown --output-format and --output-format with --format json", () => {
    const unknown = runCli("export", "--provider", "A", INVOICE, "--output-format", "avro");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--output-format must be csv or parquet");
    const withJson = runCli(
      "export",
      "--provider",
      "A",
      INVOICE,
      "--format",
      "json",
      "--output-format",
      "csv",
    );
    expect(withJson.code).toBe(2);
  });
});
