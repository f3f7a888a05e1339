import { describe, expect, it } from "vitest";
import { flattenedPropertyColumns, jsonPropertiesColumn } from "../../src/cli/csvFlattenedColumns.js";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// In a CSV usage file every column but id, type, customer and timestamp is a property, named as its
// column (docs/cli.md, "Usage file formats"). A file exported from JSON events by a tool that flattens
// nested objects (pandas' json_normalize, jq, a warehouse unload) names the column `properties.gb` or
// `properties_gb`: read as the property "properties.gb", every event lacked `gb`, and the invoice
// billed 0 GB with nothing but "2 events left out" to show for it.
const { file } = scratchFolder("ratecard-csv-flattened-", assertCliBuilt);
const contract = () => file("egress.json", JSON.stringify(egressContractJson("cus_a")));
const rows = (gb: string) =>
  `id,type,customer,timestamp,${gb}\ne1,egress,cus_a,2026-02-10T00:00:00Z,10\ne2,egress,cus_a,2026-02-11T00:00:00Z,5\n`;
const invoice = (usage: string, engine: string) =>
  runCli("invoice", "--contract", contract(), "--usage", usage, "--period", "2026-02", "--engine", engine);

describe("a CSV column named as a flattened property path", () => {
  it.each(["properties.gb", "properties_gb"])(
    "names %s and the column to write instead, once, on both engines",
    (column) => {
      const usage = file(`${column}.csv`, rows(column));
      for (const engine of ["memory", "duckdb"]) {
        const run = invoice(usage, engine);
        // rated as before (the events carry "properties.gb", no "gb": 0 GB), and said so once
        expect([engine, run.code]).toEqual([engine, 0]);
        expect(run.stdout).toContain("Total $0.00.");
        expect(run.stderr).toBe(
          `ratecard: warning: ${usage} has a column "${column}", read as each event's property "${column}", not "gb": in a CSV usage file every column but id, type, customer and timestamp is a property named as its column, so a meter that reads "gb" finds none and leaves the event out. Name the column "gb".\n`,
        );
      }
    },
  );

  it("says nothing once the column is named gb: 10 + 5 = 15 GB × $0.05 = $0.75", () => {
    const run = invoice(file("gb.csv", rows("gb")), "memory");
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toContain("Total $0.75.");
  });

  it("is told from the header alone: a flattened name whose short name is no column of its own", () => {
    expect(flattenedPropertyColumns(["id", "properties.gb", "Properties_region"])).toEqual([
      { column: "properties.gb", property: "gb" },
      { column: "Properties_region", property: "region" },
    ]);
    // a file that also has gb keeps both as written; "properties" alone, or "propertiesgb", is no path
    expect(
      flattenedPropertyColumns(["gb", "properties.gb", "properties", "propertiesgb", "properties."]),
    ).toEqual([]);
  });
});

// Many exports of events (a warehouse table, PostHog or Segment's CSV, Lago's) keep the event's
// properties as one column, "properties", holding a JSON object. Read as the property "properties"
// holding that text, every event lacked `gb` and the invoice billed $0.00, without a word of why.
describe('a CSV column "properties" holding a JSON object', () => {
  const jsonRows = (first: string) =>
    `id,type,customer,timestamp,properties\ne1,egress,cus_a,2026-02-10T00:00:00Z,${first}\ne2,egress,cus_a,2026-02-11T00:00:00Z,"{""gb"": 5}"\n`;

  it("names the column, the row and the property to give a column of its own, once, on both engines", () => {
    const usage = file("properties-json.csv", jsonRows('"{""gb"": 10, ""region"": ""eu""}"'));
    for (const engine of ["memory", "duckdb"]) {
      const run = invoice(usage, engine);
      // rated as written (no event carries gb: 0 GB, $0.00), and said so once
      expect([engine, run.code]).toEqual([engine, 0]);
      expect(run.stdout).toContain("Total $0.00.");
      expect(run.stderr).toBe(
        `ratecard: warning: ${usage} has a column "properties" whose cells hold JSON objects (line 2: {"gb": 10, "region": "eu"}), read as one property named "properties" holding that text: a CSV cell is never opened into properties, so a meter that reads "gb" or "region" finds none and leaves the event out. Give each property a column of its own (gb, region), or write the usage as NDJSON, where "properties" is an object.\n`,
      );
    }
  });

  it("says nothing when the column holds plain values, as a contract that reads a property named properties has it", () => {
    const run = invoice(file("properties-plain.csv", jsonRows("7")), "memory");
    expect(run.stderr).toBe("");
  });
});

describe("jsonPropertiesColumn", () => {
  const rows = (...cells: string[]) => ({
    records: cells.map((cell, i) => [`e${i + 1}`, cell]),
    firstLines: cells.map((_, i) => i + 2),
  });

  it("finds the first cell with a value, its line and the object's keys", () => {
    // line 2 is empty, line 3 holds the object
    expect(jsonPropertiesColumn(["id", "Properties"], rows("", ' {"gb": 10, "region": "eu"}'))).toEqual({
      column: "Properties",
      line: 3,
      cell: '{"gb": 10, "region": "eu"}',
      keys: ["gb", "region"],
    });
  });

  it("is none for plain values, arrays, text that only starts with a brace, or another column name", () => {
    expect(jsonPropertiesColumn(["id", "properties"], rows("7", '{"gb": 10}'))).toBeUndefined();
    expect(jsonPropertiesColumn(["id", "properties"], rows("[1, 2]"))).toBeUndefined();
    expect(jsonPropertiesColumn(["id", "properties"], rows("{not json"))).toBeUndefined();
    expect(jsonPropertiesColumn(["id", "props"], rows('{"gb": 10}'))).toBeUndefined();
  });
});
