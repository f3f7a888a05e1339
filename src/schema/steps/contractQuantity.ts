import * as z from "zod/mini";
import { amountTextSchema } from "../amountText.js";

export const contractQuantityStepSchema = z.strictObject({
  /** A quantity fixed by the contract (seats, licences) priced instead of a meter's. */
  kind: z.literal("contract_quantity"),
  quantity: amountTextSchema,
});
export type ContractQuantityStep = z.output<typeof contractQuantityStepSchema>;
