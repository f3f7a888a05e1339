import { escapeControl, safeResolveContract } from "../index.js";
import { outputFormat, problemsOf, readPriceBooks, write } from "./cliSupport.js";
import { FORMAT_OPTION, PRICE_BOOK_OPTION } from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { EXIT } from "./exitCodes.js";
import { readJsonFile } from "./readJsonFile.js";

/** `ratecard validate`: checks a contract and says what is wrong with it, at its JSON path. */
export const validateCommand = defineCommand({
  name: "validate",
  summary: "check a contract and list every problem at its JSON path",
  arguments: [{ name: "<file>", description: "the contract, JSON (- reads stdin)" }],
  options: {
    "price-book": PRICE_BOOK_OPTION,
    format: {
      ...FORMAT_OPTION,
      description: 'text: a sentence, or the problems on stderr; json: { "valid", "problems" | "contract" }',
    },
  },
  examples: [
    "ratecard validate fixtures/cdn-basic/contract.json",
    "ratecard validate contract.json --format json | jq '.problems[].path'",
    "ratecard validate fixtures/_price-books/acme/contract.json --price-book fixtures/_price-books/edge-standard.json",
  ],
  run: async (values, [file]) =>
    validate(file as string, outputFormat(values.format), values["price-book"] ?? []),
});

async function validate(
  file: string,
  format: "text" | "json",
  priceBookFiles: ReadonlyArray<string>,
): Promise<number> {
  const books = await readPriceBooks(priceBookFiles);
  const result = safeResolveContract(await readJsonFile(file, "validate"), books);
  if (format === "json") {
    write(`${JSON.stringify(validationDocument(file, result), null, 2)}\n`);
    return result.success ? EXIT.ok : EXIT.badInput;
  }
  if (result.success) {
    const contract = result.data;
    write(
      `${escapeControl(file)}: contract ${contract.id} is valid (${count(contract.charges.length, "charge")}, ${count(contract.meters.length, "meter")}, ${contract.currency.code}, ${contract.timeZone}).\n`,
    );
    return EXIT.ok;
  }
  const problems = problemsOf(result.error.details);
  process.stderr.write(
    `${escapeControl(file)}: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n`,
  );
  for (const problem of problems) process.stderr.write(`- ${escapeControl(problem.message)}\n`);
  return EXIT.badInput;
}

/**
 * The JSON of `validate --format json`: `{ file, valid: true, contract: { id, charges, meters,
 * currency, timeZone } }` or `{ file, valid: false, problems: [{ code, path, message }] }`.
 */
function validationDocument(file: string, result: ReturnType<typeof safeResolveContract>) {
  if (!result.success)
    return {
      file,
      valid: false,
      problems: problemsOf(result.error.details).map(({ code, path, message }) => ({ code, path, message })),
    };
  const contract = result.data;
  return {
    file,
    valid: true,
    contract: {
      id: contract.id,
      charges: contract.charges.length,
      meters: contract.meters.length,
      currency: contract.currency.code,
      timeZone: contract.timeZone,
    },
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
