import * as z from "zod/mini";
import { contractMessages } from "../../errors/index.js";
import { idSchema, issueOf, localDateSchema, meterSchema, roundingModeSchema } from "../../schema/index.js";
import { chargeSchema } from "../charge/chargeSchema.js";
import { checkCharge, checkEventValueMeter, checkGroupedMeter } from "../charge/checkCharge.js";
import { collectIssues } from "../charge/collectIssues.js";
import { allowanceSchema } from "../terms/allowances/schema.js";
import { creditBurnOrderSchema } from "../terms/credits/schema.js";
import { taxSchema } from "../terms/tax/schema.js";

/** The price book format version this build reads (the contract format's number, moved together). */
export const PRICE_BOOK_SCHEMA_VERSION = 1;
const SUPPORTED_VERSION = PRICE_BOOK_SCHEMA_VERSION;

/** How a contract names the price book it follows: its id, and a version to stay on (default: follow). */
export const priceBookReferenceSchema = z
  .strictObject({
    id: idSchema,
    version: z
      .optional(idSchema)
      .check(
        z.describe(
          "Stay on this version; without it the contract follows the book, each version from its effective date.",
        ),
      ),
  })
  .check(
    z.describe("The price book (plan) whose meters and charges this contract follows (docs/price-books.md)."),
  );

/** One version of a price book: its charges, from `effective` (local midnight in each contract's zone) on. */
const priceBookVersionSchema = z.strictObject({
  version: idSchema,
  effective: localDateSchema,
  charges: z.array(chargeSchema).check(z.minLength(1, { message: "must list at least one charge" })),
});

/**
 * A price book (a plan): meters and charges shared by every contract that follows it, in versions that
 * each take effect on a date, and terms a contract takes when it does not set its own (`defaults`).
 */
export const priceBookSchema = z
  .strictObject({
    schemaVersion: z.number({ error: `expected the number ${SUPPORTED_VERSION}` }).check(
      z.superRefine((version, ctx) => {
        if (version !== SUPPORTED_VERSION)
          ctx.addIssue(issueOf(contractMessages.unsupportedContractVersion(version, SUPPORTED_VERSION)));
      }),
    ),
    id: idSchema,
    name: z.optional(z.string()),
    currency: z
      .string()
      .check(z.regex(/^[A-Z][A-Z0-9_]{1,15}$/, { message: 'must be a currency code such as "USD"' })),
    // Left out means none, as in a contract (docs/contracts.md#lists-left-out): a book of fees only.
    meters: z
      ._default(z.array(meterSchema), [])
      .check(z.describe("The meters its charges read; left out (or []) for a book of fees only.")),
    versions: z
      .array(priceBookVersionSchema)
      .check(z.minLength(1, { message: "must list at least one version" })),
    defaults: z.optional(
      z.strictObject({
        rounding: z.optional(z.strictObject({ mode: roundingModeSchema })),
        tax: z.optional(taxSchema),
        allowances: z.optional(z.array(allowanceSchema)),
        creditBurnOrder: z.optional(creditBurnOrderSchema),
      }),
    ),
  })
  .check(
    z.superRefine((book, ctx) => {
      const meterIds = new Set<string>();
      book.meters.forEach((meter, index) => {
        if (meterIds.has(meter.id))
          ctx.addIssue(
            issueOf(contractMessages.repeatedId("id", meter.id, "an earlier meter"), ["meters", index, "id"]),
          );
        meterIds.add(meter.id);
      });
      const versions = new Set<string>();
      let previous: string | undefined;
      book.versions.forEach((version, at) => {
        const path = ["versions", at];
        if (versions.has(version.version))
          ctx.addIssue(
            issueOf(contractMessages.repeatedId("version", version.version, "an earlier version"), [
              ...path,
              "version",
            ]),
          );
        versions.add(version.version);
        if (previous !== undefined && version.effective <= previous)
          ctx.addIssue(
            issueOf(contractMessages.priceBookVersionsOutOfOrder(version.effective, previous), [
              ...path,
              "effective",
            ]),
          );
        previous = version.effective;
        const chargeIds = new Set<string>();
        version.charges.forEach((charge, index) => {
          if (chargeIds.has(charge.id))
            ctx.addIssue(
              issueOf(contractMessages.repeatedId("id", charge.id, "an earlier charge of this version"), [
                ...path,
                "charges",
                index,
                "id",
              ]),
            );
          chargeIds.add(charge.id);
          // A version's charges are checked as a contract's own are, at their own paths.
          const issues = collectIssues((collect) => {
            checkCharge(collect, charge, index, meterIds);
            checkGroupedMeter(collect, charge, index, book.meters);
            checkEventValueMeter(collect, charge, ["charges", index], book.meters);
          });
          for (const issue of issues)
            ctx.addIssue({ ...issue, path: [...path, ...((issue.path ?? []) as PropertyKey[])] } as never);
        });
      });
    }),
  );

/** A price book as written in JSON. */
export type PriceBookInput = z.input<typeof priceBookSchema>;
/** A contract's reference to its price book, as written: the book's id, and a version to stay on. */
export interface PriceBookReference {
  readonly id: string;
  readonly version?: string | undefined;
}
