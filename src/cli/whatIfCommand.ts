import { type Dirent, existsSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import {
  type Contract,
  type PriceBook,
  parsePeriod,
  renderWhatIf,
  resolveContract,
  summarizeWhatIf,
  type UsageTimestamps,
  type WhatIfCustomer,
  type WhatIfRow,
  whatIfCsv,
  whatIfRow,
} from "../index.js";
import { invoiceStartUnlessRefused } from "./carriedStateOptions.js";
import {
  commitmentSpend,
  flagChoice,
  isObject,
  readPriceBooks,
  required,
  UsageLineError,
  withFile,
  write,
} from "./cliSupport.js";
import { PRICE_BOOK_OPTION, TIMESTAMPS_OPTION } from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { usageFileIfAny } from "./fixtureUsageFile.js";
import { nodeSha256 } from "./nodeSha256.js";
import { USAGE_FILES } from "./readFixture.js";
import { readJsonFile } from "./readJsonFile.js";
import { readUsage, usageTimestampsNamed } from "./readUsage.js";

/**
 * A side of the comparison: one contract for every customer (a price book), or a folder of them; and
 * the price books (--price-book, --after-price-book) the contracts that follow one are resolved against.
 */
type Side = (
  | { readonly kind: "price_book"; readonly file: string; readonly json: unknown }
  | { readonly kind: "folder"; readonly dir: string }
) & { readonly books: ReadonlyArray<PriceBook> };

/**
 * `ratecard what-if --before CONTRACT_OR_DIR --after CONTRACT_OR_DIR --usage DIR --period P`: every
 * customer's usage rated under today's and a proposed contract; per customer the amounts, the change,
 * its percent and largest cause, the totals per currency and the distribution of the changes
 * (docs/what-if.md). Exit 0 whatever the change: a what-if reports, it does not judge.
 */
export const whatIfCommand = defineCommand({
  name: "what-if",
  summary: "rate a customer base under today's and a proposed contract: who pays more, and why",
  notes: `--usage DIR holds one folder per customer (its usage file, and contract.json). --before and
--after each take a contract file, used as a price book for every customer (with the customer's own
"customer"), or a folder with <customer>/contract.json. Contracts that follow a price book are resolved
against --price-book; --after-price-book gives the after side other books (a new version of the book),
and --after then defaults to --before. Exit 0 whatever the change (docs/what-if.md).`,
  options: {
    before: { type: "string", value: "CONTRACT_OR_DIR", description: "today's contract(s)" },
    after: { type: "string", value: "CONTRACT_OR_DIR", description: "the proposed contract(s)" },
    "price-book": PRICE_BOOK_OPTION,
    "after-price-book": {
      ...PRICE_BOOK_OPTION,
      description: "the price book(s) the after side follows instead of --price-book (repeatable)",
    },
    usage: { type: "string", value: "DIR", description: "one folder per customer" },
    timestamps: TIMESTAMPS_OPTION,
    period: {
      type: "string",
      value: "PERIOD",
      description: "the period: 2026-02, 2026-02-10, 2026-Q1, 2026 or a date range",
    },
    format: {
      type: "string",
      value: "text|markdown|csv|json",
      description: "text for a terminal, markdown for a ticket, csv (rows only), json for scripts",
      default: "text",
    },
  },
  examples: [
    "ratecard what-if --before customers --after pricebook-2027.json --usage customers --period 2026-11",
    "ratecard what-if --before today.json --after proposed.json --usage customers --period 2026-11 --format csv > impact.csv",
    "ratecard what-if --before customers --price-book edge-2026.json --after-price-book edge-2027.json --usage customers --period 2026-11",
  ],
  run: whatIf,
});

type WhatIfFlags = {
  readonly before?: string;
  readonly after?: string;
  readonly "price-book"?: ReadonlyArray<string>;
  readonly "after-price-book"?: ReadonlyArray<string>;
  readonly usage?: string;
  readonly timestamps?: string;
  readonly period?: string;
  readonly format?: string;
};

async function whatIf(values: WhatIfFlags): Promise<number> {
  const format = whatIfFormat(values.format);
  // One export of every customer's usage, written one way: --timestamps applies to every usage file.
  const timestamps = usageTimestampsNamed(values.timestamps);
  const beforePath = required(values.before, "--before CONTRACT_OR_DIR");
  const books = await readPriceBooks(values["price-book"]);
  const afterBooks =
    values["after-price-book"] === undefined ? books : await readPriceBooks(values["after-price-book"]);
  // A new version of the price book is the change: the same contracts, priced by the after books.
  const afterPath = values.after ?? (values["after-price-book"] === undefined ? undefined : beforePath);
  const before = await sideOf(beforePath, "--before", books);
  const after = await sideOf(required(afterPath, "--after CONTRACT_OR_DIR"), "--after", afterBooks);
  const period = required(values.period, "--period PERIOD");
  // A period that is not a month or a range is wrong for every customer: said once, as `ratecard
  // invoice` says it, not as the first customer's problem ("Customer acme: Period …"). The zone does not
  // change what parses; each customer's own zone and term are checked with its contract.
  parsePeriod(period, "UTC");
  const folders = customerFolders(required(values.usage, "--usage DIR"));
  // One customer at a time: only its usage is in memory while it is rated, then only its row is kept.
  const rows: WhatIfRow[] = [];
  for (const folder of folders)
    rows.push(whatIfRow(await readCustomer(folder, { before, after, period, timestamps }), period));
  const result = summarizeWhatIf(rows);
  if (format === "json") write(`${JSON.stringify(result, null, 2)}\n`);
  else if (format === "csv") write(whatIfCsv(result));
  else write(renderWhatIf(result, format));
  return 0;
}

function whatIfFormat(value: string | undefined): "text" | "markdown" | "csv" | "json" {
  return flagChoice("--format", value, ["text", "markdown", "csv", "json"]);
}

async function sideOf(path: string, flag: string, books: ReadonlyArray<PriceBook>): Promise<Side> {
  if (isFolder(path)) return { kind: "folder", dir: path, books };
  return { kind: "price_book", file: path, json: await readJsonFile(path, flag), books };
}

/**
 * The customer folders of `--usage DIR`: every folder directly inside it that holds a usage file or a
 * contract.json (name order; "_" and "." folders skipped), or DIR itself when it holds a usage file (a
 * base of one customer).
 */
function customerFolders(dir: string): string[] {
  if (hasUsage(dir)) return [dir];
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new UsageLineError(
      `--usage ${dir} is not a folder; it takes a folder with one folder per customer`,
    );
  }
  const folders = entries
    .filter((entry) => entry.isDirectory() && !/^[_.]/.test(entry.name))
    .map((entry) => join(dir, entry.name))
    .filter(isCustomer)
    .sort();
  if (folders.length === 0)
    throw new UsageLineError(
      `--usage ${dir} holds no customer: a customer is a folder with a usage file (${USAGE_FILES.join(", ")}) or a contract.json; docs/what-if.md`,
    );
  return folders;
}

async function readCustomer(
  folder: string,
  sides: {
    readonly before: Side;
    readonly after: Side;
    readonly period: string;
    readonly timestamps: UsageTimestamps;
  },
): Promise<WhatIfCustomer> {
  const { before, after, period, timestamps } = sides;
  const name = basename(folder);
  // A customer with a contract and no usage file used nothing this period: it still pays its fees, and
  // leaving it out would understate what a change of fees does to the base.
  // One usage file, as a fixture has: a second (usage.csv beside usage.ndjson) or one under another name
  // (usage-april.ndjson) is refused, not passed over (fixtureUsageFile.ts).
  const usageFile = usageFileOf(folder);
  const today = await contractOf(before, folder, name, "--before");
  return {
    name,
    before: today,
    after: await contractOf(after, folder, name, "--after"),
    events: usageFile === undefined ? [] : await readUsage(usageFile, timestamps),
    ...(await previousSpend(folder, today, period)),
  };
}

// The customer folder's usage file, or undefined when it has none; a refusal names the folder.
function usageFileOf(folder: string): string | undefined {
  try {
    return usageFileIfAny(folder, USAGE_FILES, "a customer");
  } catch (error) {
    if (error instanceof UsageLineError) throw new UsageLineError(`--usage ${folder}: ${error.message}`);
    throw error;
  }
}

// previous.json (optional, as in a fixture): the customer's previous invoice, under today's contract. Its
// cumulative commitments' spend to date continues on both sides (credit grants still start full: a
// what-if compares prices, not where balances stand). It must be the invoice just before the period's,
// as --commitment-spend requires.
async function previousSpend(
  folder: string,
  today: Contract,
  period: string,
): Promise<Pick<WhatIfCustomer, "options">> {
  const file = join(folder, "previous.json");
  if (!existsSync(file)) return {};
  const data = await readJsonFile(file, "--usage");
  const startsAt = invoiceStartUnlessRefused(() => today, period);
  const spend = commitmentSpend(data, file, today.id, "--usage", startsAt);
  return Object.keys(spend).length === 0 ? {} : { options: { commitmentSpendToDate: spend } };
}

// A folder side: DIR/<customer>/contract.json. A price book: the book with the customer's own identity
// (the `customer` of the customer's contract.json in the usage folder), or its events would all belong
// to another customer and be left out.
async function contractOf(side: Side, folder: string, name: string, flag: string): Promise<Contract> {
  if (side.kind === "folder") {
    const file = join(side.dir, name, "contract.json");
    if (!existsSync(file))
      throw new UsageLineError(
        `${flag} ${side.dir} has no contract for customer ${name} (${file} is missing)`,
      );
    const data = await readJsonFile(file, flag);
    return withFile(flag, file, /.*/, () => resolveContract(data, side.books, { sha256: nodeSha256 }));
  }
  const own = join(folder, "contract.json");
  if (!existsSync(own))
    throw new UsageLineError(
      `${flag} ${side.file} is one contract used for every customer, with each customer's own "customer" taken from its folder's contract.json, and ${folder} has none: add ${own}, or give ${flag} a folder with <customer>/contract.json.`,
    );
  const customer = await readJsonFile(own, "--usage");
  if (!isObject(side.json) || !isObject(customer))
    throw new UsageLineError(`${flag} ${side.file} and ${own} must both be contracts (JSON objects)`);
  const json = { ...side.json, customer: customer.customer };
  return withFile(flag, `${side.file} (for customer ${name})`, /.*/, () =>
    resolveContract(json, side.books, { sha256: nodeSha256 }),
  );
}

function isCustomer(dir: string): boolean {
  return hasUsage(dir) || existsSync(join(dir, "contract.json"));
}

function hasUsage(dir: string): boolean {
  return USAGE_FILES.some((file) => existsSync(join(dir, file)));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
