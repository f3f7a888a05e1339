import type { BadEvent, BadEventSink, BadEventsMode } from "./badEvents.js";
import { placeText } from "./badEvents.js";
import { compareIds } from "./batchRating.js";
import { flagChoice, UsageLineError } from "./cliSupport.js";

/** The bad events a hold-mode batch set aside, in file order, and the invoices they hold. */
export interface Screened {
  readonly bad: ReadonlyArray<BadEvent>;
  /** The billed customers whose own bad events hold their invoice. */
  readonly held: ReadonlySet<string>;
  /** A bad event names no customer: any invoice may be missing it, so every invoice is held. */
  readonly all: boolean;
}

/** A sink that keeps every bad event handed to it, in the order the reader met them (file order). */
export function badEventCollector(): { readonly sink: BadEventSink; readonly bad: BadEvent[] } {
  const bad: BadEvent[] = [];
  return { sink: (event) => bad.push(event), bad };
}

/**
 * What the bad events hold: the invoice of every billed customer one of them names, or every invoice
 * when one names no customer (it cannot be told whose usage it was, so no invoice is known complete).
 */
export function screened(bad: ReadonlyArray<BadEvent>, billed: ReadonlyArray<string>): Screened {
  const billedSet = new Set(billed);
  const held = new Set<string>();
  let all = false;
  for (const event of bad) {
    if (event.customer === undefined) all = true;
    else if (billedSet.has(event.customer)) held.add(event.customer);
  }
  return { bad, held, all };
}

/** True when the screen holds this customer's invoice. */
export const isHeld = (screen: Screened, customer: string) => screen.all || screen.held.has(customer);

/** The bad events' account in the JSON summary (`--summary`, `--format json`), under `badEvents`. */
export interface BadEventsSummary {
  readonly events: number;
  /** Bad events per refusal code, codes in code-unit order. */
  readonly reasons: ReadonlyArray<{ readonly reason: string; readonly events: number }>;
  readonly invoicesHeld: number;
  readonly everyInvoiceHeld: boolean;
  /**
   * Every good event read of a customer a contract bills, issued or held: the summary's `eventsRead`
   * (the issued invoices' events) plus `eventsOfHeldCustomers`.
   */
  readonly allEventsRead: number;
  /** The good events of the held customers: read, not rated until their invoices are issued. */
  readonly eventsOfHeldCustomers: number;
  /** Each held customer (id order): its bad events and the first five, with their sentences. */
  readonly held: ReadonlyArray<{
    readonly customer: string;
    readonly events: number;
    readonly first: ReadonlyArray<{ readonly at: string; readonly message: string }>;
  }>;
  /** Bad events that name no customer: their count and the first five. */
  readonly withoutCustomer: {
    readonly events: number;
    readonly first: ReadonlyArray<{ readonly at: string; readonly message: string }>;
  };
  /** Bad events of customers no contract bills (nothing to hold, still set aside and counted). */
  readonly withoutContract: { readonly events: number; readonly customers: number };
}

const FIRST = 5;

/**
 * The summary's account of a screen, for `contracts` contracts in the batch, given each billed
 * customer's good events (`read`) and the events the issued invoices read.
 */
export function badEventsSummary(
  screen: Screened,
  contracts: number,
  events: { readonly read: ReadonlyMap<string, number>; readonly issuedEventsRead: number },
): BadEventsSummary {
  const reasons = new Map<string, number>();
  const byCustomer = new Map<string, BadEvent[]>();
  const without: BadEvent[] = [];
  const unbilled = new Set<string>();
  let unbilledEvents = 0;
  for (const event of screen.bad) {
    reasons.set(event.reason, (reasons.get(event.reason) ?? 0) + 1);
    if (event.customer === undefined) without.push(event);
    else if (screen.held.has(event.customer)) {
      const own = byCustomer.get(event.customer) ?? [];
      own.push(event);
      byCustomer.set(event.customer, own);
    } else {
      unbilledEvents += 1;
      unbilled.add(event.customer);
    }
  }
  let ofHeld = 0;
  for (const [customer, count] of events.read) if (isHeld(screen, customer)) ofHeld += count;
  const first = (events: ReadonlyArray<BadEvent>) =>
    events.slice(0, FIRST).map((event) => ({ at: placeText(event.place), message: event.message }));
  return {
    events: screen.bad.length,
    reasons: [...reasons]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([reason, events]) => ({ reason, events })),
    invoicesHeld: screen.all ? contracts : screen.held.size,
    everyInvoiceHeld: screen.all,
    allEventsRead: events.issuedEventsRead + ofHeld,
    eventsOfHeldCustomers: ofHeld,
    held: [...byCustomer]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([customer, events]) => ({ customer, events: events.length, first: first(events) })),
    withoutCustomer: { events: without.length, first: first(without) },
    withoutContract: { events: unbilledEvents, customers: unbilled.size },
  };
}

/** --bad-events as named: stop (the default) or hold. @throws UsageLineError for anything else */
export function badEventsModeNamed(value: string | undefined, quarantine: string | undefined): BadEventsMode {
  const mode = flagChoice("--bad-events", value ?? "stop", ["stop", "hold"]);
  if (mode === "stop" && quarantine !== undefined)
    throw new UsageLineError(
      "--quarantine FILE writes the events --bad-events hold sets aside; with --bad-events stop the batch stops at the first one instead. Add --bad-events hold",
    );
  return mode;
}
