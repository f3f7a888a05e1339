import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ContractInput, parseContract, safeParseContract } from "../../src/contracts/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { parseUsageEvent } from "../../src/schema/index.js";
import {
  formatInstant,
  LATEST_INSTANT,
  parsePeriod,
  safeParseInstant,
  safeParseLocalDate,
} from "../../src/time/index.js";
import { buildContractJson, type ContractOverrides, flatCharge, unitCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

const year4 = (year: number) => String(year).padStart(4, "0");

// The metered contract with a flat fee besides its usage charge.
function contract(extra: ContractOverrides = {}): ContractInput {
  return buildContractJson(
    { id: "ctr_metered", charges: [unitCharge("use", "Use", "m"), flatCharge("fee", "Fee", "10")] },
    extra,
  );
}

function problemAt(input: ContractInput) {
  const result = safeParseContract(input);
  if (result.success) throw new Error("expected the contract to be refused");
  return { code: result.error.code, path: result.error.path };
}

describe("years outside 1970–9999 are refused, never read as 1900–1999", () => {
  it("refuses the period 0026-02 instead of rating February 1926", () => {
    expect(thrown(() => parsePeriod("0026-02", "UTC"))).toMatchObject({
      code: "invalid_period",
      path: "period",
    });
    expect(thrown(() => parsePeriod("0026-02-01/0026-03-01", "UTC"))).toMatchObject({
      code: "invalid_period",
    });
    expect(thrown(() => parsePeriod("2026-02-01/0026-03-01", "UTC"))).toMatchObject({
      code: "invalid_period",
    });
    expect(thrown(() => parsePeriod("1969-12", "UTC"))).toMatchObject({ code: "invalid_period" });
    const contractOf2026 = parseContract(contract());
    expect(thrown(() => rateInvoice(contractOf2026, [], "0026-02"))).toMatchObject({
      code: "invalid_period",
    });
  });

  it("names the real calendar problem of a range side (2026-02-30), not a generic one", () => {
    expect(thrown(() => parsePeriod("2026-02-01/2026-02-30", "UTC"))).toMatchObject({
      code: "invalid_period",
      message: expect.stringContaining('"2026-02-30" is not a real calendar date'),
    });
  });

  it("keeps the first and last supported years exact", () => {
    // 1970-01 in UTC: 1970-01-01T00:00Z to 1970-02-01T00:00Z (epoch 0 to 31 days later)
    const first = parsePeriod("1970-01", "UTC");
    expect([first.start, first.end]).toEqual([0, 31 * 86_400_000]);
    expect(formatInstant(parsePeriod("9999-11", "UTC").end)).toBe("9999-12-01T00:00:00.000Z");
  });

  it("refuses a billing period that ends after 9999-12-31, since an invoice writes four-digit years", () => {
    // December 9999 ends at 10000-01-01T00:00Z, one millisecond after the last supported instant
    const endless = parseContract(contract({ term: { start: "9999-01-01" } }));
    expect(thrown(() => rateInvoice(endless, [], "9999-12"))).toMatchObject({ code: "invalid_period" });
    expect(rateInvoice(endless, [], "9999-11").period.end).toBe("9999-12-01T00:00:00.000Z");
    expect(LATEST_INSTANT).toBe(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
  });

  it("refuses the next period's fee in advance when that period would end after 9999", () => {
    const advance = parseContract(
      contract({
        term: { start: "9999-01-01" },
        charges: [{ id: "fee", name: "Fee", price: { model: "flat", amount: "10" }, billed: "in_advance" }],
      }),
    );
    expect(thrown(() => rateInvoice(advance, [], "9999-11"))).toMatchObject({ code: "invalid_period" });
  });

  it("refuses such years in every date and timestamp of a contract, at the field's path", () => {
    const cases: [Partial<ContractInput>, string, string][] = [
      [{ term: { start: "0026-01-01" } }, "term.start", "invalid_field"],
      [{ term: { start: "2026-01-01", end: "0027-01-01" } }, "term.end", "invalid_field"],
      [{ term: { start: "0026-01-01T00:00:00Z" } }, "term.start", "invalid_instant"],
      [{ trial: { end: "0026-03-01" } }, "trial.end", "invalid_field"],
      [
        { amendments: [{ id: "a", effective: "0026-03-01", remove: ["fee"] }] },
        "amendments[0].effective",
        "invalid_field",
      ],
      [
        { overrides: [{ id: "o", charge: "fee", from: "1969-12-31", multiplier: "0.5" }] },
        "overrides[0].from",
        "invalid_field",
      ],
      [
        { discounts: [{ id: "d", name: "D", percent: "10", from: "0026-01-01" }] },
        "discounts[0].from",
        "invalid_field",
      ],
      [
        { discounts: [{ id: "d", name: "D", percent: "10", until: "0099-12-31" }] },
        "discounts[0].until",
        "invalid_field",
      ],
      [
        {
          credits: [{ id: "g", name: "G", kind: "promotional", amount: "10", effective: "0026-01-01" }],
        },
        "credits[0].effective",
        "invalid_field",
      ],
      [
        { credits: [{ id: "g", name: "G", kind: "promotional", amount: "10", expires: "0027-01-01" }] },
        "credits[0].expires",
        "invalid_field",
      ],
    ];
    for (const [extra, path, code] of cases) expect(problemAt(contract(extra))).toEqual({ code, path });
  });

  it("refuses an event stamped in year 0026 with the event's path", () => {
    const event = {
      id: "e1",
      type: "e",
      customer: "cus",
      timestamp: "0026-02-03T10:00:00Z",
      properties: { v: 1 },
    };
    expect(thrown(() => parseUsageEvent(event, 4))).toMatchObject({
      name: "UsageError",
      code: "invalid_instant",
      path: "[4].timestamp",
    });
  });

  it("refuses every year before 1970 in dates, timestamps and periods, and accepts every year from 1970 to 9999 exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const date = `${year4(year)}-${String(month).padStart(2, "0")}-01`;
        const supported = year >= 1970;
        expect(safeParseLocalDate(date).success).toBe(supported);
        expect(safeParseInstant(`${date}T00:00:00Z`).success).toBe(supported);
        if (!supported) {
          expect(thrown(() => parsePeriod(date.slice(0, 7), "UTC"))).toMatchObject({
            code: "invalid_period",
          });
          return;
        }
        // The written year is the year rated: the month starts on that date at midnight UTC.
        expect(formatInstant(parsePeriod(date.slice(0, 7), "UTC").start)).toBe(`${date}T00:00:00.000Z`);
      }),
    );
  });
});
