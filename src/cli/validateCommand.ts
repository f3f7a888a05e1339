import { escapeControl, safeParseContract } from "../index.js";
import { UsageLineError, write } from "./cliSupport.js";
import { readJsonFile } from "./readJsonFile.js";

/** `ratecard validate`: checks a contract and says what is wrong with it, at its JSON path. */
export async function validateCommand(args: ReadonlyArray<string>): Promise<number> {
  const [file, ...extra] = args;
  if (file === undefined || extra.length > 0)
    throw new UsageLineError("validate takes exactly one contract file");
  const result = safeParseContract(await readJsonFile(file, "validate"));
  if (result.success) {
    const contract = result.data;
    write(
      `${escapeControl(file)}: contract ${contract.id} is valid (${contract.charges.length} charges, ${contract.meters.length} meters, ${contract.currency.code}, ${contract.timeZone}).\n`,
    );
    return 0;
  }
  const problems = (result.error.details.problems ?? []) as ReadonlyArray<{ message: string }>;
  process.stderr.write(
    `${escapeControl(file)}: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n`,
  );
  for (const problem of problems) process.stderr.write(`- ${escapeControl(problem.message)}\n`);
  return 2;
}
