import { carriedState, commitmentSpend, creditBalances } from "./cliSupport.js";
import { readJsonFile } from "./readJsonFile.js";

/** The flags of CARRIED_STATE_OPTIONS, as a command reads them. */
export interface CarriedStateFlags {
  readonly carry?: string;
  readonly balances?: string;
  readonly "credits-start-full"?: boolean;
  readonly "commitment-spend"?: string;
}

/**
 * --carry, --balances, --credits-start-full and --commitment-spend, as the options of a rating call:
 * what the previous invoice leaves to this one. Every command that rates a period (invoice, preview,
 * progressive, late-usage) reads them here, so they are read and checked the same way everywhere.
 */
export async function carriedStateOptions(values: CarriedStateFlags, contractId: string) {
  const { carry, balances } = values;
  const file = values["commitment-spend"];
  return {
    ...(carry === undefined
      ? {}
      : { carried: carriedState(await readJsonFile(carry, "--carry"), carry, contractId) }),
    ...(balances
      ? { creditBalances: creditBalances(await readJsonFile(balances, "--balances"), balances, contractId) }
      : {}),
    ...(values["credits-start-full"] ? { creditsStartFull: true } : {}),
    ...(file === undefined
      ? {}
      : {
          commitmentSpendToDate: commitmentSpend(
            await readJsonFile(file, "--commitment-spend"),
            file,
            contractId,
          ),
        }),
  };
}
