import { contractJsonSchema, invoiceJsonSchema } from "../index.js";
import { parseFlags, write } from "./cliSupport.js";

// `ratecard schema` prints the contract's JSON Schema; `--invoice`, the invoice's.
export function schemaCommand(args: ReadonlyArray<string>): number {
  const { values } = parseFlags({
    args: [...args],
    options: { invoice: { type: "boolean", default: false } },
  });
  const schema = values.invoice ? invoiceJsonSchema() : contractJsonSchema();
  write(`${JSON.stringify(schema, null, 2)}\n`);
  return 0;
}
