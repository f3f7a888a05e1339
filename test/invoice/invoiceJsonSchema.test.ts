import { describe, expect, it } from "vitest";
import { invoiceJsonSchema } from "../../src/index.js";

// The published JSON Schema of invoice format 1 (`ratecard schema invoice`); test/schema and test/cli
// validate invoices against it, this checks its identity and a few fields a reader relies on.
describe("invoiceJsonSchema", () => {
  it("is the draft 2020-12 schema of invoice version 1, open to fields later 1.x versions add", () => {
    const schema = invoiceJsonSchema();
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe("https://ratecard.dev/schema/invoice-v1.json");
    expect(schema.title).toBe("ratecard invoice");
    expect(schema.type).toBe("object");
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).toEqual(expect.arrayContaining(["schemaVersion", "lines", "total"]));
    expect(properties.lines?.type).toBe("array");
    expect(schema.required).toEqual(expect.arrayContaining(["schemaVersion", "lines", "total"]));
    // A reader of version 1 ignores unknown fields: the schema must not forbid them.
    expect(schema.additionalProperties).not.toBe(false);
  });

  it("is a fresh object each call, so a caller editing it cannot change the next one", () => {
    const first = invoiceJsonSchema();
    first.title = "edited";
    expect(invoiceJsonSchema().title).toBe("ratecard invoice");
  });
});
