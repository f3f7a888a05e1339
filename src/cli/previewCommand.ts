import { explainText, previewParsedInvoice } from "../index.js";
import { carriedState, outputFormat, parseFlags, readContract, required, write } from "./cliSupport.js";
import { creditOptions } from "./invoiceCommand.js";
import { readJsonFile } from "./readJsonFile.js";
import { readUsage } from "./readUsage.js";

/**
 * `ratecard preview`: the invoice so far of an open period, from the usage before --as-of, with the
 * projection to the period's end (projected, not billed). The usage is read into memory once.
 */
export async function previewCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      contract: { type: "string" },
      usage: { type: "string" },
      period: { type: "string" },
      "as-of": { type: "string" },
      format: { type: "string", default: "text" },
      carry: { type: "string" },
      balances: { type: "string" },
      "credits-start-full": { type: "boolean", default: false },
    },
  });
  const contractFile = required(values.contract, "--contract FILE");
  const usageFile = required(values.usage, "--usage FILE");
  const period = required(values.period, "--period PERIOD");
  const asOf = required(values["as-of"], "--as-of INSTANT");
  const format = outputFormat(values.format);
  const contract = await readContract(contractFile);
  const carried =
    values.carry === undefined
      ? undefined
      : carriedState(await readJsonFile(values.carry, "--carry"), values.carry, contract.id);
  const preview = previewParsedInvoice(contract, await readUsage(usageFile), period, asOf, {
    ...(carried ? { carried } : {}),
    ...(await creditOptions(values, contract.id)),
  });
  write(format === "json" ? `${JSON.stringify(preview, null, 2)}\n` : explainText(preview));
  return 0;
}
