import {
  type Contract,
  type CreditNote,
  formatInstant,
  isRatecardError,
  parseCreditNote,
  type RateInvoiceOptions,
  resolveServicePeriod,
} from "../index.js";
import { balancesWithNotes } from "./balancesCreditNotes.js";
import { balanceIn, blamedOnFiles, keyedFile, type OptionFile, spendIn } from "./blamedOnFiles.js";
import { carriedPathInFile, carriedState, carriedStatesAt } from "./carriedState.js";
import {
  commitmentSpend,
  creditBalances as creditBalancesOf,
  readIssued,
  UsageLineError,
} from "./cliSupport.js";
import { readJsonFile } from "./readJsonFile.js";
import { displayName } from "./standardInput.js";

/** The flags of CARRIED_STATE_OPTIONS, as a command reads them. */
export interface CarriedStateFlags {
  readonly carry?: string;
  readonly balances?: string;
  readonly "balances-credit-note"?: ReadonlyArray<string>;
  readonly "credits-start-full"?: boolean;
  readonly "commitment-spend"?: string;
  readonly "commitment-credit-note"?: ReadonlyArray<string>;
}

/**
 * --carry, --balances, --credits-start-full, --commitment-spend and --commitment-credit-note, as the
 * options of a rating call:
 * what the previous invoice leaves to this one. Every command that rates a period (invoice, preview,
 * progressive, late-usage) reads them here, so they are read and checked the same way everywhere.
 * `startsAt` (the instant the invoice being rated starts, as invoices write it): a previous invoice
 * given must end there.
 * Returns `options`, for the rating call, and `blamed`, which runs it: an error the library raises
 * about what a file carried names that file and the path inside it ({@link blamedOnFiles}).
 */
export async function carriedStateOptions(values: CarriedStateFlags, contractId: string, startsAt?: string) {
  const { carry, balances } = values;
  const spend = values["commitment-spend"];
  const files: OptionFile[] = [];
  const carried = carry === undefined ? undefined : await readJsonFile(carry, "--carry");
  const named = (flag: string, file: string) => `${flag} ${displayName(file)}`;
  let options: Omit<RateInvoiceOptions, "sha256" | "daily"> = {};
  if (carry !== undefined) {
    options = { carried: carriedState(carried, named("--carry", carry), contractId, startsAt) };
    const at = carriedStatesAt(carried);
    files.push({
      option: "carried",
      named: named("--carry", carry),
      inFile: (path) => carriedPathInFile(at, path),
    });
  }
  if (balances) {
    const data = await readJsonFile(balances, "--balances");
    const notes = values["balances-credit-note"] ?? [];
    // The invoice is checked (this contract's, the period just before) before its notes are read.
    const fromInvoice = creditBalancesOf(data, balances, contractId, startsAt);
    const creditBalances = notes.length === 0 ? fromInvoice : await balancesWithNotes(data, balances, notes);
    options = { ...options, creditBalances };
    files.push(keyedFile("creditBalances", named("--balances", balances), data, creditBalances, balanceIn));
  } else if ((values["balances-credit-note"] ?? []).length > 0)
    throw new UsageLineError("--balances-credit-note needs --balances, the invoice its credit notes credit.");
  if (values["credits-start-full"]) options = { ...options, creditsStartFull: true };
  if (spend !== undefined) {
    const data = await readJsonFile(spend, "--commitment-spend");
    const commitmentSpendToDate = commitmentSpend(data, spend, contractId, "--commitment-spend", startsAt);
    options = { ...options, commitmentSpendToDate };
    files.push(
      keyedFile(
        "commitmentSpendToDate",
        named("--commitment-spend", spend),
        data,
        commitmentSpendToDate,
        spendIn,
      ),
    );
  }
  const noteFiles = values["commitment-credit-note"] ?? [];
  if (noteFiles.length > 0) {
    const commitmentCreditNotes: CreditNote[] = [];
    for (const file of noteFiles) {
      const flag = named("--commitment-credit-note", file);
      const data = await readJsonFile(file, "--commitment-credit-note");
      commitmentCreditNotes.push(readIssued(flag, data, parseCreditNote, "a ratecard credit note"));
    }
    options = { ...options, commitmentCreditNotes };
    noteFiles.forEach((file, index) => {
      files.push({
        option: `commitmentCreditNotes[${index}]`,
        named: named("--commitment-credit-note", file),
        inFile: (path) => path.replace(/^\./, ""),
      });
    });
  }
  const blamed = <T>(rate: () => T | Promise<T>) => blamedOnFiles(files, rate);
  return { options, blamed };
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
