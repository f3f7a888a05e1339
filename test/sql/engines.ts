import {
  type PreparedRating,
  parseContract,
  prepareRating,
  type SqlDialectName,
  type UsageAggregates,
} from "../../src/index.js";

/** An event as the tests load it into an engine: properties as JSON text. */
export interface TableEvent {
  readonly id: string;
  readonly type: string;
  readonly customer: string;
  readonly timestamp: string;
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** A real engine the tests run compiled SQL on: load a table of events, run a query, close. */
export interface TestEngine {
  readonly dialect: SqlDialectName;
  load(events: ReadonlyArray<TableEvent>): Promise<void>;
  run(sql: string): Promise<unknown[]>;
  close(): Promise<void>;
}

/**
 * Closes an engine a `beforeAll` started. When that `beforeAll` failed before the engine started, there
 * is nothing to close: the hook's own TypeError ("reading 'close'") would be reported beside, and read
 * before, the error that says why the engine did not start.
 */
export async function closeStarted(engine: TestEngine | undefined): Promise<void> {
  await engine?.close();
}

export const quote = (text: string) => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
export const standard = (text: string) => `'${text.replaceAll("'", "''")}'`;

export function valuesOf(events: ReadonlyArray<TableEvent>, literal: (text: string) => string): string {
  return events
    .map(
      (event) =>
        `(${[event.id, event.type, event.customer, event.timestamp, JSON.stringify(event.properties ?? {})].map(literal).join(", ")})`,
    )
    .join(", ");
}

/** What the SQL tests' contracts share: customer cus_a, billed monthly in USD, UTC, from 2026. */
export const contractHead = {
  schemaVersion: 1,
  customer: { id: "cus_a", name: "A" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly", alignment: "calendar" },
  term: { start: "2026-01-01" },
} as const;

/**
 * A contract that counts `api.call` events at 1.00 each, prepared for February 2026: the smallest one
 * whose aggregates show which copies of an event were counted and which left out.
 */
export function countCallsPrepared(id: string): PreparedRating {
  return prepareRating(
    parseContract({
      ...contractHead,
      id,
      meters: [{ id: "calls", eventType: "api.call", aggregation: "count", unit: "calls" }],
      charges: [{ id: "calls", name: "Calls", meter: "calls", price: { model: "unit", unitPrice: "1" } }],
    }),
    "2026-02",
  );
}

/**
 * A contract that sums the `gb` of `egress` events and keeps the latest one, at 1.00 each, prepared for
 * February 2026: the instants an engine reads show in which events are counted and which is the latest.
 */
export function sumAndLatestPrepared(id: string): PreparedRating {
  return prepareRating(
    parseContract({
      ...contractHead,
      id,
      meters: [
        { id: "gb", eventType: "egress", aggregation: "sum", valueProperty: "gb" },
        { id: "last", eventType: "egress", aggregation: "latest", valueProperty: "gb" },
      ],
      charges: ["gb", "last"].map((meter) => ({
        id: meter,
        name: meter,
        meter,
        price: { model: "unit", unitPrice: "1" },
      })),
    }),
    "2026-02",
  );
}

/** Loads the events into the engine, aggregates them there and checks them equal to the in-memory aggregates. */
export type AggregatedOn = (prepared: PreparedRating, events: TableEvent[]) => Promise<UsageAggregates>;

/** An event of customer cus_a at an ISO 8601 instant. */
export const eventAt = (
  id: string,
  type: string,
  timestamp: string,
  properties: Record<string, unknown>,
): TableEvent => ({ id, type, customer: "cus_a", timestamp, properties });
