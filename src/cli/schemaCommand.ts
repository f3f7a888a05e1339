import { contractJsonSchema, invoiceJsonSchema } from "../index.js";
import { UsageLineError, write } from "./cliSupport.js";
import { defineCommand } from "./defineCommand.js";
import { EXIT } from "./exitCodes.js";

// `ratecard schema` prints the contract's JSON Schema; `--invoice`, the invoice's.
export const schemaCommand = defineCommand({
  name: "schema",
  summary: "print the JSON Schema of the contract (or, with --invoice, of the invoice)",
  options: {
    invoice: { type: "boolean", description: "the invoice's schema instead of the contract's" },
    format: {
      type: "string",
      value: "json",
      description: "a JSON Schema is JSON: the only format, accepted so every command takes --format json",
      default: "json",
    },
  },
  examples: ["ratecard schema > contract.schema.json", "ratecard schema --invoice | jq '.properties | keys'"],
  run: (values) => {
    if (values.format !== "json")
      throw new UsageLineError(`--format must be json (a JSON Schema is JSON), not "${values.format}"`);
    const schema = values.invoice === true ? invoiceJsonSchema() : contractJsonSchema();
    write(`${JSON.stringify(schema, null, 2)}\n`);
    return EXIT.ok;
  },
});
