import { describe, expect, it } from "vitest";
import { contractJsonSchema } from "../../src/contracts/index.js";

type Schema = {
  type?: string;
  additionalProperties?: unknown;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
};

describe("contractJsonSchema", () => {
  const schema = contractJsonSchema() as Schema & Record<string, unknown>;

  it("describes an object that refuses unknown fields at the top", () => {
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
  });

  it("lists charges and meters as arrays that may be left out, and the other top-level fields", () => {
    expect(schema.properties?.charges?.type).toBe("array");
    expect(schema.properties?.meters?.type).toBe("array");
    // A list left out means none (docs/contracts.md#lists-left-out): only these seven must be written.
    expect(schema.required).toEqual([
      "schemaVersion",
      "id",
      "customer",
      "currency",
      "timeZone",
      "billing",
      "term",
    ]);
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(["customUnits", "rounding", "metadata"]),
    );
  });

  it("names itself with a title and an $id", () => {
    expect(schema.title).toBe("ratecard contract");
    expect(typeof schema.$id).toBe("string");
    expect(typeof schema.$schema).toBe("string");
  });

  it("is plain JSON and the same on every call", () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(JSON.stringify(contractJsonSchema())).toBe(JSON.stringify(schema));
  });
});
