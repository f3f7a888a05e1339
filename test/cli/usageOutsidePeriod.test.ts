import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { usageOutsidePeriod } from "../../src/cli/messages.js";
import { mostlyOutsidePeriod } from "../../src/cli/usageOutsidePeriod.js";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// A usage file of another month (every event outside --period) billed zero usage, exit 0, with no word
// but the usage report's count (until 7 December 2026). Now a warning names the period asked and the
// span of the events' timestamps, for invoice and batch; no invoice and no exit code changes.
const scratch = scratchFolder("ratecard-outside-period-", assertCliBuilt);

const event = (id: string, customer: string, timestamp: string) =>
  JSON.stringify({ id, type: "egress", customer, timestamp, properties: { gb: "1" } });
const outside = (reason: string, events: number) => ({ reason, events });

describe("mostlyOutsidePeriod", () => {
  it("fires from 99 in 100 of the billed events outside the period, another customer's not counted", () => {
    // 100 read, 99 outside: 99 × 100 = 9,900 ≥ 100 × 99 = 9,900
    expect(mostlyOutsidePeriod({ eventsRead: 100, excluded: [outside("outside_period", 99)] })).toEqual({
      outside: 99,
      of: 100,
    });
    // 98 of 100: 9,800 < 9,900
    expect(
      mostlyOutsidePeriod({ eventsRead: 100, excluded: [outside("outside_period", 98)] }),
    ).toBeUndefined();
    // 150 read, 50 another customer's: of 100, 99 outside fires
    const mixed = [outside("other_customer", 50), outside("outside_period", 99)];
    expect(mostlyOutsidePeriod({ eventsRead: 150, excluded: mixed })).toEqual({ outside: 99, of: 100 });
    expect(mostlyOutsidePeriod({ eventsRead: 0, excluded: [] })).toBeUndefined();
    expect(mostlyOutsidePeriod({ eventsRead: 5, excluded: [outside("duplicate_id", 5)] })).toBeUndefined();
  });

  it("fires exactly when outside × 100 ≥ billed × 99, with an event outside", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.nat(10_000), (others, billed, out) => {
        const outsideCount = Math.min(out, billed);
        const found = mostlyOutsidePeriod({
          eventsRead: others + billed,
          excluded: [outside("other_customer", others), outside("outside_period", outsideCount)],
        });
        const fires = outsideCount > 0 && outsideCount * 100 >= billed * 99;
        expect(found).toEqual(fires ? { outside: outsideCount, of: billed } : undefined);
      }),
    );
  });
});

describe("a usage file whose events lie outside --period", () => {
  // cus_a, cus_b, cus_c at $0.05 per GB (egressContractJson, terms from 2026-01-01), one event each in
  // February: on the 10th, 11th and 12th. Rated for March.
  const february = () =>
    scratch.file(
      "february.ndjson",
      [
        event("a1", "cus_a", "2026-02-10T00:00:00Z"),
        event("b1", "cus_b", "2026-02-11T00:00:00Z"),
        event("c1", "cus_c", "2026-02-12T00:00:00Z"),
        "",
      ].join("\n"),
    );
  const contracts = () =>
    scratch.file(
      "contracts.ndjson",
      ["cus_a", "cus_b", "cus_c"].map((c) => `${JSON.stringify(egressContractJson(c))}\n`).join(""),
    );

  it("warns in batch with the period asked and the events' span, exit 0 and the same invoices", () => {
    const usage = february();
    const folder = contracts();
    const march = runCli(
      "batch",
      "--contracts",
      folder,
      "--usage",
      usage,
      "--period",
      "2026-03",
      "--workers",
      "1",
    );
    expect(march.code).toBe(0);
    // 3 invoices of 0.00: every event outside March
    expect(
      march.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line).total),
    ).toEqual(["0.00", "0.00", "0.00"]);
    expect(march.stderr).toContain(
      `ratecard: warning: every one of the 3 billed events read from ${usage} lies outside --period 2026-03: their timestamps run from 2026-02-10T00:00:00.000Z to 2026-02-12T00:00:00.000Z. Is it the usage file of another period? No usage is billed from events outside the period.\n`,
    );
    // February itself: 1 GB each, no warning
    const feb = runCli(
      "batch",
      "--contracts",
      folder,
      "--usage",
      usage,
      "--period",
      "2026-02",
      "--workers",
      "1",
    );
    expect(feb.stderr).not.toContain("ratecard: warning");
  });

  it("warns in invoice over the contract's customer's events only (another customer's are not its own)", () => {
    const usage = february();
    const contract = scratch.file("cus_b.json", JSON.stringify(egressContractJson("cus_b")));
    const invoice = (period: string) =>
      runCli("invoice", "--contract", contract, "--usage", usage, "--period", period, "--format", "json");
    const march = invoice("2026-03");
    // 3 read, 2 of other customers: cus_b's 1 event, on the 11th, outside March
    expect([march.code, JSON.parse(march.stdout).total]).toEqual([0, "0.00"]);
    expect(march.stderr).toBe(
      `ratecard: warning: the 1 billed event read from ${usage} lies outside --period 2026-03: their timestamps run from 2026-02-11T00:00:00.000Z to 2026-02-11T00:00:00.000Z. Is it the usage file of another period? No usage is billed from events outside the period.\n`,
    );
    expect(invoice("2026-02").stderr).toBe("");
  });

  it("warns for all but a negligible share: 99 of 100 outside, not 98", () => {
    const contract = scratch.file("cus_a.json", JSON.stringify(egressContractJson("cus_a")));
    // January's events on 2026-01-01 … 2026-01-(n), and 100 − n in March (inside --period 2026-03)
    const file = (name: string, january: number) =>
      scratch.file(
        name,
        Array.from({ length: 100 }, (_, i) =>
          i < january
            ? event(`j${i}`, "cus_a", `2026-01-${String((i % 28) + 1).padStart(2, "0")}T00:00:00Z`)
            : event(`m${i}`, "cus_a", "2026-03-05T00:00:00Z"),
        ).join("\n"),
      );
    const stderrOf = (usage: string) =>
      runCli("invoice", "--contract", contract, "--usage", usage, "--period", "2026-03", "--format", "json")
        .stderr;
    const ninetyNine = file("ninety-nine.ndjson", 99);
    // 99 of 100 outside: the span is of all 100 of cus_a's events, 2026-01-01 to the March one
    expect(stderrOf(ninetyNine)).toBe(
      `ratecard: warning: 99 of the 100 billed events read from ${ninetyNine} lie outside --period 2026-03: their timestamps run from 2026-01-01T00:00:00.000Z to 2026-03-05T00:00:00.000Z. Is it the usage file of another period? No usage is billed from events outside the period.\n`,
    );
    expect(stderrOf(file("ninety-eight.ndjson", 98))).toBe("");
  });
});

describe("events of --period outside the contract's term", () => {
  // A contract from 25 March (a term, or a cancellation, that cuts --period): its invoice for 2026-03
  // covers 25 March to 1 April, and events of 1–24 March are excluded as outside the invoice's period.
  // They are March's, not another period's: until 7 December 2026 the warning said "every one of the 3
  // billed events … lies outside --period 2026-03: their timestamps run from 2026-03-01 … to 2026-03-10".
  const contract = () =>
    scratch.file(
      "cus_late.json",
      JSON.stringify(egressContractJson("cus_late", "USD", { term: { start: "2026-03-25" } })),
    );
  const usageOn = (name: string, days: ReadonlyArray<string>) =>
    scratch.file(name, days.map((day, i) => event(`e${i}`, "cus_late", `${day}T00:00:00Z`)).join("\n"));
  const invoice = (usage: string) =>
    runCli("invoice", "--contract", contract(), "--usage", usage, "--period", "2026-03", "--format", "json");

  it("are not warned of as another period's, in invoice and batch", () => {
    const usage = usageOn("march-before-term.ndjson", ["2026-03-01", "2026-03-05", "2026-03-10"]);
    const march = invoice(usage);
    // 3 read, 3 outside the invoice's period (25 March on), none outside March: 0 of 3, no warning
    expect(JSON.parse(march.stdout).usage.excluded).toMatchObject([{ reason: "outside_period", events: 3 }]);
    expect(march.stderr).toBe("");
    const folder = scratch.file(
      "late-contracts.ndjson",
      `${JSON.stringify(egressContractJson("cus_late", "USD", { term: { start: "2026-03-25" } }))}\n`,
    );
    const batch = runCli(
      "batch",
      "--contracts",
      folder,
      "--usage",
      usage,
      "--period",
      "2026-03",
      "--workers",
      "1",
    );
    expect([batch.code, batch.stderr]).toEqual([0, expect.not.stringContaining("ratecard: warning")]);
  });

  it("are taken off the events outside --period, which are still warned of", () => {
    // February's file for such a contract: all 3 outside March as before, warned of
    const february = usageOn("february-late.ndjson", ["2026-02-10", "2026-02-11", "2026-02-12"]);
    expect(invoice(february).stderr).toBe(
      `ratecard: warning: every one of the 3 billed events read from ${february} lies outside --period 2026-03: their timestamps run from 2026-02-10T00:00:00.000Z to 2026-02-12T00:00:00.000Z. Is it the usage file of another period? No usage is billed from events outside the period.\n`,
    );
    // 99 in February and 1 on 3 March (before the term): 100 outside the invoice's period, 99 of them
    // outside March: 99 × 100 = 9,900 ≥ 100 × 99 = 9,900, warned of as 99 of the 100
    const days = [
      ...Array.from({ length: 99 }, (_, i) => `2026-02-${String((i % 28) + 1).padStart(2, "0")}`),
      "2026-03-03",
    ];
    const mostly = usageOn("february-and-one-march.ndjson", days);
    expect(invoice(mostly).stderr).toContain(
      `warning: 99 of the 100 billed events read from ${mostly} lie outside --period 2026-03`,
    );
    // 98 in February and 2 in March before the term: 98 of 100 outside March, 9,800 < 9,900, no warning
    // (before: 100 of 100 outside the invoice's period, warned of)
    const twoInMarch = usageOn("february-and-two-march.ndjson", [
      ...days.slice(0, 98),
      "2026-03-03",
      "2026-03-04",
    ]);
    expect(invoice(twoInMarch).stderr).toBe("");
  });
});

describe("the warning's counts", () => {
  it("are grouped by thousands, as the batch summary's and the invoice's usage line are", () => {
    // Four-digit counts get a comma after the thousands: 2966 → "2,966", 2987 → "2,987", 1000 → "1,000".
    // It read "2966 of the 2987" under a batch summary of "events: 2,987 read".
    const span = { first: "2026-01-15T12:00:00.000Z", last: "2026-03-05T12:00:00.000Z" };
    expect(usageOutsidePeriod("usage.ndjson", "2026-03", { outside: 2966, of: 2987 }, span)).toBe(
      "2,966 of the 2,987 billed events read from usage.ndjson lie outside --period 2026-03: their timestamps run from 2026-01-15T12:00:00.000Z to 2026-03-05T12:00:00.000Z. Is it the usage file of another period? No usage is billed from events outside the period.",
    );
    expect(usageOutsidePeriod("usage.ndjson", "2026-03", { outside: 1000, of: 1000 }, undefined)).toBe(
      "every one of the 1,000 billed events read from usage.ndjson lies outside --period 2026-03. Is it the usage file of another period? No usage is billed from events outside the period.",
    );
  });
});
