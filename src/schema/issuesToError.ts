import type * as z from "zod/mini";
import {
  ContractError,
  describeValue,
  InputError,
  invalidInput,
  type JsonPath,
  jsonTextHint,
  missingField,
  type RatecardError,
  type RatecardErrorCode,
  toJsonPath,
  UsageError,
  unknownField,
} from "../errors/index.js";
import { choiceHint, splitHint } from "./choiceHint.js";
import { closestChoice } from "./closestChoice.js";
import { fieldsAt } from "./fieldsAt.js";
import { otherFieldName } from "./otherFieldNames.js";

/** One problem found in an input, as data. */
export interface InputProblem {
  readonly code: RatecardErrorCode;
  readonly path: JsonPath;
  readonly message: string;
}

/**
 * Turns zod issues into ratecard problems with JSON paths and sentences a specialist understands,
 * e.g. `charges[2].price.tiers[1].upTo must be greater than 1000, the previous tier's upTo`.
 */
export function toProblems(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  input: unknown,
  basePath: ReadonlyArray<PropertyKey> = [],
  schema?: z.core.$ZodType,
) {
  const missing = missingFields(issues, input);
  const refusedUnknown = new Set(
    issues.filter((issue) => issue.code === "unrecognized_keys").map((issue) => toJsonPath(issue.path)),
  );
  return issues.flatMap((issue): InputProblem[] => {
    const segments = [...basePath, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      // A required field of this object left out whose name is close is most likely what the unknown
      // one meant (`unit_price` for `unitPrice`); else, given the schema, any field the object may have
      // and does not (`up_to` for the optional `upTo`).
      const lacking = missing.get(toJsonPath(issue.path)) ?? [];
      const unused = schema === undefined ? [] : unusedFields(schema, issue.path, input);
      return issue.keys.map((key) => {
        const path = toJsonPath([...segments, key]);
        const meant =
          closestChoice(key, lacking) ??
          otherFieldName(key, [...lacking, ...unused]) ??
          closestChoice(key, unused);
        return { ...unknownField(path, meant), path };
      });
    }
    const path = toJsonPath(segments);
    const subject = path === "" ? "the input" : path;
    // A field left out is "required", whatever zod says about it.
    if (issue.code !== "custom" && valueAt(input, issue.path) === undefined) {
      const object = issue.path.slice(0, -1);
      const keptUnknown =
        schema === undefined || refusedUnknown.has(toJsonPath(object))
          ? undefined
          : keptFieldMeaning(schema, issue.path, input, missing.get(toJsonPath(object)) ?? []);
      const writtenAs =
        keptUnknown === undefined
          ? undefined
          : { path: toJsonPath([...basePath, ...object, keptUnknown]), field: String(issue.path.at(-1)) };
      return [{ ...missingField(subject, writtenAs), path }];
    }
    const custom =
      issue.code === "custom" ? (issue.params as { code?: RatecardErrorCode } | undefined) : undefined;
    const code: RatecardErrorCode = custom?.code ?? "invalid_field";
    const rest = describeIssue(issue, valueAt(input, issue.path));
    return [{ code, path, message: `${subject}${readsAfterSubject(rest) ? " " : ": "}${rest}` }];
  });
}

// The required fields each object of the input left out, by the object's path: the names an unknown
// field beside them may have meant.
function missingFields(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  input: unknown,
): ReadonlyMap<string, ReadonlyArray<string>> {
  const byObject = new Map<string, string[]>();
  for (const issue of issues) {
    const field = issue.path.at(-1);
    if (issue.code === "custom" || typeof field !== "string" || valueAt(input, issue.path) !== undefined)
      continue;
    const object = toJsonPath(issue.path.slice(0, -1));
    byObject.set(object, [...(byObject.get(object) ?? []), field]);
  }
  return byObject;
}

// Whether a sentence continues its subject ("must be …", "overlaps …") or stands after it on its own ("a
// percentile meter ranks window samples; …", "only a percentile meter takes …"), which reads after a
// colon: "meters[0].window: a percentile meter ranks …" rather than "meters[0].window a percentile …".
function readsAfterSubject(rest: string): boolean {
  return !/^(a|an|the|give|only|no)\b/.test(rest);
}

// Where a schema keeps the fields it does not know (a reader of issued invoices), no problem names a
// misspelt one (`contractID`): the field it stands for is only missing. The unknown field of the same
// object that most likely meant the missing field at `path` (as an unknown field's problem would pick it
// among the fields its object lacks); undefined when none does.
function keptFieldMeaning(
  schema: z.core.$ZodType,
  path: ReadonlyArray<PropertyKey>,
  input: unknown,
  lacking: ReadonlyArray<string>,
): string | undefined {
  const field = path.at(-1);
  const object = valueAt(input, path.slice(0, -1));
  if (typeof field !== "string" || object === null || typeof object !== "object" || Array.isArray(object))
    return undefined;
  const known = new Set(fieldsAt(schema, path.slice(0, -1)));
  return Object.keys(object).find(
    (key) => !known.has(key) && (closestChoice(key, lacking) ?? otherFieldName(key, lacking)) === field,
  );
}

// The fields the schema allows in the object at `path` that the input's object does not have.
function unusedFields(schema: z.core.$ZodType, path: ReadonlyArray<PropertyKey>, input: unknown): string[] {
  const object = valueAt(input, path);
  const has = (field: string) =>
    object !== null && typeof object === "object" && Object.hasOwn(object, field);
  return fieldsAt(schema, path).filter((field) => !has(field));
}

// The value the input holds at `path`; undefined when the path leads nowhere.
function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node: unknown = input;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

// zod's own messages ("Invalid input: expected string, received number", "Too small: expected string to
// have >=1 characters", "Invalid string: must match pattern /…/") are for developers; ratecard's schemas
// give their own where it matters. A message in zod's words is replaced by one built from the issue.
function isZodWording(message: string): boolean {
  return /^(Invalid|Too small|Too big)\b/.test(message);
}

// A schema's own message may be written "expected a date such as …": after the path it reads "must be …".
function asRequirement(message: string): string {
  return message.replace(/^expected /, "must be ");
}

/**
 * One zod issue as the rest of a sentence after the path: what was expected, and what was found
 * ("must be a decimal number …, not the text \"abc\""). Never zod's wording, never a regex.
 */
function describeIssue(issue: z.core.$ZodIssue, found: unknown): string {
  const { requirement, hint } = splitHint(issue.message);
  const own = isZodWording(requirement) ? undefined : asRequirement(requirement);
  // After the value found, what it most likely meant: the schema's own hint, else the closest choice.
  // An object's JSON passed as its text (a file read and not parsed): say to parse it.
  const after =
    hint ??
    (issue.code === "invalid_type" && issue.expected === "object" ? jsonTextHint(found) : undefined) ??
    choiceHint(found, choicesOf(issue));
  const not = `, not ${describeValue(found)}${after === undefined ? "" : `; ${after}`}`;
  switch (issue.code) {
    case "invalid_type":
      // A field refused in this shape whatever its value (z.never() with a sentence of its own): the
      // sentence says why; the value found is beside the point.
      if (issue.expected === "never" && own !== undefined) return own;
      return `${own ?? `must be ${typeWords(issue.expected)}`}${not}`;
    case "invalid_value":
      return `${own ?? `must be ${oneOf(issue.values)}`}${not}`;
    case "invalid_format":
      return `${own ?? `must be ${formatWords(issue.format)}`}${not}`;
    case "invalid_union":
      return `${own ?? `must be ${unionWords(issue.errors)}`}${not}`;
    case "too_small":
      return own ?? sizeWords(issue.origin, "at least", issue.minimum, issue.inclusive !== false, found);
    case "too_big":
      return own ?? sizeWords(issue.origin, "at most", issue.maximum, issue.inclusive !== false, found);
    case "not_multiple_of":
      return own ?? `must be a multiple of ${String(issue.divisor)}${not}`;
    case "invalid_key":
      return own ?? "has a field name that is not allowed here";
    case "invalid_element":
      return own ?? "has an entry that is not valid";
    default:
      // A refinement's own sentence (an instant that is none): its hint, when it has one, follows it.
      return hint === undefined ? requirement : `${requirement}; ${hint}`;
  }
}

// The texts an issue allowed: an enum's or literal's values, a discriminated union's tags (zod lists
// them on the issue as `options`); none for other issues.
function choicesOf(issue: z.core.$ZodIssue): ReadonlyArray<string> {
  const listed =
    issue.code === "invalid_value"
      ? issue.values
      : issue.code === "invalid_union"
        ? (issue as { readonly options?: ReadonlyArray<unknown> }).options
        : undefined;
  return (listed ?? []).filter((value): value is string => typeof value === "string");
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  object: "an object ({ … })",
  array: "a list ([ … ])",
  null: "null",
  undefined: "left out",
  date: "a date",
  // z.never(): a field the schema knows but that this shape may not have (a bucket's `values` when the
  // meter keeps none), where zod's word would read "must be a never".
  never: "left out (ratecard keeps no such field here)",
};

function typeWords(expected: string): string {
  return TYPE_WORDS[expected] ?? `a ${expected}`;
}

function oneOf(values: ReadonlyArray<unknown>): string {
  const texts = values.map((value) => JSON.stringify(value) ?? String(value));
  return texts.length === 1 ? `${texts[0]}` : `one of ${texts.join(", ")}`;
}

function formatWords(format: string): string {
  if (format === "regex") return "text in the expected format";
  if (format === "email") return "an email address";
  if (format === "url") return "a URL";
  return `${format} text`;
}

// "text, a number, true or false, or null": the types a union accepts, when each option is a type.
function unionWords(options: ReadonlyArray<ReadonlyArray<z.core.$ZodIssue>>): string {
  const words = options.map((issues) => {
    const [first] = issues;
    if (first?.code === "invalid_type") return typeWords(first.expected);
    if (first?.code === "invalid_value") return oneOf(first.values);
    return undefined;
  });
  if (words.length === 0 || words.some((word) => word === undefined)) return "one of the accepted forms";
  const unique = [...new Set(words as string[])];
  return unique.length === 1
    ? `${unique[0]}`
    : `${unique.slice(0, -1).join(", ")}${unique.length > 2 ? "," : ""} or ${unique.at(-1)}`;
}

function sizeWords(
  origin: string,
  bound: "at least" | "at most",
  limit: number | bigint,
  inclusive: boolean,
  found: unknown,
): string {
  const n = Number(limit);
  if (origin === "string") {
    const length = typeof found === "string" ? ` (it has ${found.length})` : "";
    if (bound === "at least" && n === 1) return "must not be empty";
    return `must be ${bound} ${n} character${n === 1 ? "" : "s"} long${length}`;
  }
  if (origin === "array" || origin === "set") {
    const length = Array.isArray(found) ? ` (it has ${found.length})` : "";
    if (bound === "at least" && n === 1) return "must list at least one entry";
    return `must list ${bound} ${n} entr${n === 1 ? "y" : "ies"}${length}`;
  }
  const comparison =
    bound === "at least"
      ? inclusive
        ? `${String(limit)} or more`
        : `more than ${String(limit)}`
      : inclusive
        ? `${String(limit)} or less`
        : `less than ${String(limit)}`;
  return `must be ${comparison}, not ${describeValue(found)}`;
}

/** Builds the error thrown for a list of problems: the first one leads, all are in `details.problems`. */
export function toInputError(
  kind: "contract" | "usage" | "input",
  problems: ReadonlyArray<InputProblem>,
): RatecardError {
  const first = problems[0] ?? { ...invalidInput(), path: "" };
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
  const ErrorClass = kind === "contract" ? ContractError : kind === "usage" ? UsageError : InputError;
  return new ErrorClass(first.code, first.path, `${first.message}.${more}`, { problems });
}
