#!/usr/bin/env node
// Inlined at build time (only this field): the version of the package the CLI ships in.
import { version } from "../../package.json";
import { escapeControl, isRatecardError } from "../index.js";
import { checkCommand } from "./checkCommand.js";
import { UsageLineError, write } from "./cliSupport.js";
import { creditNoteCommand } from "./creditNoteCommand.js";
import { diffCommand } from "./diffCommand.js";
import { invoiceCommand } from "./invoiceCommand.js";
import { lateUsageCommand } from "./lateUsageCommand.js";
import { previewCommand } from "./previewCommand.js";
import { quoteCommand } from "./quoteCommand.js";
import { reconcileCommand } from "./reconcileCommand.js";
import { schemaCommand } from "./schemaCommand.js";
import { validateCommand } from "./validateCommand.js";

const USAGE = `ratecard — exact, explainable usage-based invoices

Usage:
  ratecard invoice --contract FILE --usage FILE --period PERIOD [--format text|json] [--carry FILE] [--balances FILE] [--credits-start-full] [--daily]
  ratecard invoice --contract FILE --opening [--format text|json] [--balances FILE] [--credits-start-full]
  ratecard preview --contract FILE --usage FILE --period PERIOD --as-of INSTANT [--format text|json] [--carry FILE] [--balances FILE] [--credits-start-full]
  ratecard late-usage --contract FILE --invoice FILE --usage FILE --late FILE --bill-on PERIOD [--format text|json] [--carry FILE] [--balances FILE] [--credits-start-full]
  ratecard validate FILE
  ratecard schema [--invoice]
  ratecard --version
  ratecard credit-note --contract FILE --invoice FILE --corrections FILE [--previous FILE …] [--format text|json]
  ratecard quote --price JSON|FILE (--quantity Q | --values V1,V2,…) [--currency USD] [--format text|json]
  ratecard check DIR... [--junit FILE] [--update]
  ratecard diff BEFORE.json AFTER.json [--format text|markdown|json]
  ratecard reconcile --issued FILE [--issued-format ratecard|csv|stripe] [--columns field=header,… | --mapping FILE]
                     (--recomputed FILE | --contract FILE --usage FILE --period PERIOD) [--format text|markdown|json]

--carry takes the previous period's invoice (JSON) to continue persistent and weighted meters.
--balances takes the previous invoice (JSON) to continue credit grant balances; a grant that started
  before the period needs one, unless --credits-start-full says every grant without one starts full.
--daily adds each sum and count meter's quantity per local day (and a chart in the text).
--opening rates the invoice issued at the term start: the first period's fees billed in advance.
preview rates the usage before --as-of (an ISO 8601 instant inside the period) as the period's invoice
  so far, and projects it to the period's end, linear in elapsed time (projected, not billed).
late-usage corrects an issued invoice (--invoice, rated from --usage) for the events of --late, the
  contract's way (lateUsage.correction): delta lines for the invoice of --bill-on, or a credit note and
  a re-issued invoice; --carry and --balances as the invoice was rated with.
PERIOD is a month in the contract's time zone (2026-02) or a range of local dates
(2026-02-01/2026-03-01, end date excluded). Usage files: .ndjson, .jsonl, .csv or .json.
check rates every fixture folder (contract.json, usage, expected.json; docs/uat.md) and compares the
  invoice with expected.json; --junit writes the result as JUnit XML, --update writes expected.json
  where a fixture has none (never over one).

diff attributes the change in the amount due to its causes; reconcile compares an issued invoice (a
  ratecard invoice, a CSV of line items, or a Stripe invoice) with the recomputation, line by line.
  CSV columns: --columns description=Item,quantity=Qty,unitPrice=Rate,amount=Total,id=Line (fields
  description and amount required), or the same as a JSON object in --mapping FILE.

Exit codes: 0 done, 1 ratecard failed (a bug), 2 the input is wrong (the message says where),
3 differences found (diff, reconcile; check: an invoice differs from its expected.json).
`;

async function main(argv: ReadonlyArray<string>): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "invoice":
      return invoiceCommand(rest);
    case "preview":
      return previewCommand(rest);
    case "late-usage":
      return lateUsageCommand(rest);
    case "validate":
      return validateCommand(rest);
    case "quote":
      return quoteCommand(rest);
    case "credit-note":
      return creditNoteCommand(rest);
    case "schema":
      return schemaCommand(rest);
    case "check":
      return checkCommand(rest);
    case "diff":
      return diffCommand(rest);
    case "reconcile":
      return reconcileCommand(rest);
    case "--version":
      write(`${version}\n`);
      return 0;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageLineError(`unknown command "${command}"; run ratecard --help`);
  }
}

// A reader that stops early (head, less quit) closes the pipe: that is not an error, and the
// rest of the output has nowhere to go, so the command ends at once with exit 0.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// Every message may quote the caller's text (a file name, an id, a value): control characters are
// shown escaped, so a message is always one line that cannot forge another.
function report(message: string): void {
  process.stderr.write(`ratecard: ${escapeControl(message)}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isRatecardError(error) || error instanceof UsageLineError) {
      report(error.message);
      process.exitCode = 2;
      return;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      report(`${error.message.replaceAll("\n", " ")}; run ratecard --help`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `ratecard: internal error, please report it: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
