import { type Contract, isRatecardError, type RateInvoiceOptions, rateParsedInvoice } from "../index.js";
import { balanceIn, blamedOnFiles, invoiceWithin, keyedFile, spendIn } from "./blamedOnFiles.js";
import { carriedPathInFile } from "./carriedState.js";

/**
 * What a fixture's previous.json carries (`options`, read from `data`), matched against the fixture's
 * contract now. The library matches meter states, balances and spend against the contract only while
 * rating, and `ratecard check` would report a mismatch at the library's path
 * (`options.carried.requests`) without naming the file; rated here once over no events, it names
 * previous.json and the path inside it (`… previous.json at usage.carryOut.requests: …`), as --carry,
 * --balances and --commitment-spend do. Any other input error (the contract, the period, a grant
 * without its balance) is left for the check, which reports it in its place.
 */
export async function requirePreviousFits(
  file: string,
  data: unknown,
  options: RateInvoiceOptions,
  contract: () => Contract,
  period: string,
): Promise<void> {
  const carryOut = [...invoiceWithin(data).at, "usage", "carryOut"];
  const files = [
    { option: "carried", named: file, inFile: (path: string) => carriedPathInFile(carryOut, path) },
    keyedFile("creditBalances", file, data, options.creditBalances ?? {}, balanceIn),
    keyedFile("commitmentSpendToDate", file, data, options.commitmentSpendToDate ?? {}, spendIn),
  ];
  try {
    await blamedOnFiles(files, () =>
      rateParsedInvoice(contract(), [], period, { ...options, creditsStartFull: true }),
    );
  } catch (error) {
    // blamedOnFiles turned an error of what previous.json carries into a UsageLineError, not a
    // RatecardError: anything still a RatecardError is the check's to report.
    if (!isRatecardError(error)) throw error;
  }
}
