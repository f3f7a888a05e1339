// `npm run docs`: the API reference of the public entry (src/index.ts) in docs/api/ (not committed).
// Every warning is an error, so a public signature that names a type the entry does not export fails
// the build (test/docs/apiReference.test.ts runs it).
/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  entryPoints: ["src/index.ts"],
  out: "docs/api",
  tsconfig: "tsconfig.json",
  name: "ratecard",
  readme: "none",
  disableSources: true,
  excludePrivate: true,
  treatWarningsAsErrors: true,
  // TypeDoc would otherwise type-check the whole program (src, test and bench: tsconfig.json's include)
  // before converting it: 22 of its 34 CPU seconds (7 December 2026), and the same check `tsc --noEmit`
  // makes as the first step of `npm test`. Type errors are tsc's to report; what is left here is
  // TypeDoc's own: exports, links and tags.
  skipErrorChecking: true,
  treatValidationWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: false },
  // Names the public types are computed from, not types a caller writes: the zod schemas behind the
  // `…Terms` types (`z.output<typeof allowanceSchema>`), and the helper aliases the registry builds
  // its unions with. Exporting them would make every schema and helper public API.
  intentionallyNotExported: [
    "allowanceSchema",
    "allowanceStepSchema",
    "billableQuantityStepSchema",
    "billedEarlierStepSchema",
    "commitmentOverageStepSchema",
    "commitmentTrueUpStepSchema",
    "contractQuantityStepSchema",
    "fullQuantityTiersStepSchema",
    "groupShareStepSchema",
    "groupTotalStepSchema",
    "pricedWindowSchema",
    "windowBucketSchema",
    "windowBucketTotalSchema",
    "windowCommitmentSchema",
    "windowPricingSchema",
    "windowPricingStepSchema",
    "lineLimitStepSchema",
    "overrideStepSchema",
    "prorationStepSchema",
    "roundingStepSchema",
    "trialStepSchema",
    "unusedTimeStepSchema",
    "unusedTimeDiscountStepSchema",
    "usageStepSchema",
    "computationSchema",
    "lineSchemaOf",
    "appliedAllowanceSchema",
    "chargeSchema",
    "correctionSchema",
    "exclusionSchema",
    "filterSchema",
    "invoiceTaxSchema",
    "invoiceProgressiveSchema",
    "meterSchema",
    "taxRateSchema",
    "taxSchema",
    "tierSchema",
    "usageEventSchema",
    "usageReportSchema",
    "COMMITMENT_PRICE_KINDS",
    "AnyModel",
    "ModelPriceKind",
    "PriceModels",
    "SimplePriceSchema",
    "StepOf",
    // The meters' fast path for short decimal texts (`Sample.short`), an optimisation a reducer may ignore.
    "ShortDecimal",
  ],
};
