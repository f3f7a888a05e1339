export type { CompiledUsageSql, CompileUsageSqlOptions } from "./compileUsageSql.js";
export { compileUsageSql } from "./compileUsageSql.js";
export type { SqlDialectName } from "./dialect.js";
export { SQL_DIALECTS } from "./dialect.js";
export { SQL_INSTANT_PATTERN } from "./instantSql.js";
export { usageAggregatesFromSql } from "./sqlAggregates.js";
export { sqlResultsByCustomer } from "./sqlResultsByCustomer.js";
export { usageInstantSql } from "./usageInstantSql.js";
export type { SqlUsageSource } from "./usageSource.js";
