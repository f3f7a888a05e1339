import * as z from "zod/mini";
import { loosen } from "../schema/index.js";
import { invoiceSchema } from "./invoiceSchema.js";

/**
 * The JSON Schema (draft 2020-12) of the invoice format, version 1, as a reader should apply it: every
 * field ratecard writes, with its type and pattern, and unknown fields allowed at every depth, since later
 * 1.x versions may add fields and a reader of version 1 ignores them (docs/decisions/versioning.md).
 * The digest cannot be checked by a schema; `parseInvoice` checks it.
 */
export function invoiceJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(loosen(invoiceSchema), { io: "output", unrepresentable: "any" }),
    title: "ratecard invoice",
    $id: "https://ratecard.dev/schema/invoice-v1.json",
  };
}
