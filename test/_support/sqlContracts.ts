import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// cdn-basic's contract, changed for the SQL engines' CLI tests (invoice, auto, batch on DuckDB).

type Json = Record<string, unknown>;
const cdnBasic = (): { meters: Json[]; charges: Json[] } & Json =>
  JSON.parse(readFileSync("fixtures/cdn-basic/contract.json", "utf8"));

/** cdn-basic with its requests priced per transaction: 2.9 % of each event's value (compiles to SQL). */
export function perTransactionCdn(): Json {
  const contract = cdnBasic();
  contract.charges = contract.charges.map((charge) =>
    charge.meter === "requests" ? { ...charge, price: { model: "percentage", percent: "2.9" } } : charge,
  );
  return contract;
}

/**
 * cdn-basic with its requests computed as a product of five properties: 5 × 9 = 45 decimals, more than
 * DuckDB's DECIMAL(38,·) keeps, so it does not compile for DuckDB (`sql_unsupported`, meter "requests").
 */
export function tooManyDecimalsCdn(): Json {
  const contract = cdnBasic();
  contract.meters = contract.meters.map((meter) => {
    if (meter.id !== "requests") return meter;
    const { valueProperty: _, ...computed } = meter;
    return { ...computed, value: { multiply: ["a", "b", "c", "d", "e"].map((property) => ({ property })) } };
  });
  return contract;
}

/**
 * A contract whose meter `meterId` sums its `gb` cubed (gb × gb × gb: 27 decimals, which compiles for
 * DuckDB): a gb of 100,000 makes 10^15, which DuckDB's DECIMAL(38,27) cannot hold, so DuckDB refuses the
 * usage at run time (`sql_unsupported`, too wide) where the in-memory engine leaves the event out.
 */
export function cubedGb(contract: { meters: Json[] } & Json, meterId: string): Json {
  const meters = contract.meters.map((meter) => {
    if (meter.id !== meterId) return meter;
    const { valueProperty: _, ...computed } = meter;
    return { ...computed, value: { multiply: [{ property: "gb" }, { property: "gb" }, { property: "gb" }] } };
  });
  return { ...contract, meters };
}

/** A contract written to a file of its own in a new temporary folder, for --contract. */
export function contractFile(contract: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "ratecard-sql-")), "contract.json");
  writeFileSync(file, JSON.stringify(contract));
  return file;
}
