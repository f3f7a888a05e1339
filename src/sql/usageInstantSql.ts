import { type SqlDialectName, sqlDialect } from "./dialect.js";
import { fieldSql, type SqlUsageSource } from "./usageSource.js";
import { readDialectName, readUsageSource } from "./usageSourceSchema.js";

/**
 * The SQL of each event's instant as the compiled query reads it through the table mapping: epoch
 * milliseconds, NULL for a row whose timestamp ratecard refuses (ISO 8601 text without its offset, a
 * count since 1970 that is negative or has an exponent, an instant outside 1970–9999). A warehouse can
 * find the rows the query would refuse (`WHERE <it> IS NULL`) before it runs it; the CLI's DuckDB batch
 * refuses a file so before it rates any contract.
 * @throws InputError for a mapping or dialect that is not one, as compileUsageSql does
 * @example usageInstantSql({ from: "events", timestamp: "epoch_s", properties: { json: "properties" } }, "duckdb")
 */
export function usageInstantSql(source: SqlUsageSource, dialect: SqlDialectName): string {
  return fieldSql(readUsageSource(source), sqlDialect(readDialectName(dialect))).timestamp;
}
