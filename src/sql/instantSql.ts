import { sqlMessages } from "../errors/index.js";
import type { SqlDialect } from "./dialect.js";

/**
 * The instants ratecard reads (src/time/instant.ts), as one regular expression that every engine reads alike
 * (RE2 in DuckDB and ClickHouse, POSIX in PostgreSQL): a date, "T", hours 00–23 and minutes
 * (seconds and up to nine fraction digits optional), then "Z" or an offset of ±hh:mm or ±hhmm up to
 * 23:59; the year 1970–9999. The engines' own casts read more: a missing zone as UTC
 * ("2026-02-10T00:00:00", "2026-02-10"), a space for the "T", 24:00 as the next midnight, "+05", the
 * year 0026. Those the in-memory engine refuses; rows whose text does not match get no instant and are
 * refused with the other malformed rows (`invalid_event`), never billed at a guessed instant.
 * The calendar (30 February) is left to the casts, which refuse it as ratecard does. Public, so a
 * warehouse can check its own table the way the compiled SQL does (docs/sql-engines.md).
 * @example `regexp_full_match(timestamp, SQL_INSTANT_PATTERN)` is false for "2026-02-10T00:00:00"
 */
export const SQL_INSTANT_PATTERN =
  "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$";

/** The epoch milliseconds of a timestamp text, NULL unless ratecard would read it as an instant. */
export function instantSql(text: string, dialect: SqlDialect): string {
  return `CASE WHEN ${dialect.matches(text, SQL_INSTANT_PATTERN)} THEN ${dialect.epochMs(text)} END`;
}

/** 10000-01-01T00:00:00Z in epoch milliseconds: the first instant after the years ratecard reads. */
const YEAR_10000 = 253_402_300_800_000;

/**
 * The epoch milliseconds of a value of the engine's own timestamp type (`timestamp: "native"`), NULL
 * unless it falls in the years the in-memory engine reads (1970–9999): an instant outside them is
 * refused with the malformed rows, as its ISO 8601 text would be.
 */
export function nativeInstantSql(value: string, dialect: SqlDialect): string {
  const refused = dialect.literal(sqlMessages.sqlNativeTimestampType(value, dialect.nativeTypes));
  const ms = dialect.nativeEpochMs(value, refused);
  return `CASE WHEN ${ms} >= 0 AND ${ms} < ${YEAR_10000} THEN ${ms} END`;
}

/** How many digits a count since 1970 has at most before the point, leading zeros aside, to fall before 10000. */
const EPOCH_WHOLE_DIGITS = { epoch_s: 12, epoch_ms: 15 } as const;

/** 9999-12-31T23:59:59.999Z in epoch milliseconds: the last instant ratecard reads (src/time/yearRange.ts). */
const LATEST_MS = YEAR_10000 - 1;

/**
 * The epoch milliseconds of a count since 1970 written as text (`timestamp: "epoch_s"` or `"epoch_ms"`),
 * read exactly as the in-memory engine reads it (src/time/epochInstant.ts), NULL where it refuses it. The
 * text must be a plain decimal: digits, then a point and digits optionally (no sign, exponent or space;
 * "-0" and "-0.0" are 0). Never through a float: the whole seconds and the first three fraction digits
 * are read as integers and added (1.005 s = 1 × 1000 + 005 = 1005 ms, where a double gives 1004.99…),
 * so digits finer than the millisecond floor to it (1.0059 s = 1005 ms). A count with more whole digits
 * than the year 9999 has, or past 9999-12-31T23:59:59.999Z, is NULL.
 */
export function epochInstantSql(text: string, unit: "epoch_s" | "epoch_ms", dialect: SqlDialect): string {
  // Leading zeros dropped, one digit kept ("0001770000000" is 1770000000, "00.5" is 0.5).
  const trimmed = dialect.regexReplace(text, "^0+([0-9])", "\\1");
  const whole = dialect.asInteger(dialect.regexReplace(trimmed, "\\..*$", ""));
  // The fraction's first three digits, padded with zeros: its whole milliseconds.
  const fraction = dialect.regexReplace(trimmed, "^[0-9]+\\.?", "");
  const milliseconds = dialect.asInteger(dialect.substring(`${fraction} || '000'`, "1", "3"));
  const ms = unit === "epoch_s" ? `(${whole} * 1000 + ${milliseconds})` : whole;
  const readable = `^0*[0-9]{1,${EPOCH_WHOLE_DIGITS[unit]}}(\\.[0-9]+)?$`;
  return `CASE WHEN ${dialect.matches(text, "^-0+(\\.0+)?$")} THEN 0 WHEN ${dialect.matches(text, readable)} THEN CASE WHEN ${ms} <= ${LATEST_MS} THEN ${ms} END END`;
}
