import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContract } from "../../src/contracts/index.js";
import { isRatecardError, toJsonPath } from "../../src/errors/index.js";
import {
  type Invoice,
  invoiceJsonSchema,
  invoiceSchema,
  PRICE_KINDS,
  parseInvoice,
  safeParseInvoice,
} from "../../src/invoice/index.js";
import { ratePrice } from "../../src/pricing/index.js";
import { withDigest } from "../../src/schema/index.js";
import { fixtureContractJson } from "../_arbitraries/contracts.js";
import { priceArb, ratedInputArb } from "../_arbitraries/prices.js";
import { thrown } from "../_support/thrown.js";

// What a reader of invoice format 1 does (docs/decisions/versioning.md): it ignores, and keeps, fields a
// later 1.x version adds, anywhere in the document; contracts stay strict.
const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
const invoices = ["cdn-basic", "cdn-commitment", "saas-seats"].map(
  (name) => JSON.parse(readFileSync(join(FIXTURES, name, "expected.json"), "utf8")) as Invoice,
);

// Maps keyed by data (metadata keys, group dimensions, meter ids), where a new key is a new entry, not a
// new field of the format.
const MAPS = new Set(["metadata", "group", "where", "carryOut"]);

// Every object with fixed fields inside a document, by its path of keys and indices.
function objectPaths(
  value: unknown,
  path: ReadonlyArray<string | number> = [],
): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectPaths(item, [...path, index]));
  if (value === null || typeof value !== "object") return [];
  const own = MAPS.has(String(path.at(-1))) ? [] : [[...path]];
  return [...own, ...Object.entries(value).flatMap(([key, item]) => objectPaths(item, [...path, key]))];
}

function objectAt(document: unknown, path: ReadonlyArray<string | number>): Record<string, unknown> {
  let node = document as Record<string | number, unknown>;
  for (const segment of path) node = node[segment] as Record<string | number, unknown>;
  return node as Record<string, unknown>;
}

function withFieldAt(document: unknown, path: ReadonlyArray<string | number>, key: string, value: unknown) {
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let node = copy;
  for (const segment of path) node = node[segment] as Record<string | number, unknown>;
  node[key] = value;
  return copy;
}

const newFieldArb = fc.record({
  invoice: fc.constantFrom(...invoices),
  pick: fc.nat(),
  // a name no version-1 object uses (and not "digest" or "__proto__", which mean something else)
  key: fc.stringMatching(/^x[A-Za-z]{1,8}$/),
  value: fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.dictionary(fc.string(), fc.string()),
  ),
});

describe("reading invoices of a later 1.x version", () => {
  it("accepts and keeps a field added to any object of the invoice, when the invoice is sealed with it", () => {
    fc.assert(
      fc.property(newFieldArb, ({ invoice, pick, key, value }) => {
        const paths = objectPaths(invoice);
        const path = paths[pick % paths.length]!;
        const later = withDigest<Invoice>(withFieldAt(invoice, path, key, value) as unknown as Invoice);
        // nothing is dropped: the invoice read back is the document as written, new field included
        expect(parseInvoice(structuredClone(later))).toEqual(later);
      }),
    );
  });

  it("never refuses a field renamed in case alone for more than the field it stands for, and names it then", () => {
    // A program that renames a field (contractId as contractID) and seals the invoice again: an optional
    // field renamed is an unknown field, kept as before; a required one is missing_field at its own path,
    // and the sentence names the renamed field at its path with "did you mean".
    const renameArb = fc.record({ invoice: fc.constantFrom(...invoices), pick: fc.nat(), field: fc.nat() });
    fc.assert(
      fc.property(renameArb, ({ invoice, pick, field }) => {
        const paths = objectPaths(invoice).filter((path) => {
          const keys = Object.keys(objectAt(invoice, path)).filter((key) => key !== "digest");
          return keys.some((key) => key.toUpperCase() !== key);
        });
        const path = paths[pick % paths.length]!;
        const object = objectAt(invoice, path);
        const keys = Object.keys(object).filter((key) => key !== "digest" && key.toUpperCase() !== key);
        const key = keys[field % keys.length]!;
        const renamed = structuredClone(invoice) as unknown as Record<string, unknown>;
        const target = objectAt(renamed, path);
        target[key.toUpperCase()] = target[key];
        delete target[key];
        const later = withDigest<Invoice>(renamed as unknown as Invoice);
        const result = safeParseInvoice(structuredClone(later));
        if (result.success) {
          expect(result.data).toEqual(later);
          return;
        }
        const at = toJsonPath([...path, key]);
        const problems = (result.error.details as { problems: Array<{ path: string; message: string }> })
          .problems;
        const named = problems.find((problem) => problem.path === at);
        expect(named?.message).toContain(
          `${toJsonPath([...path, key.toUpperCase()])} is not a field ratecard knows: did you mean ${JSON.stringify(key)}?`,
        );
      }),
    );
  });

  it("still refuses the same field with the writer's own schema, and in a contract", () => {
    const later = { ...invoices[0]!, dunning: "stage 2" };
    expect(invoiceSchema.safeParse(later).success).toBe(false);
    expect(
      thrown(() => parseContract({ ...fixtureContractJson("cdn-basic"), dunning: "stage 2" })),
    ).toMatchObject({
      code: "unknown_field",
      path: "dunning",
    });
  });

  it("publishes a JSON Schema that allows unknown fields and keeps unitPrice numeric", () => {
    const schema = invoiceJsonSchema();
    const text = JSON.stringify(schema);
    expect(text).not.toContain('"additionalProperties":false');
    expect(schema).toMatchObject({
      $id: "https://ratecard.dev/schema/invoice-v1.json",
      title: "ratecard invoice",
    });
    const shape = schema as {
      properties: { lines: { items: { properties: Record<string, { enum?: unknown }> } } };
      required: string[];
    };
    const line = shape.properties.lines.items.properties;
    expect(line.priceKind?.enum).toEqual([...PRICE_KINDS]);
    expect(line.unitPrice).toEqual({ type: "string", pattern: "^-?\\d+(\\.\\d+)?$" });
    expect(shape.required).toEqual(expect.arrayContaining(["contractDigest", "digest", "lines", "total"]));
  });
});

describe("unitPrice and priceKind", () => {
  it("a price gives a numeric unitPrice exactly when its kind is unit, and a known kind always", () => {
    fc.assert(
      fc.property(priceArb, ratedInputArb, (price, { quantity, context }) => {
        let result: ReturnType<typeof ratePrice>;
        try {
          result = ratePrice(price, quantity, context);
        } catch (error) {
          // a capacity price whose tiers the usage exceeds prices nothing: a typed refusal, not a line
          expect(isRatecardError(error) && error.code === "capacity_exceeded").toBe(true);
          return;
        }
        expect(PRICE_KINDS).toContain(result.priceKind);
        expect(result.unitPrice !== undefined).toBe(result.priceKind === "unit");
        if (result.unitPrice !== undefined) expect(result.unitPrice).toMatch(/^-?\d+(\.\d+)?$/);
      }),
    );
  });
});
