import { describe, expect, it } from "vitest";
import {
  currencyPrefix,
  explainLine,
  type Invoice,
  type InvoiceLine,
  invoiceJsonSchema,
  rateInvoice,
} from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";
import { LINE_STEP_CASES } from "./stepCases/lineSteps.js";
import { PRICE_STEP_CASES } from "./stepCases/priceSteps.js";
import type { StepCase } from "./stepCases/stepCase.js";
import { USAGE_STEP_CASES } from "./stepCases/usageSteps.js";

// Every kind of step the invoice's JSON Schema lists (and every kind of computation a usage step can
// carry) is rated into a real line and explained; the sentence must carry the step's numbers. The
// kinds are read from the published schema, not from a list kept here: a new kind without a case in
// stepCases.ts fails below, so no step ships that explain cannot put into words.

type Json = { readonly [key: string]: unknown };
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

/** Every `kind` constant of the object schemas inside `node`, following `$ref`s into `root`. */
function kindsIn(node: unknown, root: Json, seen = new Set<unknown>()): string[] {
  if (!isObject(node) || seen.has(node)) return [];
  seen.add(node);
  if (typeof node.$ref === "string") {
    const target = node.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), root);
    return kindsIn(target, root, seen);
  }
  const properties = isObject(node.properties) ? node.properties : undefined;
  const kind = properties !== undefined && isObject(properties.kind) ? properties.kind : undefined;
  const own = kind === undefined ? [] : typeof kind.const === "string" ? [kind.const] : [];
  const nested = Object.values(node).flatMap((child) =>
    Array.isArray(child) ? child.flatMap((item) => kindsIn(item, root, seen)) : kindsIn(child, root, seen),
  );
  return [...own, ...nested];
}

function stepKindsOfSchema(): string[] {
  const schema = invoiceJsonSchema() as Json;
  const lines = (schema.properties as Json).lines as Json;
  const steps = ((lines.items as Json).properties as Json).steps;
  return [...new Set(kindsIn(steps, schema))].sort();
}

/** The kinds a line holds: its steps' kinds and its usage step's computation kind. */
function kindsOf(line: InvoiceLine): string[] {
  return line.steps.flatMap((step) =>
    step.kind === "usage" && step.computation !== undefined
      ? [step.kind, step.computation.kind]
      : [step.kind],
  );
}

function explained(kind: string, example: StepCase): { line: InvoiceLine; text: string } {
  const contract = buildContract({ id: `ctr_${kind}` }, example.contract);
  const period = example.period ?? "2026-02";
  const invoice: Invoice =
    example.rate === undefined
      ? rateInvoice(contract, example.usage, period, example.options ?? {})
      : example.rate(contract, example.usage, period);
  const line =
    example.line === undefined
      ? invoice.lines.find((candidate) => kindsOf(candidate).includes(kind))
      : invoice.lines.find((candidate) => candidate.id === example.line);
  if (line === undefined) throw new Error(`no line of the ${kind} case holds a ${kind} step`);
  const style = { prefix: currencyPrefix(invoice.currency.code), minorUnits: invoice.currency.minorUnits };
  return { line, text: explainLine(line, style, invoice.period.end) };
}

const SCHEMA_KINDS = stepKindsOfSchema();
const CASE_TABLES = [PRICE_STEP_CASES, LINE_STEP_CASES, USAGE_STEP_CASES];
const STEP_CASES: Readonly<Record<string, StepCase>> = Object.assign({}, ...CASE_TABLES);

describe("every step kind of the invoice schema is explained with its numbers", () => {
  it("finds the step kinds in the published schema", () => {
    // usage, flat and rounding are on almost every invoice; a schema walk that found none would
    // silently test nothing
    expect(SCHEMA_KINDS).toEqual(expect.arrayContaining(["usage", "flat", "rounding", "windows"]));
  });

  it.each(SCHEMA_KINDS)("explains a %s step", (kind) => {
    const example = STEP_CASES[kind];
    if (example === undefined) {
      throw new Error(`step kind "${kind}" has no case in test/explain/stepCases/: add a line that holds it`);
    }
    const { line, text } = explained(kind, example);
    expect(kindsOf(line)).toContain(kind);
    for (const words of example.says) expect(text).toContain(words);
  });

  it("has no case for a kind the schema does not list, and one case per kind", () => {
    expect(Object.keys(STEP_CASES).filter((kind) => !SCHEMA_KINDS.includes(kind))).toEqual([]);
    const listed = CASE_TABLES.flatMap((table) => Object.keys(table));
    expect(listed.length).toBe(new Set(listed).size);
  });
});

describe("a percentile ranked by direction", () => {
  // The percentile case's meter (one day of 288 five-minute samples), at rank 50 and with each direction
  // ranked, the higher billed. One event of 30 Mbit × 300 s in one direction at 10:00, one of 20 in the
  // other at 10:05: each direction has 287 samples of 0 and one above; 50 % of 288 = 144 are discarded,
  // so each ranks 0 and the tie bills the first direction by name.
  const explainedDirections = (first: string, second: string): string => {
    const { contract, period } = USAGE_STEP_CASES.percentile!;
    const direction = { property: "dir", combine: "higher_percentile" } as const;
    const ranked = buildContract(contract, {
      meters: contract.meters?.map((meter) => ({ ...meter, percentile: { rank: "50", direction } })),
    });
    const usage = [
      usageEvent("a", "transit", "2026-02-03T10:00:00Z", { megabits: "9000", dir: first }),
      usageEvent("b", "transit", "2026-02-03T10:05:00Z", { megabits: "6000", dir: second }),
    ];
    const invoice = rateInvoice(ranked, usage, period!);
    const style = { prefix: currencyPrefix(invoice.currency.code), minorUnits: invoice.currency.minorUnits };
    return explainLine(invoice.lines[0]!, style, invoice.period.end);
  };

  it("names the direction billed", () => {
    expect(explainedDirections("in", "out")).toContain(
      "Each direction was ranked; the higher (in) is billed.",
    );
  });

  it("says so in words when the direction billed has an empty name, not with empty brackets", () => {
    // "" sorts before "out": the tie bills the direction written as empty text. Before: "the higher () is billed."
    const text = explainedDirections("", "out");
    expect(text).not.toContain("()");
    expect(text).toContain(
      "Each direction was ranked; the higher, that of the events whose direction is empty text, is billed.",
    );
  });
});
