import { z } from "zod";
import { contractSchema } from "./contract.js";
import { invoiceSchema } from "./invoice.js";
import { loosen } from "./loosen.js";

/**
 * The JSON Schema (draft 2020-12) of the contract format, for editor completion and validation in
 * UAT repositories. It describes the input as written (decimals as strings or numbers).
 */
export function contractJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(contractSchema, { io: "input", unrepresentable: "any" }),
    title: "ratecard contract",
    $id: "https://ratecard.dev/schema/contract-v1.json",
  };
}

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
