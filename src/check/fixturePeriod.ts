import { fixturePeriodRefused, InputError, isRatecardError } from "../errors/index.js";
import type { Invoice } from "../invoice/index.js";
import { parsePeriod } from "../time/index.js";
import type { ExpectedFigures } from "./expectedFigures.js";

/** Which file of a fixture names the period rated, the field it is in, and the period as written. */
export interface PeriodSource {
  readonly file: "expected.json" | "expected-figures.json" | "fixture.json";
  readonly path: string;
  readonly period: string;
}

/**
 * The period a fixture rates: expected.json's (the invoice written down says which it is), else
 * expected-figures.json's `period`, else fixture.json's; undefined when none names one.
 */
export function periodSource(
  expected: Invoice | undefined,
  figures: ExpectedFigures | undefined,
  named: string | undefined,
): PeriodSource | undefined {
  if (expected !== undefined)
    return { file: "expected.json", path: "period.label", period: expected.period.label };
  if (figures?.period !== undefined)
    return { file: "expected-figures.json", path: "period", period: figures.period };
  return named === undefined ? undefined : { file: "fixture.json", path: "period", period: named };
}

/**
 * Why the periods a fixture's files name cannot all be the one rated, or undefined when they agree:
 * fixture.json and expected-figures.json name the period only where a file before them does not, and
 * once two do they must agree, or the check would quietly rate one file's month while finance believes
 * the other's is checked. Agreeing is lying within: a month named for a contract that starts on the 12th
 * rates from the 12th.
 */
export function periodConflict(
  named: string | undefined,
  figures: ExpectedFigures | undefined,
  expected: Invoice | undefined,
  timeZone: string,
): string | undefined {
  const figuresPeriod = figures?.period;
  if (expected !== undefined) {
    const rated = { start: Date.parse(expected.period.start), end: Date.parse(expected.period.end) };
    if (named !== undefined && !holds(read("fixture.json", named, timeZone), rated))
      return `fixture.json names the period ${named}, but expected.json is the invoice for ${expected.period.label}: correct one of them (or delete fixture.json, which only names the period until expected.json is written)`;
    if (figuresPeriod !== undefined && !holds(read("expected-figures.json", figuresPeriod, timeZone), rated))
      return `expected-figures.json names the period ${figuresPeriod}, but expected.json is the invoice for ${expected.period.label}: correct one of them`;
    return undefined;
  }
  if (named === undefined || figuresPeriod === undefined) return undefined;
  const rated = read("expected-figures.json", figuresPeriod, timeZone);
  return holds(read("fixture.json", named, timeZone), rated)
    ? undefined
    : `fixture.json names the period ${named}, but expected-figures.json names ${figuresPeriod}: correct one of them (or delete fixture.json, which only names the period until a file of expected figures does)`;
}

/**
 * Runs `rate` with the period read from a file of the fixture: a period that is not understood names
 * that file and field, not the rating call's argument.
 */
export function withPeriodSource<T>({ file, path }: Pick<PeriodSource, "file" | "path">, rate: () => T): T {
  try {
    return rate();
  } catch (error) {
    if (isRatecardError(error) && error.code === "invalid_period" && error.path === "period")
      throw InputError.from(fixturePeriodRefused(file, error.message), path);
    throw error;
  }
}

function read(file: PeriodSource["file"], period: string, timeZone: string) {
  return withPeriodSource({ file, path: "period" }, () => parsePeriod(period, timeZone));
}

function holds(
  outer: { readonly start: number; readonly end: number },
  inner: { readonly start: number; readonly end: number },
) {
  return outer.start <= inner.start && inner.end <= outer.end;
}
