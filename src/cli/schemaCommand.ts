import { contractJsonSchema, expectedFiguresJsonSchema, invoiceJsonSchema } from "../index.js";
import { UsageLineError, write } from "./cliSupport.js";
import { defineCommand } from "./defineCommand.js";
import { EXIT } from "./exitCodes.js";

// `ratecard schema` prints the contract's JSON Schema; `--invoice`, the invoice's; `--figures`, that of a
// UAT fixture's expected-figures.json.
export const schemaCommand = defineCommand({
  name: "schema",
  summary: "print the JSON Schema of the contract (or, with --invoice, of the invoice)",
  options: {
    invoice: { type: "boolean", description: "the invoice's schema instead of the contract's" },
    figures: {
      type: "boolean",
      description: "the schema of a UAT fixture's expected-figures.json (docs/uat.md)",
    },
    format: {
      type: "string",
      value: "json",
      description: "a JSON Schema is JSON: the only format, accepted so every command takes --format json",
      default: "json",
    },
  },
  examples: [
    "ratecard schema > contract.schema.json",
    "ratecard schema --invoice | jq '.properties | keys'",
    "ratecard schema --figures > expected-figures.schema.json",
  ],
  run: (values) => {
    if (values.format !== "json")
      throw new UsageLineError(`--format must be json (a JSON Schema is JSON), not "${values.format}"`);
    if (values.invoice === true && values.figures === true)
      throw new UsageLineError("--invoice and --figures ask for two schemas: give one of them");
    const schema =
      values.invoice === true
        ? invoiceJsonSchema()
        : values.figures === true
          ? expectedFiguresJsonSchema()
          : contractJsonSchema();
    write(`${JSON.stringify(schema, null, 2)}\n`);
    return EXIT.ok;
  },
});
