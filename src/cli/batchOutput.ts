import { type FileHandle, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isatty } from "node:tty";
import { InputError } from "../index.js";
import { writeFailure } from "./explainOutput.js";
import { outputFileUnwritable } from "./messages.js";

/** Where a batch writes its invoices, line by line, as they come in order. */
interface OrderedOutput {
  readonly write: (text: string) => Promise<void>;
  /** Standard output on a terminal, or a terminal's device (`/dev/tty`) given as the file. */
  readonly isTerminal: boolean;
  /** Every invoice is written: the file takes its name. */
  readonly close: () => Promise<void>;
  /** The batch failed: nothing it wrote is left under the file's name (nor beside it). */
  readonly discard: () => Promise<void>;
}

/**
 * `--output FILE` opened before any rating (an unwritable path fails at once, exit 2), or standard
 * output; writes wait for the stream to drain, so a slow reader holds back the batch, not memory.
 * A regular file is written under a temporary name beside it and renamed when the batch is done: a
 * billing run is issued whole or not at all (docs/cli.md), so a batch that fails part-way leaves neither
 * the invoices rated before the failure under FILE nor an earlier FILE truncated. A device or a pipe
 * (`/dev/stdout`) is written in place, as standard output is.
 */
async function openOrderedOutput(file: string | undefined, flag = "--output"): Promise<OrderedOutput> {
  if (file === undefined)
    return {
      write: (text) =>
        new Promise((resolve) => {
          if (process.stdout.write(text)) resolve();
          else process.stdout.once("drain", () => resolve());
        }),
      isTerminal: process.stdout.isTTY === true,
      close: async () => {},
      discard: async () => {},
    };
  const inPlace = await isSpecialFile(file);
  // The process id keeps two batches writing one FILE at once from sharing a temporary file.
  const written = inPlace ? file : join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
  const handle = await openFor(written, file, flag);
  return {
    write: async (text) => {
      await handle.write(text);
    },
    isTerminal: inPlace && isatty(handle.fd),
    close: async () => {
      await handle.close();
      if (!inPlace) await rename(written, file);
    },
    discard: async () => {
      await handle.close();
      if (!inPlace) await unlink(written);
    },
  };
}

// A character device, a FIFO or a socket: renaming a file over it would replace it, not write to it.
async function isSpecialFile(file: string): Promise<boolean> {
  try {
    return !(await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function openFor(written: string, file: string, flag: string): Promise<FileHandle> {
  try {
    return await open(written, "w");
  } catch (error) {
    throw InputError.from(
      outputFileUnwritable(file, writeFailure((error as NodeJS.ErrnoException).code), flag),
      "",
    );
  }
}

/** The files a batch writes: its invoices (`--output`, or standard output), and `--summary` and `--quarantine` when given. */
export interface BatchOutputs {
  readonly invoices: OrderedOutput;
  readonly summary?: OrderedOutput;
  readonly quarantine?: OrderedOutput;
  /** The batch is done: each file takes its name. */
  readonly close: () => Promise<void>;
  /** The batch failed: none of its files is left. */
  readonly discard: () => Promise<void>;
}

/**
 * Opens every file a batch writes before any rating, each the way `--output` is (written beside and
 * renamed when done). A `--summary` or `--quarantine` path that cannot be written then fails at once,
 * exit 2, naming its own flag: it was written last, after every invoice had been rated and streamed to
 * standard output and the summary printed, and was blamed on `--output` (a batch given only `--summary
 * missing/summary.json` said `--output missing/summary.json: its folder does not exist`).
 */
export async function openBatchOutputs(files: {
  readonly output?: string | undefined;
  readonly summary?: string | undefined;
  readonly quarantine?: string | undefined;
}): Promise<BatchOutputs> {
  const opened: OrderedOutput[] = [];
  const open = async (file: string | undefined, flag: string) => {
    const output = await openOrderedOutput(file, flag);
    opened.push(output);
    return output;
  };
  try {
    const invoices = await open(files.output, "--output");
    const summary = files.summary === undefined ? undefined : await open(files.summary, "--summary");
    const quarantine =
      files.quarantine === undefined ? undefined : await open(files.quarantine, "--quarantine");
    return {
      invoices,
      ...(summary === undefined ? {} : { summary }),
      ...(quarantine === undefined ? {} : { quarantine }),
      close: async () => {
        for (const output of opened) await output.close();
      },
      discard: () => discardAll(opened),
    };
  } catch (error) {
    await discardAll(opened);
    throw error;
  }
}

async function discardAll(opened: ReadonlyArray<OrderedOutput>): Promise<void> {
  for (const output of opened) await output.discard();
}
