import type { Contract, Invoice, RateInvoiceOptions } from "../../../src/index.js";
import { type ContractOverrides, usageEvent } from "../../_support/contract.js";

/**
 * One invoice that holds a line with a step (or a usage computation) of some kind, and what that
 * line's explanation must say: the step's numbers, written as a specialist reads them. The
 * arithmetic is worked by hand in the comment above each case.
 */
export interface StepCase {
  readonly contract: ContractOverrides;
  readonly usage: ReadonlyArray<unknown>;
  /** The invoice period (default 2026-02). */
  readonly period?: string;
  readonly options?: RateInvoiceOptions;
  /** The id of the line to explain (default: the first line with a step of the kind). */
  readonly line?: string;
  readonly says: ReadonlyArray<string>;
  /** How the invoice is rated, when not by `rateInvoice` (a progressive sequence's closing invoice). */
  readonly rate?: (contract: Contract, usage: ReadonlyArray<unknown>, period: string) => Invoice;
}

/** An instant on the given day of February 2026 (UTC). */
export const february = (day: string, time = "12:00:00") => `2026-02-${day}T${time}Z`;

/** One event of type `type` on 3 February with these properties. */
export const oneEvent = (type: string, properties: Readonly<Record<string, unknown>>, id = "e1") =>
  usageEvent(id, type, february("03"), properties);
