import { USAGE_TIMESTAMPS } from "../index.js";
import type { OptionSpec } from "./defineCommand.js";
import { USAGE_FORMATS } from "./readUsage.js";

// Options several commands share, declared once so that their help reads the same everywhere.

/** --format of the commands that print words or the JSON document. */
export const FORMAT_OPTION = {
  type: "string",
  value: "text|json",
  description: "text: the explanation in words; json: the document, for scripts",
  default: "text",
} as const satisfies OptionSpec;

/** --format of diff and reconcile, which also write Markdown for a ticket. */
export const REPORT_FORMAT_OPTION = {
  type: "string",
  value: "text|markdown|json",
  description: "text for a terminal, markdown for a ticket, json for scripts",
  default: "text",
} as const satisfies OptionSpec;

/** --usage-format: how to read the usage when its extension does not say (or says wrong), or it is stdin. */
export const USAGE_FORMAT_OPTION = {
  type: "string",
  value: USAGE_FORMATS.join("|"),
  description: "the usage's format, instead of its extension's (needed for --usage -)",
} as const satisfies OptionSpec;

/**
 * --timestamps: how the usage's event timestamps are written. ISO 8601 text unless told: seconds and
 * milliseconds since 1970 are never guessed from a value's size (docs/cli.md).
 */
export const TIMESTAMPS_OPTION = {
  type: "string",
  value: USAGE_TIMESTAMPS.join("|"),
  description:
    "how the usage's timestamps are written: text (ISO 8601, the default), epoch_s (seconds since 1970: Stripe meter events, Lago events) or epoch_ms (milliseconds); never guessed",
} as const satisfies OptionSpec;

/**
 * --carry, --balances, --balances-credit-note, --credits-start-full, --commitment-spend and --commitment-credit-note: what the previous invoice leaves to
 * this one, shared by the commands that rate a period (invoice, preview, progressive, late-usage) and
 * read by carriedStateOptions.
 */
export const CARRIED_STATE_OPTIONS = {
  carry: {
    type: "string",
    value: "FILE",
    description: "the previous invoice (JSON), to continue persistent and weighted meters",
  },
  balances: {
    type: "string",
    value: "FILE",
    description: "the previous invoice (JSON), to continue credit grant balances",
  },
  "balances-credit-note": {
    type: "string",
    value: "FILE",
    multiple: true,
    description:
      "a credit note of the --balances invoice (JSON): what it gave back to a credit grant is carried too; repeat for several",
  },
  "credits-start-full": {
    type: "boolean",
    description: "every credit grant without a balance in --balances starts full",
  },
  "commitment-spend": {
    type: "string",
    value: "FILE",
    description: "the previous invoice (JSON), to continue the spend of cumulative commitments",
  },
  "commitment-credit-note": {
    type: "string",
    value: "FILE",
    multiple: true,
    description:
      "a credit note of an earlier invoice of a cumulative commitment's period (JSON): units it took off come off the spend; repeat for several",
  },
} as const satisfies Readonly<Record<string, OptionSpec>>;

/** --price-book: the price books (plans) the contracts may follow, one file each (docs/price-books.md). */
export const PRICE_BOOK_OPTION = {
  type: "string",
  value: "FILE",
  multiple: true,
  description: "a price book the contract follows (priceBook), JSON; repeat for several books",
} as const satisfies OptionSpec;
