import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  type BatchOutcome,
  type BatchSettings,
  type BatchTask,
  forWorker,
  rateBatchTasks,
} from "./batchRating.js";
import { UsageLineError } from "./cliSupport.js";

/** Tasks per message to a worker: enough to outweigh a message's cost, few enough to share the work out evenly. */
const CHUNK = 32;

/**
 * Rates the tasks with `workers` threads (in this thread when `workers` is 1, or when there is at most
 * one chunk of work), handing each idle thread the next chunk. `deliver` receives the outcomes in task
 * order, whatever order the threads finish in, so the output never depends on the thread count.
 */
export async function rateInPool(
  tasks: ReadonlyArray<BatchTask>,
  settings: BatchSettings,
  workers: number,
  deliver: (outcomes: ReadonlyArray<BatchOutcome>) => Promise<void>,
): Promise<void> {
  const chunks: BatchTask[][] = [];
  for (let start = 0; start < tasks.length; start += CHUNK) chunks.push(tasks.slice(start, start + CHUNK));
  if (workers <= 1 || chunks.length <= 1) {
    for (const chunk of chunks) await deliver(rateBatchTasks(chunk, settings));
    return;
  }
  const threads = Array.from(
    { length: Math.min(workers, chunks.length) },
    () => new Worker(new URL("./batchWorker.js", import.meta.url), { workerData: settings }),
  );
  const done = new Map<number, ReadonlyArray<BatchOutcome>>();
  let nextToSend = 0;
  let nextToDeliver = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let delivering = Promise.resolve();
      const send = (thread: Worker) => {
        if (nextToSend < chunks.length) {
          thread.postMessage({ id: nextToSend, tasks: (chunks[nextToSend] as BatchTask[]).map(forWorker) });
          nextToSend += 1;
        }
      };
      for (const thread of threads) {
        thread.on("error", reject);
        thread.on("message", (message: { id: number; outcomes: ReadonlyArray<BatchOutcome> }) => {
          done.set(message.id, message.outcomes);
          send(thread);
          // Delivered one after another, in chunk order, as soon as the chunks before are in.
          delivering = delivering.then(async () => {
            while (done.has(nextToDeliver)) {
              const outcomes = done.get(nextToDeliver)!;
              done.delete(nextToDeliver);
              nextToDeliver += 1;
              await deliver(outcomes);
            }
            if (nextToDeliver === chunks.length) resolve();
          }, reject);
          delivering.catch(reject);
        });
        send(thread);
      }
    });
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

/** The threads --workers names (default: the machine's cores). @throws UsageLineError for anything but 1 to 999 */
export function workerCount(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  if (!/^[1-9]\d{0,2}$/.test(value))
    throw new UsageLineError(`--workers must be a whole number from 1 to 999, not "${value}"`);
  return Number(value);
}
