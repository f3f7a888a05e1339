import ts from "typescript";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "./sourceFiles.js";

// Every sentence an error or a zod issue carries lives in the catalogue, src/errors/messages/
// (docs/architecture.md, "Errors and messages"). Outside it, a message is always passed on: a catalogue
// problem, or a reason a parser in src/money or src/time computed. The scan parses each file as the
// compiler does and looks at the argument that is the message:
// - ratecardIssue(code, message, path): the second;
// - issueOf(problem, path) and SomeError.from(problem, path): the first, when it is an object literal,
//   its `message` property;
// - new RatecardError / ContractError / UsageError / InputError (code, path, message): the third;
// - any other new …Error(message): the first.
// It refuses a string literal, a template literal, or a `+` that joins one. InvariantError is exempt (its
// sentences report ratecard's own bugs, not the input), and so are src/cli (its own catalogue,
// src/cli/messages.ts, reached through the public API) and the catalogue itself.
const RATECARD_ERRORS: ReadonlySet<string> = new Set([
  "RatecardError",
  "ContractError",
  "UsageError",
  "InputError",
]);

function isSentence(node: ts.Expression | undefined): boolean {
  if (node === undefined) return false;
  if (ts.isParenthesizedExpression(node)) return isSentence(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
    return true;
  return (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
    (isSentence(node.left) || isSentence(node.right))
  );
}

/** The `message` of an object literal written in place of a catalogue problem. */
function messageOfLiteral(node: ts.Expression | undefined): ts.Expression | undefined {
  if (node === undefined || !ts.isObjectLiteralExpression(node)) return undefined;
  for (const property of node.properties) {
    if (ts.isPropertyAssignment(property) && property.name.getText() === "message")
      return property.initializer;
  }
  return undefined;
}

/**
 * For a call or `new` that raises an error or adds an issue, `{ message }`: the argument that is its
 * message (undefined when a catalogue problem or a computed value is passed whole); undefined for others.
 */
function messageArgument(node: ts.Node): { readonly message: ts.Expression | undefined } | undefined {
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
    const name = node.expression.text;
    if (!name.endsWith("Error") || name === "InvariantError") return undefined;
    return { message: node.arguments?.[RATECARD_ERRORS.has(name) ? 2 : 0] };
  }
  if (!ts.isCallExpression(node)) return undefined;
  const callee = node.expression;
  if (ts.isIdentifier(callee) && callee.text === "ratecardIssue") return { message: node.arguments[1] };
  const takesProblem =
    (ts.isIdentifier(callee) && callee.text === "issueOf") ||
    (ts.isPropertyAccessExpression(callee) &&
      callee.name.text === "from" &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text.endsWith("Error"));
  return takesProblem ? { message: messageOfLiteral(node.arguments[0]) } : undefined;
}

interface Scan {
  /** Calls and `new`s that pass a message (to check the scan sees them at all). */
  readonly checked: number;
  /** `path:line` of each that writes its sentence inline. */
  readonly inline: ReadonlyArray<string>;
}

function scan(path: string, text: string): Scan {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let checked = 0;
  const inline: string[] = [];
  const visit = (node: ts.Node): void => {
    const raised = messageArgument(node);
    if (raised !== undefined) {
      checked += 1;
      if (isSentence(raised.message))
        inline.push(`${path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { checked, inline };
}

function isExempt(path: string): boolean {
  return path.startsWith("errors/messages/") || path.startsWith("cli/");
}

describe("error sentences live in the catalogue", () => {
  const scans = sourceFiles()
    .filter(({ path }) => !isExempt(path))
    .map(({ path, text }) => scan(path, text));

  it("passes every error and issue a catalogue problem or a computed reason, never an inline sentence", () => {
    expect(scans.flatMap((result) => result.inline)).toEqual([]);
  });

  it("sees the library's errors and issues (the scan is not looking at nothing)", () => {
    // issueOf and .from calls number over a hundred; a scan that found few would be reading nothing.
    expect(scans.reduce((sum, result) => sum + result.checked, 0)).toBeGreaterThan(100);
  });

  it("would catch each form of inline sentence", () => {
    const lines = [
      'ctx.addIssue(ratecardIssue("invalid_field", "must be after from", ["until"]));',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the scan, not a message
      "ctx.addIssue(ratecardIssue(code, `is ${value}; it must be zero or more`));",
      'ctx.addIssue(issueOf({ code: "invalid_field", message: "give one" }, ["a"]));',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text for the scan, not a message
      'throw ContractError.from({ code: "invalid_field", message: `no ${id}` }, path);',
      'throw new InputError("invalid_field", path, "is " + value);',
      'throw new Error("no such charge");',
    ];
    expect(scan("x.ts", lines.join("\n")).inline).toEqual([
      "x.ts:1",
      "x.ts:2",
      "x.ts:3",
      "x.ts:4",
      "x.ts:5",
      "x.ts:6",
    ]);
  });

  it("lets a catalogue problem, a computed reason and an InvariantError through", () => {
    const lines = [
      'ctx.addIssue(issueOf(contractMessages.endNotAfterStart("from"), ["until"]));',
      "ctx.addIssue(ratecardIssue(parsed.code, parsed.reason));",
      "throw InputError.from(unknownCurrency(path, code), path);",
      "throw new InputError(problem.code, path, problem.message);",
      'throw new InvariantError("A grouped price is rated per group, through its grouping.");',
    ];
    expect(scan("x.ts", lines.join("\n"))).toEqual({ checked: 4, inline: [] });
  });
});
