#!/usr/bin/env node
// Inlined at build time (only this field): the version of the package the CLI ships in.
import { version } from "../../package.json";
import { write } from "./cliSupport.js";
import { COMMANDS } from "./commands.js";
import { EXIT } from "./exitCodes.js";
import { failureOf } from "./failure.js";
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
    const failure = failureOf(error);
    // A bug's stack keeps its line breaks (it is ratecard's text, not the input's); a problem is one line.
    if (failure.code === EXIT.internalError) process.stderr.write(`ratecard: ${failure.message}\n`);
    else reportProblem(failure.message);
    process.exitCode = failure.code;
  },
);
