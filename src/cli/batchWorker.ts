// A worker thread of `ratecard batch`: rates the tasks the main thread sends, in the order sent, and
// posts back one outcome per task. It holds no state between messages but the settings.
import { parentPort, workerData } from "node:worker_threads";
import { type BatchSettings, type BatchTask, rateBatchTasks } from "./batchRating.js";

const settings = workerData as BatchSettings;
parentPort?.on("message", (message: { readonly id: number; readonly tasks: ReadonlyArray<BatchTask> }) => {
  parentPort?.postMessage({ id: message.id, outcomes: rateBatchTasks(message.tasks, settings) });
});
