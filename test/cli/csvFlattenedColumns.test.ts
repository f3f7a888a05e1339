import { describe, expect, it } from "vitest";
import { flattenedPropertyColumns } from "../../src/cli/csvFlattenedColumns.js";
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
