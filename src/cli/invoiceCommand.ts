import { explainText, rateInvoiceAsync, rateOpeningInvoice } from "../index.js";
import {
  carriedState,
  creditBalances,
  outputFormat,
  parseFlags,
  readContract,
  required,
  UsageLineError,
  write,
} from "./cliSupport.js";
import { readJsonFile } from "./readJsonFile.js";
import { usageSource } from "./readUsage.js";

/** `ratecard invoice`: rates one invoice (or, with --opening, the opening invoice) and prints it. */
export async function invoiceCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      contract: { type: "string" },
      usage: { type: "string" },
      period: { type: "string" },
      format: { type: "string", default: "text" },
      carry: { type: "string" },
      daily: { type: "boolean", default: false },
      balances: { type: "string" },
      "credits-start-full": { type: "boolean", default: false },
      opening: { type: "boolean", default: false },
    },
  });
  const contractFile = required(values.contract, "--contract FILE");
  if (values.opening) return openingCommand(contractFile, values);
  const usageFile = required(values.usage, "--usage FILE");
  const period = required(values.period, "--period PERIOD");
  const format = outputFormat(values.format);
  const contract = await readContract(contractFile);
  const carried =
    values.carry === undefined
      ? undefined
      : carriedState(await readJsonFile(values.carry, "--carry"), values.carry, contract.id);
  // The file is streamed twice (once to find ids that may repeat, once to aggregate), so memory stays
  // at about 4 bytes per event however large the file.
  const invoice = await rateInvoiceAsync(contract, await usageSource(usageFile), period, {
    ...(carried ? { carried } : {}),
    ...(values.daily ? { daily: true } : {}),
    ...(await creditOptions(values, contract.id)),
  });
  write(format === "json" ? `${JSON.stringify(invoice, null, 2)}\n` : explainText(invoice));
  return 0;
}

// --balances and --credits-start-full, as the options of a rating call (ratecard preview reads them too).
export async function creditOptions(
  values: { readonly balances?: string; readonly "credits-start-full"?: boolean },
  contractId: string,
) {
  return {
    ...(values.balances
      ? {
          creditBalances: creditBalances(
            await readJsonFile(values.balances, "--balances"),
            values.balances,
            contractId,
          ),
        }
      : {}),
    ...(values["credits-start-full"] ? { creditsStartFull: true } : {}),
  };
}

// The opening invoice has no usage and no period to ask for: it is the term's first period.
async function openingCommand(
  contractFile: string,
  values: {
    readonly format?: string;
    readonly balances?: string;
    readonly "credits-start-full"?: boolean;
    readonly usage?: string;
    readonly period?: string;
    readonly carry?: string;
    readonly daily?: boolean;
  },
): Promise<number> {
  for (const flag of ["usage", "period", "carry"] as const) {
    if (values[flag] !== undefined)
      throw new UsageLineError(
        `--opening bills the first period's fees in advance only; leave out --${flag}`,
      );
  }
  // The opening invoice has no usage, so no daily quantities: --daily would be ignored without a word.
  if (values.daily === true) {
    throw new UsageLineError("--opening bills no usage, so it has no daily quantities; leave out --daily");
  }
  const format = outputFormat(values.format);
  const contract = await readContract(contractFile);
  const invoice = rateOpeningInvoice(contract, await creditOptions(values, contract.id));
  write(format === "json" ? `${JSON.stringify(invoice, null, 2)}\n` : explainText(invoice));
  return 0;
}
