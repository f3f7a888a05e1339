import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  parseUsageEvent,
  prepareRating,
  rateFromAggregates,
  rateInvoice,
} from "../../src/index.js";
import { buildContract, SEATS_METER, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// A misspelt field of a usage event, of a rating call's options or of an aggregates envelope says what
// it most likely meant, from the input's schema, as a contract's does ("did you mean …"), at the
// field's JSON path. These fields are optional, so no required field left out was there to match.

// The refusal `run` throws: a RatecardError with these fields.
const refused = (run: () => unknown, fields: Record<string, unknown>) =>
  expect(run).toThrow(expect.objectContaining(fields));

const contract = buildContract({ meters: [sumMeter("cpu")], charges: [unitCharge("cpu", "CPU", "cpu")] });
const seats = buildContract({
  meters: [SEATS_METER],
  charges: [{ id: "seats", name: "Seats", meter: "seats", price: { model: "unit", unitPrice: "10" } }],
});

describe("unknown fields of events, options and aggregates say what they most likely meant", () => {
  it("a usage event's `propertes` (the optional properties) at its index", () => {
    const event = { id: "e1", type: "cpu", customer: "cus", timestamp: "2026-03-10T12:00:00Z" };
    refused(() => parseUsageEvent({ ...event, propertes: { v: "5" } }, 3), {
      code: "unknown_field",
      path: "[3].propertes",
      message: expect.stringContaining(
        '[3].propertes is not a field ratecard knows here; did you mean "properties"?',
      ),
    });
  });

  it("a rating option's `creditBalance` and `daly`, in rateInvoice and rateFromAggregates", () => {
    refused(() => rateInvoice(contract, [], "2026-03", { creditBalance: {} } as never), {
      code: "invalid_argument",
      path: "options.creditBalance",
      message: expect.stringContaining(
        '"creditBalance" is not an option of this function; did you mean "creditBalances"?',
      ),
    });
    const prepared = prepareRating(contract, "2026-03");
    const aggregates = aggregateForRating(prepared, []);
    refused(() => rateFromAggregates(prepared, aggregates, { daly: true } as never), {
      path: "options.daly",
      message: expect.stringContaining('did you mean "daily"?'),
    });
  });

  it("a carried state's `activ` (options.carried, as a --carry file holds it)", () => {
    const carried = { seats: { activ: ["u1"] } };
    refused(() => rateInvoice(seats, [], "2026-03", { carried } as never), {
      code: "unknown_field",
      path: "options.carried.seats.activ",
      message: expect.stringContaining('did you mean "active"?'),
    });
  });

  it("an aggregates envelope's `madeFr` and `dayly`", () => {
    const prepared = prepareRating(contract, "2026-03");
    const { madeFor, ...rest } = aggregateForRating(prepared, [
      usageEvent("a", "cpu", "2026-03-10T12:00:00Z", { v: "5" }),
    ]) as unknown as Record<string, unknown>;
    refused(() => rateFromAggregates(prepared, { ...rest, madeFr: madeFor } as never), {
      code: "unknown_field",
      path: "madeFr",
      message: expect.stringContaining('did you mean "madeFor"?'),
    });
    refused(() => rateFromAggregates(prepared, { ...rest, dayly: true } as never), {
      path: "dayly",
      message: expect.stringContaining('did you mean "daily"?'),
    });
    // inside the states: the optional idsReusedByOtherCustomers, its plural's s left off
    const whole = { ...(rest.whole as object), idsReusedByOtherCustomer: { ids: 1, sampleIds: ["a"] } };
    refused(() => rateFromAggregates(prepared, { ...rest, madeFor, whole } as never), {
      path: "whole.idsReusedByOtherCustomer",
      message: expect.stringContaining('did you mean "idsReusedByOtherCustomers"?'),
    });
  });

  it("a name close to none still asks to check the spelling", () => {
    refused(() => rateInvoice(contract, [], "2026-03", { colour: "red" } as never), {
      message: expect.stringContaining("check the spelling"),
    });
  });
});
