import { type FileHandle, open } from "node:fs/promises";
import { InputError } from "../index.js";
import { writeFailure } from "./explainOutput.js";
import { outputFileUnwritable } from "./messages.js";

/** Where a batch writes its invoices, line by line, as they come in order. */
export interface OrderedOutput {
  readonly write: (text: string) => Promise<void>;
  readonly close: () => Promise<void>;
}

/**
 * `--output FILE` opened before any rating (an unwritable path fails at once, exit 2), or standard
 * output; writes wait for the stream to drain, so a slow reader holds back the batch, not memory.
 */
export async function openOrderedOutput(file: string | undefined): Promise<OrderedOutput> {
  if (file === undefined)
    return {
      write: (text) =>
        new Promise((resolve) => {
          if (process.stdout.write(text)) resolve();
          else process.stdout.once("drain", () => resolve());
        }),
      close: async () => {},
    };
  let handle: FileHandle;
  try {
    handle = await open(file, "w");
  } catch (error) {
    throw InputError.from(
      outputFileUnwritable(file, writeFailure((error as NodeJS.ErrnoException).code)),
      "",
    );
  }
  return {
    write: async (text) => {
      await handle.write(text);
    },
    close: () => handle.close(),
  };
}
