import { InputError, invoiceMessages, isRatecardError, periodMessages, toJsonPath } from "../errors/index.js";
import { RATING_OPTIONS, requireOptions } from "./entryArguments.js";
import type { Invoice } from "./invoiceSchema.js";
import { parseInvoice } from "./parseIssued.js";
import { invoiceProgressiveSchema } from "./progressiveSchema.js";

// The progressive entry points' own options, checked before they are read: from JavaScript an
// `earlier` that is not a list would fail as a TypeError, and a `trigger` of another shape would be
// written into an invoice that parseInvoice and explain then refuse.

/**
 * Refuses options that are not an object, an `earlier` that is not a list, and a `trigger` that is
 * not the one billProgressively records (any trigger, on a closing invoice).
 * @throws InputError `invalid_argument` at `options`, `options.earlier` or `options.trigger`
 */
export function requireProgressiveOptions(options: unknown, stage: "progressive" | "closing"): void {
  requireOptions(options, [...RATING_OPTIONS, "earlier", "trigger"]);
  const { earlier, trigger } = (options ?? {}) as { earlier?: unknown; trigger?: unknown };
  if (earlier !== undefined && !Array.isArray(earlier))
    throw InputError.from(periodMessages.earlierNotList(earlier), "options.earlier");
  if (trigger === undefined) return;
  if (stage === "closing" || !invoiceProgressiveSchema.shape.trigger.safeParse(trigger).success)
    throw InputError.from(periodMessages.triggerRefused(trigger, stage === "closing"), "options.trigger");
}

/**
 * An earlier invoice read as ratecard wrote it, a refusal naming where in `options.earlier` it is.
 * @throws InputError `invalid_argument` at `options.earlier[index]…`
 */
export function parseEarlier(raw: unknown, index: number): Invoice {
  try {
    return parseInvoice(raw);
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    const inner = String(error.path);
    const at = toJsonPath(["options", "earlier", index]);
    throw InputError.from(
      invoiceMessages.documentRefused(
        `earlier invoice ${index + 1}`,
        "a progressive invoice ratecard issued",
        error.message,
      ),
      inner === "" ? at : `${at}${inner.startsWith("[") ? "" : "."}${inner}`,
    );
  }
}
