#!/usr/bin/env node
// Runs mutation testing of one target (a folder of the core, or a chunk of src/invoice) with Stryker, and
// keeps its results in the repository, so the next run, on any clone, tests only what changed:
//   npm run mutation:<target> [-- <stryker options, e.g. --concurrency 2>]
//   node scripts/mutation.mjs <target> [stryker options]
//
// Why: a whole folder takes 20 to 60 minutes on a two-core machine, and a fresh clone has no
// `reports/` (it is not committed), so every session measured from nothing. Stryker's incremental file
// is the fix Stryker itself offers (reuse a mutant's result when neither its code nor its tests
// changed); it is kept gzipped in scripts/mutation-baseline/ (about 6 % of its size), unpacked into
// reports/mutation/ before a run when no newer local one is there, and packed back after a run that
// measured the whole target. docs/testing-mutation.md explains the targets and reads every survivor.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

/** Each target: the files Stryker mutates and the test folders run against them (vitest.stryker.config.ts). */
export const TARGETS = {
  money: { tests: "money", mutate: ["src/money/**/*.ts", "!src/money/iso4217.ts"] },
  pricing: { tests: "pricing,schema,explain", mutate: ["src/pricing/**/*.ts"] },
  meters: { tests: "meters,schema", mutate: ["src/meters/**/*.ts"] },
  rating: { tests: "rating,invoice,explain", mutate: ["src/rating/**/*.ts"] },
  invoice: { tests: "invoice,schema,explain,fixtures", mutate: ["src/invoice/**/*.ts"] },
  "invoice-a": {
    tests: "invoice",
    mutate: [
      "termsAt.ts",
      "correctLateUsage.ts",
      "lateUsageBase.ts",
      "lateEventsNotCounted.ts",
      "refuseConflictingLateEvents.ts",
      "stages/issueInvoice.ts",
    ].map(invoiceFile),
  },
  "invoice-b": {
    tests: "invoice",
    mutate: [
      "stages/rateCharges.ts",
      "stages/wholeFees.ts",
      "stages/runningTotals.ts",
      "rateInvoice.ts",
      "chargeRuns.ts",
      "levelShare.ts",
      "contractRatio.ts",
    ].map(invoiceFile),
  },
  "invoice-c": {
    tests: "invoice",
    mutate: [
      "subtractBilled.ts",
      "subtractTax.ts",
      "lessBilled.ts",
      "unitsCredited.ts",
      "periodRoundingSoFar.ts",
      "belowZeroNotDue.ts",
      "nothingRatedNow.ts",
      "usageAggregates.ts",
      "aggregatesEnvelope.ts",
      "aggregatesMadeFor.ts",
      "rateProgressiveInvoice.ts",
      "progressiveOptions.ts",
    ].map(invoiceFile),
  },
  "invoice-d": {
    tests: "invoice",
    mutate: [
      "usageEvidence.ts",
      "usageStretches.ts",
      "isUnpricedGroup.ts",
      "evidenceCollector.ts",
      "previewInvoice.ts",
      "invoiceSchema.ts",
      "previewSchema.ts",
      "invoiceJsonSchema.ts",
      "index.ts",
    ].map(invoiceFile),
  },
  "invoice-e": {
    tests: "invoice,contracts",
    mutate: [
      "asOfInstant.ts",
      "pricedByBook.ts",
      "rateMany.ts",
      "contractInBatch.ts",
      "ratingShare.ts",
      "billProgressively.ts",
      "progressiveSchema.ts",
      "usageWarnings.ts",
      "buildInvoice.ts",
      "draft.ts",
      "projectUsage.ts",
    ].map(invoiceFile),
  },
  "invoice-f": {
    tests: "invoice",
    mutate: [
      "creditNote.ts",
      "creditNoteUnits.ts",
      "assertCreditable.ts",
      "resolveServicePeriod.ts",
      "parseIssued.ts",
      "evidenceOptions.ts",
    ].map(invoiceFile),
  },
  "invoice-g": {
    tests: "invoice",
    mutate: [
      "burnAmount.ts",
      "burnOrder.ts",
      "spreadReduction.ts",
      "perBillingPeriod.ts",
      "chargeScope.ts",
      "stages/commitments.ts",
      "stages/credits.ts",
      "stages/discounts.ts",
      "stages/discountEntry.ts",
      "stages/discountReach.ts",
      "stages/fees.ts",
      "stages/afterTrial.ts",
      "stages/tax.ts",
    ].map(invoiceFile),
  },
  "invoice-h": { tests: "invoice", mutate: ["entryArguments.ts"].map(invoiceFile) },
  "invoice-i": {
    tests: "invoice,export",
    mutate: [
      "balancesAfterCorrection.ts",
      "balancesAfterNotes.ts",
      "creditNoteRounding.ts",
      "creditNoteSettlement.ts",
      "creditNoteTax.ts",
      "datedParts.ts",
      "rateInAdvance.ts",
      "stages/commitmentLimits.ts",
      "stages/taxParts.ts",
      "stages/totalRounding.ts",
    ].map(invoiceFile),
  },
  "invoice-j": {
    tests: "invoice",
    mutate: [
      "poolSizes.ts",
      "stages/commitmentLines.ts",
      "stages/coveredDays.ts",
      "stages/cumulativeCommitment.ts",
      "stages/cumulativeNotes.ts",
      "creditCharge.ts",
      "spendLine.ts",
      "creditNoteEarlier.ts",
      "unitsUnderCommitment.ts",
    ].map(invoiceFile),
  },
};

function invoiceFile(name) {
  return `src/invoice/${name}`;
}

/** Where a target's incremental results live: the working copy (ignored by git) and the committed one. */
function resultFiles(name) {
  return {
    local: join("reports", "mutation", `${name}.incremental.json`),
    baseline: join("scripts", "mutation-baseline", `${name}.incremental.json.gz`),
  };
}

function main(argv) {
  const [name, ...strykerOptions] = argv;
  const target = TARGETS[name];
  if (target === undefined) {
    process.stderr.write(
      `usage: node scripts/mutation.mjs <${Object.keys(TARGETS).join("|")}> [stryker options]\n`,
    );
    return 2;
  }
  const { local, baseline } = resultFiles(name);
  if (!existsSync(local) && existsSync(baseline)) {
    mkdirSync(dirname(local), { recursive: true });
    writeFileSync(local, gunzipSync(readFileSync(baseline)));
  }
  const run = spawnSync(
    join("node_modules", ".bin", "stryker"),
    ["run", "--mutate", target.mutate.join(","), "--incrementalFile", local, ...strykerOptions],
    {
      stdio: "inherit",
      env: { ...process.env, STRYKER_TEST_FOLDERS: process.env.STRYKER_TEST_FOLDERS ?? target.tests },
    },
  );
  // A run narrowed by another --mutate (or other test folders) measured part of the target only: its
  // incremental file would drop the other files' results, so it is not packed into the baseline.
  const narrowed = strykerOptions.includes("--mutate") || process.env.STRYKER_TEST_FOLDERS !== undefined;
  if (run.status === 0 && !narrowed && existsSync(local)) {
    mkdirSync(dirname(baseline), { recursive: true });
    writeFileSync(baseline, gzipSync(readFileSync(local), { level: 9 }));
  }
  return run.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main(process.argv.slice(2)));
