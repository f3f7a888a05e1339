#!/usr/bin/env node
// Inlined at build time (only this field): the version of the package the CLI ships in.
import { version } from "../../package.json";
import { isRatecardError } from "../index.js";
import { UsageLineError, write } from "./cliSupport.js";
import { COMMANDS } from "./commands.js";
import { EXIT } from "./exitCodes.js";
import { runProgram } from "./program.js";
import { reportProblem } from "./stderr.js";

// A reader that stops early (head, less quit) closes the pipe: that is not an error, and the
// rest of the output has nowhere to go, so the command ends at once with exit 0.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(EXIT.ok);
  throw error;
});

runProgram(COMMANDS, process.argv.slice(2), version, {
  out: write,
  err: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isRatecardError(error) || error instanceof UsageLineError) {
      reportProblem(error.message);
      process.exitCode = EXIT.badInput;
      return;
    }
    process.stderr.write(
      `ratecard: internal error, please report it: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = EXIT.internalError;
  },
);
