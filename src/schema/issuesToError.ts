import type { z } from "zod";
import {
  ContractError,
  InputError,
  type JsonPath,
  type RatecardError,
  type RatecardErrorCode,
  toJsonPath,
  UsageError,
} from "../errors/index.js";

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
) {
  return issues.flatMap((issue): InputProblem[] => {
    const segments = [...basePath, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        code: "unknown_field" as const,
        path: toJsonPath([...segments, key]),
        message: `${toJsonPath([...segments, key])} is not a field ratecard knows here; check the spelling (unknown fields are refused so that a typo is never ignored)`,
      }));
    }
    const path = toJsonPath(segments);
    const subject = path === "" ? "the input" : path;
    if (issue.code !== "custom" && isAbsent(input, issue.path)) {
      return [{ code: "missing_field", path, message: `${subject} is required` }];
    }
    const custom =
      issue.code === "custom" ? (issue.params as { code?: RatecardErrorCode } | undefined) : undefined;
    const code: RatecardErrorCode = custom?.code ?? "invalid_field";
    return [{ code, path, message: `${subject} ${describeIssue(issue)}` }];
  });
}

// True when the input has no value at `path` (the field was left out), whatever zod's message says.
function isAbsent(input: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  let node: unknown = input;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return false;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node === undefined;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `has the wrong type: ${issue.message.replace(/^Invalid input: /, "")}`;
    case "invalid_value":
      return issue.message.startsWith("Invalid")
        ? `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`
        : issue.message;
    case "too_small":
      return issue.message.startsWith("Too small")
        ? `is too small (${issue.message.replace(/^Too small: /, "")})`
        : issue.message;
    case "too_big":
      return issue.message.startsWith("Too big")
        ? `is too big (${issue.message.replace(/^Too big: /, "")})`
        : issue.message;
    case "invalid_format":
      return issue.message.startsWith("Invalid") ? `has the wrong format (${issue.message})` : issue.message;
    default:
      return issue.message;
  }
}

/** Builds the error thrown for a list of problems: the first one leads, all are in `details.problems`. */
export function toInputError(
  kind: "contract" | "usage" | "input",
  problems: ReadonlyArray<InputProblem>,
): RatecardError {
  const first = problems[0] ?? {
    code: "invalid_field" as const,
    path: "",
    message: "the input is not valid",
  };
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
  const ErrorClass = kind === "contract" ? ContractError : kind === "usage" ? UsageError : InputError;
  return new ErrorClass(first.code, first.path, `${first.message}.${more}`, { problems });
}
