import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileUsageSql,
  parseContract,
  prepareRating,
  SQL_DIALECTS,
  type SqlUsageSource,
} from "../../src/index.js";
import { thrown } from "../_support/thrown.js";
import { contractHead } from "./engines.js";

// The table mapping is checked where compileUsageSql receives it: each kind of mistake a JavaScript
// caller can make is refused with its code, the JSON path of the field at fault and a sentence that
// says what the field holds, before any SQL is written (before, each compiled into SQL that failed
// inside the engine, or ran).

const prepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_mapping",
    meters: [{ id: "gb", eventType: "egress", aggregation: "sum", valueProperty: "gb" }],
    charges: [{ id: "gb", name: "Egress", meter: "gb", price: { model: "unit", unitPrice: "1" } }],
  }),
  "2026-02",
);

const refusal = (source: unknown, dialect: unknown = "duckdb") =>
  thrown(() => compileUsageSql(prepared, dialect as "duckdb", source as SqlUsageSource));

const json = { json: "properties" };

describe("compileUsageSql's table mapping", () => {
  it("refuses a timestamp kind it does not know, naming the four it does", () => {
    // "epoch" begins both epoch_s and epoch_ms: seconds or milliseconds is not guessed, so no "did you mean".
    expect(refusal({ from: "events", timestamp: "epoch", properties: json })).toMatchObject({
      name: "InputError",
      code: "invalid_field",
      path: "source.timestamp",
      message: expect.stringMatching(
        /^source\.timestamp must be "text" \(ISO 8601 text with its offset, the default\), "epoch_s" \(seconds since 1970, a fraction read to the millisecond\), "epoch_ms" \(milliseconds since 1970\) or "native" \(a column of the engine's own timestamp type: .*\), not the text "epoch"\.$/,
      ),
    });
  });

  it("refuses properties that name neither a JSON column nor property columns, or both", () => {
    expect(refusal({ from: "events", properties: {} })).toMatchObject({
      code: "invalid_field",
      path: "source.properties",
      message:
        'source.properties must name one place for the event properties, { "json": "<a column of JSON text>" } or { "columns": { "<property>": "<its column>" } }, and it names neither.',
    });
    expect(refusal({ from: "events", properties: { json: "p", columns: { gb: "gb" } } })).toMatchObject({
      code: "invalid_field",
      path: "source.properties",
      message: expect.stringMatching(/, not both\.$/),
    });
    expect(refusal({ from: "events", properties: "properties" })).toMatchObject({
      code: "invalid_field",
      path: "source.properties",
      message: expect.stringMatching(
        /^source\.properties must be where the event properties are: .*, not the text "properties"\.$/,
      ),
    });
  });

  it("refuses a column expression that is no text, naming the column it would read instead", () => {
    expect(refusal({ from: "events", columns: { id: 5 }, properties: json })).toMatchObject({
      code: "invalid_field",
      path: "source.columns.id",
      message:
        'source.columns.id must be the SQL expression of each event\'s id (a column name such as "event_id"), or the field left out to read the column named "id", not the number 5.',
    });
  });

  it("refuses a blank FROM item and a blank timestamp expression", () => {
    expect(refusal({ from: "", properties: json })).toMatchObject({
      code: "invalid_field",
      path: "source.from",
      message:
        "source.from must not be blank: it goes into the query as SQL, as the table the events are read from.",
    });
    expect(refusal({ from: "events", columns: { timestamp: "  " }, properties: json })).toMatchObject({
      code: "invalid_field",
      path: "source.columns.timestamp",
      message: expect.stringMatching(
        /^source\.columns\.timestamp must not be blank: .* each event's timestamp\.$/,
      ),
    });
  });

  it("refuses a property column map with an empty property name or a blank column", () => {
    expect(refusal({ from: "events", properties: { columns: { "": "gb" } } })).toMatchObject({
      code: "invalid_field",
      path: 'source.properties.columns[""]',
      message:
        'source.properties.columns[""] names no property: each key of the map is the name of a property the meters read ("gb"), each value its column.',
    });
    expect(refusal({ from: "events", properties: { columns: { gb: "" } } })).toMatchObject({
      code: "invalid_field",
      path: "source.properties.columns.gb",
      message:
        "source.properties.columns.gb must not be blank: it goes into the query as SQL, as the property's column.",
    });
  });

  it("refuses a missing FROM item, a misspelt field and a mapping that is no object", () => {
    expect(refusal({ properties: json })).toMatchObject({
      code: "missing_field",
      path: "source.from",
      message: "source.from is required.",
    });
    expect(refusal({ from: "events", properties: json, timestamps: "epoch_ms" })).toMatchObject({
      code: "unknown_field",
      path: "source.timestamps",
    });
    expect(refusal({ from: "events", columns: { time: "t" }, properties: json })).toMatchObject({
      code: "unknown_field",
      path: "source.columns.time",
    });
    expect(refusal("events")).toMatchObject({
      code: "invalid_field",
      path: "source",
      message: expect.stringMatching(/^source must be the table mapping: .*, not the text "events"\.$/),
    });
  });

  it("refuses a dialect it does not compile for (before, it compiled PostgreSQL's SQL under that name)", () => {
    expect(refusal({ from: "events", properties: json }, "mysql")).toMatchObject({
      name: "InputError",
      code: "invalid_argument",
      path: "dialect",
      message: 'The SQL dialect must be one of "duckdb", "clickhouse", "postgres", not the text "mysql".',
    });
  });

  it("compiles every mapping of the documented shape, and reads the mapping it was given", () => {
    const sql = fc.string({ minLength: 1 }).filter((text) => text.trim() !== "");
    const mapping = fc.record(
      {
        from: sql,
        columns: fc.record({ id: sql, type: sql, customer: sql, timestamp: sql }, { requiredKeys: [] }),
        timestamp: fc.constantFrom(
          "text" as const,
          "epoch_s" as const,
          "epoch_ms" as const,
          "native" as const,
        ),
        properties: fc.oneof(
          sql.map((column) => ({ json: column })),
          fc.dictionary(fc.string({ minLength: 1 }), sql).map((columns) => ({ columns })),
        ),
      },
      { requiredKeys: ["from", "properties"] },
    );
    fc.assert(
      fc.property(mapping, fc.constantFrom(...SQL_DIALECTS), (source, dialect) => {
        const copy = structuredClone(source);
        const { queries } = compileUsageSql(prepared, dialect, source);
        // The mapping is read, not rewritten: its FROM item is in the query as given, the object unchanged.
        expect(queries[0]).toContain(source.from);
        expect(source).toEqual(copy);
      }),
    );
  });
});
