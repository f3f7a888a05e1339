import * as z from "zod/mini";
import { contractSchema } from "./contract.js";

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
