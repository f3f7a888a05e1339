import { FOCUS_COLUMNS, FOCUS_VERSION, type FocusColumn, type FocusRow } from "../index.js";
import { UsageLineError } from "./cliSupport.js";

// FOCUS's data types for the columns ratecard writes (docs/focus-export.md, "Parquet"): Decimal columns
// (attributes/numeric_format.md) as Parquet DECIMAL, Date/Time columns (attributes/datetime_format.md)
// as Parquet TIMESTAMP in UTC, every other column as UTF-8 text.
const DECIMAL_COLUMNS: ReadonlySet<FocusColumn> = new Set([
  "BilledCost",
  "EffectiveCost",
  "ListCost",
  "ContractedCost",
  "ListUnitPrice",
  "ContractedUnitPrice",
  "PricingQuantity",
  "ConsumedQuantity",
  "CommitmentDiscountQuantity",
]);
const DATE_TIME_COLUMNS: ReadonlySet<FocusColumn> = new Set([
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargePeriodStart",
  "ChargePeriodEnd",
]);

// The columns FOCUS 1.2 says are never null (their file's "Allows nulls: False", "MUST NOT be null"):
// Parquet marks them REQUIRED, so a reader's schema says what the specification guarantees. Every other
// column is OPTIONAL: FOCUS allows it null (ChargeDescription only "SHOULD NOT be null"), and ratecard's
// x_ columns promise nothing.
const NOT_NULL_COLUMNS: ReadonlySet<FocusColumn> = new Set([
  "BilledCost", // billedcost.md
  "EffectiveCost", // effectivecost.md
  "ListCost", // listcost.md
  "ContractedCost", // contractedcost.md
  "BillingAccountId", // billingaccountid.md
  "BillingCurrency", // billingcurrency.md
  "BillingPeriodStart", // billingperiodstart.md
  "BillingPeriodEnd", // billingperiodend.md
  "ChargeCategory", // chargecategory.md
  "ChargeFrequency", // chargefrequency.md: "MUST NOT be null or empty"
  "ChargePeriodStart", // chargeperiodstart.md
  "ChargePeriodEnd", // chargeperiodend.md
  "InvoiceIssuerName", // invoiceissuer.md
  "ProviderName", // provider.md
  "PublisherName", // publisher.md
  "ServiceCategory", // servicecategory.md
  "ServiceName", // servicename.md
]);

/** DECIMAL(38, scale) in 16 bytes: Parquet's widest fixed-length decimal that readers (DuckDB, Arrow) all map to a 128-bit decimal. */
const PRECISION = 38;
const DECIMAL_BYTES = 16;
/**
 * Every Decimal column's scale, whatever its values: one month's file and the next are read as one
 * dataset (`read_parquet('focus-*.parquet')`), and DuckDB reads them all with the first file's column
 * types, casting the others' values to its scale (with `union_by_name` too). A scale of the file's own
 * values rounded a BHD file's 15.432 to 15.43 when a USD file came first. 18 is Spark's default decimal
 * scale (DECIMAL(38, 18)): 20 integer digits and 18 fraction digits hold every cost, price and quantity
 * short of a prorated one's 50 digits.
 */
const SCALE = 18;

/**
 * FOCUS rows as one Parquet file: the columns of the CSV, in its order, with FOCUS's types. A Decimal
 * column is DECIMAL(38, 18) in every file, so files read as one dataset keep every digit; each value is
 * stored exactly (as the unscaled integer, never through a float); a null stays null. The bytes are the same for the
 * same rows (no clock, no writer version beyond the library's name).
 * A Decimal column with a value that DECIMAL(38, 18) cannot hold is written as exact decimal text.
 * A column FOCUS says is never null is REQUIRED in the schema, every other one OPTIONAL.
 * @throws UsageLineError for a decimal column value that is not decimal text, or a null in a column
 *   FOCUS says is never null (a bug upstream)
 */
export async function focusParquet(rows: ReadonlyArray<FocusRow>): Promise<Uint8Array> {
  // Loaded when a Parquet file is written, not with every command (about 0.03 s of every start-up).
  const { parquetWriteBuffer } = await import("hyparquet-writer");
  const columns = FOCUS_COLUMNS.map((name) => {
    const values = rows.map((row) => row[name]);
    const missing = NOT_NULL_COLUMNS.has(name) ? values.indexOf(null) : -1;
    if (missing >= 0)
      throw new UsageLineError(
        `${name} is null on row ${missing + 1}, and FOCUS says it never is (a bug upstream)`,
      );
    if (DECIMAL_COLUMNS.has(name)) return decimalColumn(name, values);
    if (DATE_TIME_COLUMNS.has(name))
      return {
        element: {
          name,
          type: "INT64" as const,
          repetition_type: repetitionOf(name),
          converted_type: "TIMESTAMP_MILLIS" as const,
          logical_type: { type: "TIMESTAMP" as const, isAdjustedToUTC: true, unit: "MILLIS" as const },
        },
        data: values.map((value) => (value === null ? null : BigInt(Date.parse(value)))),
        asText: false,
      };
    return { element: textElement(name), data: values, asText: false };
  });
  const decimalsAsText = columns.filter((column) => column.asText).map((column) => column.element.name);
  const buffer = parquetWriteBuffer({
    columnData: columns.map(({ element, data }) => ({ name: element.name, data: [...data] })),
    schema: [{ name: "root", num_children: columns.length }, ...columns.map(({ element }) => element)],
    kvMetadata: [
      { key: "focus_version", value: FOCUS_VERSION },
      ...(decimalsAsText.length > 0
        ? [{ key: "ratecard_decimals_as_text", value: decimalsAsText.join(",") }]
        : []),
    ],
    createdBy: "ratecard",
  });
  return new Uint8Array(buffer);
}

function decimalColumn(name: FocusColumn, values: ReadonlyArray<string | null>) {
  const scale = SCALE;
  // A value with more than 18 fraction digits or 20 integer digits (a prorated quantity can carry 50)
  // fits no DECIMAL(38, 18): the column is then written as FOCUS's decimal text
  // (attributes/numeric_format.md), exact, and named in the file's metadata; DuckDB's union_by_name
  // reads the column as text in every file then, exactly.
  if (
    values.some(
      (value) =>
        value !== null && (fractionDigits(value) > scale || integerDigits(value) + scale > PRECISION),
    )
  )
    return { element: textElement(name), data: values, asText: true };
  return {
    element: {
      name,
      type: "FIXED_LEN_BYTE_ARRAY" as const,
      type_length: DECIMAL_BYTES,
      repetition_type: repetitionOf(name),
      converted_type: "DECIMAL" as const,
      scale,
      precision: PRECISION,
      logical_type: { type: "DECIMAL" as const, scale, precision: PRECISION },
    },
    data: values.map((value) => (value === null ? null : unscaled(name, value, scale))),
    asText: false,
  };
}

function textElement(name: FocusColumn) {
  return {
    name,
    type: "BYTE_ARRAY" as const,
    repetition_type: repetitionOf(name),
    converted_type: "UTF8" as const,
  };
}

function repetitionOf(name: FocusColumn): "REQUIRED" | "OPTIONAL" {
  return NOT_NULL_COLUMNS.has(name) ? "REQUIRED" : "OPTIONAL";
}

function integerDigits(text: string): number {
  const whole = (text.startsWith("-") ? text.slice(1) : text).split(".")[0] ?? "";
  return whole.replace(/^0+/, "").length;
}

function fractionDigits(text: string): number {
  const point = text.indexOf(".");
  return point === -1 ? 0 : text.length - point - 1;
}

/** "-8.25" at scale 4 → -82500n: the decimal text's digits, the fraction padded with zeros (exact). */
function unscaled(column: FocusColumn, text: string, scale: number): bigint {
  const negative = text.startsWith("-");
  const [whole = "", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const digits = `${whole}${fraction.padEnd(scale, "0")}`;
  if (!/^\d+$/.test(digits)) throw new UsageLineError(`${column} ${text} is not a decimal FOCUS can hold`);
  const value = BigInt(digits);
  return negative ? -value : value;
}
