#!/usr/bin/env node
// Inlined at build time (only this field): the version of the package the CLI ships in.
import { setFlagsFromString } from "node:v8";
import { version } from "../../package.json";
import { write } from "./cliSupport.js";
import { COMMANDS } from "./commands.js";
import { EXIT } from "./exitCodes.js";
import { failureOf } from "./failure.js";
import { runProgram } from "./program.js";
import { reportMoreProblem, reportProblem } from "./stderr.js";

// The CLI is a batch process: V8's concurrent marking, made for servers that must not pause, here made
// the garbage collector fall, in about a third of the runs, into a cycle of marking while the events of
// each chunk were read, promoting rows that die a moment later, until the next marking: a 1,000,000-row
// CSV file then took 1.7–1.9 s and 178–181 MB instead of 1.3 s and 117–120 MB (5 of 13 runs; none of 23
// without it; docs/scale-measurements.md, session 15). Marking on the main thread costs a few
// milliseconds a cycle.
// Set before any file is read; the output is the same byte for byte.
setFlagsFromString("--no-concurrent-marking");

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
    else {
      reportProblem(failure.message);
      for (const problem of failure.more) reportMoreProblem(problem);
    }
    process.exitCode = failure.code;
  },
);
