import { toJsonPath } from "../errors/index.js";
import { Decimal, decimalsOfText, toFixedString } from "../money/index.js";

/** One field where the recomputed invoice differs from the expected one. */
export interface Difference {
  /** JSON path of the field in the expected invoice (in the recomputed one for an added field). */
  readonly path: string;
  /** The expected value as JSON text; absent when the field is only in the recomputed invoice. */
  readonly expected?: string;
  /** The recomputed value as JSON text; absent when the recomputed invoice has no such field. */
  readonly actual?: string;
  /** The id of the invoice line the field belongs to, when it belongs to one. */
  readonly lineId?: string;
  /**
   * True when the difference is the order of a list matched by id (`lines`, `credits`): `expected` and
   * `actual` are then the ids both sides have, in each side's order.
   */
  readonly order?: true;
  /**
   * recomputed − expected, signed ("+40.00", "-0.01"), in the finer of the two values' decimals: present
   * when both are decimal texts (amounts and quantities), so a reviewer or a script need not subtract.
   */
  readonly delta?: string;
  /**
   * For an id written down that the document does not bill (a line, a discount, a credit of
   * expected-figures.json): the id of one it bills that is not written down and whose name is close,
   * most likely the one meant (`bandwidth_apac` for `bandwidth_ap`).
   */
  readonly likelyId?: string;
}

type Json = unknown;
type Segment = string | number;

// Arrays whose items carry an `id`: matched by id, not by position, so a line added or removed in the
// middle is reported as that one line instead of a shift of every line after it.
const BY_ID = new Set(["lines", "credits"]);

// Where the walk is: the path so far, the line it is inside (if any), and the differences found.
interface At {
  readonly path: ReadonlyArray<Segment>;
  readonly lineId: string | undefined;
  readonly out: Difference[];
}

/**
 * The fields where `actual` differs from `expected`, in the expected document's order (fields only in
 * `actual` follow). Values are compared as JSON text, so "10.00" and "10.0" differ, as they do on paper.
 */
export function invoiceDifferences(expected: Json, actual: Json): Difference[] {
  const out: Difference[] = [];
  walk(expected, actual, { path: [], lineId: undefined, out });
  return out;
}

function walk(expected: Json, actual: Json, at: At): void {
  if (isRecord(expected) && isRecord(actual)) walkRecord(expected, actual, at);
  else if (Array.isArray(expected) && Array.isArray(actual)) {
    const key = at.path[at.path.length - 1];
    if (at.path.length === 1 && typeof key === "string" && BY_ID.has(key) && allHaveIds(expected, actual))
      walkById(expected, actual, at);
    else walkArray(expected, actual, at);
  } else if (JSON.stringify(expected) !== JSON.stringify(actual)) report(at, [], expected, actual);
}

function walkRecord(
  expected: Readonly<Record<string, Json>>,
  actual: Readonly<Record<string, Json>>,
  at: At,
): void {
  for (const [key, value] of Object.entries(expected)) {
    if (Object.hasOwn(actual, key)) walk(value, actual[key], { ...at, path: [...at.path, key] });
    else report(at, [key], value, undefined);
  }
  for (const [key, value] of Object.entries(actual))
    if (!Object.hasOwn(expected, key)) report(at, [key], undefined, value);
}

function walkArray(expected: ReadonlyArray<Json>, actual: ReadonlyArray<Json>, at: At): void {
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    if (index >= actual.length) report(at, [index], expected[index], undefined);
    else if (index >= expected.length) report(at, [index], undefined, actual[index]);
    else walk(expected[index], actual[index], { ...at, path: [...at.path, index] });
  }
}

// Lines (and credits) by id: the path keeps the expected item's position; an item only in the
// recomputed invoice is named by its own position there.
function walkById(expected: ReadonlyArray<Json>, actual: ReadonlyArray<Json>, at: At): void {
  const actualById = new Map(actual.map((item) => [idOf(item), item]));
  const expectedIds = new Set(expected.map(idOf));
  const inItem = (item: Json): At => ({ ...at, lineId: at.path[0] === "lines" ? idOf(item) : undefined });
  // Matching by id must not hide a change of order: line order is part of an invoice's canonical form.
  const expectedOrder = expected.map(idOf).filter((id) => actualById.has(id));
  const actualOrder = actual.map(idOf).filter((id) => expectedIds.has(id));
  if (JSON.stringify(expectedOrder) !== JSON.stringify(actualOrder))
    at.out.push({
      path: toJsonPath(at.path),
      order: true,
      expected: JSON.stringify(expectedOrder),
      actual: JSON.stringify(actualOrder),
    });
  for (const [index, item] of expected.entries()) {
    const match = actualById.get(idOf(item));
    if (match === undefined) report(inItem(item), [index], item, undefined);
    else walk(item, match, { ...inItem(item), path: [...at.path, index] });
  }
  for (const [index, item] of actual.entries())
    if (!expectedIds.has(idOf(item))) report(inItem(item), [index], undefined, item);
}

// A value absent on one side is `undefined` there (JSON has no undefined, so it cannot be confused).
function report(at: At, segments: ReadonlyArray<Segment>, expected: Json, actual: Json): void {
  const delta = deltaOf(expected, actual);
  at.out.push({
    path: toJsonPath([...at.path, ...segments]),
    ...(expected === undefined ? {} : { expected: JSON.stringify(expected) }),
    ...(actual === undefined ? {} : { actual: JSON.stringify(actual) }),
    ...(at.lineId === undefined ? {} : { lineId: at.lineId }),
    ...(delta === undefined ? {} : { delta }),
  });
}

/** How far apart two decimal texts are ("7663.78" → "7703.78": "+40.00"); undefined for anything else. */
export function deltaOf(expected: Json, actual: Json): string | undefined {
  if (!isDecimalText(expected) || !isDecimalText(actual)) return undefined;
  const decimals = Math.max(decimalsOfText(expected), decimalsOfText(actual));
  const delta = new Decimal(actual).minus(expected);
  return `${delta.isNegative() ? "" : "+"}${toFixedString(delta, decimals)}`;
}

// Amounts and quantities are written as strings of plain decimals.
const DECIMAL = /^-?\d+(\.\d+)?$/;

function isDecimalText(value: Json): value is string {
  return typeof value === "string" && DECIMAL.test(value);
}

function allHaveIds(...arrays: ReadonlyArray<ReadonlyArray<Json>>): boolean {
  return arrays.every((items) => {
    const ids = items.map(idOf);
    return ids.every((id) => id !== "") && new Set(ids).size === ids.length;
  });
}

function idOf(item: Json): string {
  return isRecord(item) && typeof item.id === "string" ? item.id : "";
}

function isRecord(value: Json): value is Readonly<Record<string, Json>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
