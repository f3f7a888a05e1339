import type { Message } from "./message.js";

// The sentences of src/pricing: rating a quantity with a price.

/** A negative quantity given to a price. */
export function negativeQuantity(model: string, quantity: string): Message {
  return {
    code: "negative_quantity",
    message: `A ${model} price cannot rate the negative quantity ${quantity}; check the usage for corrections that exceed it.`,
  };
}

/** A percentage price rated from a total without the transactions it is made of. */
export function eventValuesRequired(total: string): Message {
  return {
    code: "invalid_field",
    message: `A percentage price needs each transaction's value, not only the total ${total}; rate it through a contract or pass context.eventValues.`,
  };
}

/** Usage beyond every capacity tier's limits; `usage` lists each limited meter and its quantity. */
export function capacityExceeded(usage: ReadonlyArray<string>): Message {
  return {
    code: "capacity_exceeded",
    message: `Usage (${usage.join(", ")}) exceeds the limits of every capacity tier; add a larger tier to the contract.`,
  };
}
