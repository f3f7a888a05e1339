import { type Contract, formatInstant, isRatecardError, resolveServicePeriod } from "../index.js";
import { carriedPathInFile, carriedState, carriedStatesAt } from "./carriedState.js";
import { commitmentSpend, creditBalances, fileProblem, UsageLineError } from "./cliSupport.js";
import { readJsonFile } from "./readJsonFile.js";
import { displayName } from "./standardInput.js";

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
 * `startsAt` (the instant the invoice being rated starts, as invoices write it): a previous invoice
 * given must end there.
 * Returns `options`, for the rating call, and `blamed`, which runs the rating: the library checks the carried states against the contract's meters only
 * then, and addresses its errors from its own arguments (`options.carried.requests`); such an error is
 * the --carry file's, and is printed led by the flag, the file and the path inside it
 * ("--carry jan.json at usage.carryOut.requests: …"), so the specialist knows which file to open.
 */
export async function carriedStateOptions(values: CarriedStateFlags, contractId: string, startsAt?: string) {
  const { carry, balances } = values;
  const file = values["commitment-spend"];
  const carried = carry === undefined ? undefined : await readJsonFile(carry, "--carry");
  const options = {
    ...(carry === undefined
      ? {}
      : { carried: carriedState(carried, `--carry ${displayName(carry)}`, contractId, startsAt) }),
    ...(balances
      ? {
          creditBalances: creditBalances(
            await readJsonFile(balances, "--balances"),
            balances,
            contractId,
            startsAt,
          ),
        }
      : {}),
    ...(values["credits-start-full"] ? { creditsStartFull: true } : {}),
    ...(file === undefined
      ? {}
      : {
          commitmentSpendToDate: commitmentSpend(
            await readJsonFile(file, "--commitment-spend"),
            file,
            contractId,
            "--commitment-spend",
            startsAt,
          ),
        }),
  };
  const at = carriedStatesAt(carried);
  const blamed = async <T>(rate: () => T | Promise<T>): Promise<T> => {
    try {
      return await rate();
    } catch (error) {
      if (carry === undefined || !isRatecardError(error) || !isCarriedPath(error.path)) throw error;
      const path = carriedPathInFile(at, error.path.slice(CARRIED.length));
      throw new UsageLineError(fileProblem(`--carry ${displayName(carry)}`, path, error.message));
    }
  };
  return { options, blamed };
}

// Where the library's rating calls hold the carried states, as its error paths start.
const CARRIED = "options.carried";

function isCarriedPath(path: string): boolean {
  return path === CARRIED || path.startsWith(`${CARRIED}.`) || path.startsWith(`${CARRIED}[`);
}

/** The instant the invoice of `period` starts, as invoices write it: what a previous invoice must end at. */
export function invoiceStart(contract: Contract, period: string): string {
  return formatInstant(resolveServicePeriod(contract, period).service.start);
}

/**
 * {@link invoiceStart} where the contract (or the period) may yet be refused: undefined then, and the
 * previous invoice is not checked against it, because the rating refuses the contract or period itself,
 * naming its file (a batch's contract, a fixture's contract.json or expected.json).
 */
export function invoiceStartUnlessRefused(contract: () => Contract, period: string): string | undefined {
  try {
    return invoiceStart(contract(), period);
  } catch (error) {
    if (isRatecardError(error)) return undefined;
    throw error;
  }
}
