import { correctLateParsedUsage, explainLateUsage, parseInvoice } from "../index.js";
import {
  carriedState,
  outputFormat,
  parseFlags,
  readContract,
  readIssued,
  required,
  write,
} from "./cliSupport.js";
import { creditOptions } from "./invoiceCommand.js";
import { readJsonFile } from "./readJsonFile.js";
import { readUsage } from "./readUsage.js";

/**
 * `ratecard late-usage`: corrects an issued invoice for usage that arrived after it, the contract's
 * way (delta lines for the next invoice, or a credit note and a re-issued invoice). Both usage files are
 * read into memory.
 */
export async function lateUsageCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      contract: { type: "string" },
      invoice: { type: "string" },
      usage: { type: "string" },
      late: { type: "string" },
      "bill-on": { type: "string" },
      format: { type: "string", default: "text" },
      carry: { type: "string" },
      balances: { type: "string" },
      "credits-start-full": { type: "boolean", default: false },
    },
  });
  const contractFile = required(values.contract, "--contract FILE");
  const invoiceFile = required(values.invoice, "--invoice FILE");
  const usageFile = required(values.usage, "--usage FILE");
  const lateFile = required(values.late, "--late FILE");
  const billOn = required(values["bill-on"], "--bill-on PERIOD");
  const format = outputFormat(values.format);
  const contract = await readContract(contractFile);
  const issued = readIssued(
    invoiceFile,
    await readJsonFile(invoiceFile, "--invoice"),
    parseInvoice,
    "a ratecard invoice",
  );
  const carried =
    values.carry === undefined
      ? undefined
      : carriedState(await readJsonFile(values.carry, "--carry"), values.carry, contract.id);
  const result = correctLateParsedUsage(
    contract,
    issued,
    await readUsage(usageFile),
    await readUsage(lateFile),
    {
      billOn,
      ...(carried ? { carried } : {}),
      ...(await creditOptions(values, contract.id)),
    },
  );
  write(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : explainLateUsage(result));
  return 0;
}
