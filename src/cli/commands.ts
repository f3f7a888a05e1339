import { batchCommand } from "./batchCommand.js";
import { checkCommand } from "./checkCommand.js";
import { creditNoteCommand } from "./creditNoteCommand.js";
import type { RatecardCommand } from "./defineCommand.js";
import { diffCommand } from "./diffCommand.js";
import { explainCommand } from "./explainCommand.js";
import { exportCommand } from "./exportCommand.js";
import { invoiceCommand } from "./invoiceCommand.js";
import { lateUsageCommand } from "./lateUsageCommand.js";
import { previewCommand } from "./previewCommand.js";
import { progressiveCommand } from "./progressiveCommand.js";
import { quoteCommand } from "./quoteCommand.js";
import { reconcileCommand } from "./reconcileCommand.js";
import { schemaCommand } from "./schemaCommand.js";
import { usageCommand } from "./usageCommand.js";
import { validateCommand } from "./validateCommand.js";
import { whatIfCommand } from "./whatIfCommand.js";

/**
 * Every command of `ratecard`, in the order `ratecard --help` lists them. A new command is one file
 * (`export const fooCommand = defineCommand({ … })`) and one line here.
 */
export const COMMANDS: ReadonlyArray<RatecardCommand> = [
  invoiceCommand,
  batchCommand,
  previewCommand,
  lateUsageCommand,
  progressiveCommand,
  explainCommand,
  usageCommand,
  validateCommand,
  schemaCommand,
  quoteCommand,
  creditNoteCommand,
  checkCommand,
  diffCommand,
  reconcileCommand,
  whatIfCommand,
  exportCommand,
];
