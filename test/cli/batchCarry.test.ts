import { describe, expect, it } from "vitest";
import { type Invoice, parseContract, rateInvoice } from "../../src/index.js";
import { CARRYING_METERS, carryingCharges } from "../_support/carryingMeters.js";
import { buildContractJson, SEATS_METER, usageEvent } from "../_support/contract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// `ratecard batch` read no carried meter state: a running total, the active seats or a storage level
// restarted from zero every month, without a word (seats added in January billed 10.00 in February
// where `ratecard invoice --carry` bills 20.00). `--carry FILE` now takes last month's batch output (or
// { contract id: states }), per contract, as `--commitment-spend` does, and each invoice line carries
// its `usage.carryOut` on, so a month-end close chains.
const { file } = scratchFolder("ratecard-batch-carry-", assertCliBuilt);

const MONTHS = Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, "0")}`);
const CARRYING = buildContractJson({
  id: "ctr_a",
  customer: { id: "cus_a" },
  meters: CARRYING_METERS,
  charges: carryingCharges("0.31"),
});
// A customer whose meters carry nothing: its batch line is read from the --carry file too, for nothing.
const PLAIN = buildContractJson({ id: "ctr_b", customer: { id: "cus_b" } });

// Month m (0 = January): objects +100 × (m + 1) on the 3rd and −50 on the 20th of every other month;
// a seat u<m> added on the 5th of months 0, 3, 6, 9, and u0 removed on 8 June; the storage level set to
// 10 × (m + 1) GB on the 15th, except in August; cus_b uses m + 1 units on the 10th.
const EVENTS = MONTHS.flatMap((month, m) => [
  usageEvent(`o${m}`, "obj", `${month}-03T00:00:00Z`, { delta: 100 * (m + 1) }, "cus_a"),
  ...(m % 2 === 1 ? [usageEvent(`r${m}`, "obj", `${month}-20T00:00:00Z`, { delta: -50 }, "cus_a")] : []),
  ...(m % 3 === 0
    ? [usageEvent(`s${m}`, "seat", `${month}-05T00:00:00Z`, { user: `u${m}`, op: "add" }, "cus_a")]
    : []),
  ...(m === 5
    ? [usageEvent("x5", "seat", `${month}-08T00:00:00Z`, { user: "u0", op: "remove" }, "cus_a")]
    : []),
  ...(m === 7 ? [] : [usageEvent(`l${m}`, "level", `${month}-15T00:00:00Z`, { gb: 10 * (m + 1) }, "cus_a")]),
  usageEvent(`b${m}`, "e", `${month}-10T00:00:00Z`, { v: String(m + 1) }, "cus_b"),
]);

const ndjson = (items: ReadonlyArray<unknown>) => items.map((item) => `${JSON.stringify(item)}\n`).join("");
const linesOf = (stdout: string) => stdout.split("\n").filter((line) => line !== "");
const warningCodes = (invoice: Invoice) => (invoice.notices ?? []).map((notice) => notice.code);

// `ratecard batch` in one thread over these contracts and usage, for a period, with more flags.
const batchOf = (contracts: string, usage: string, period: string, ...more: string[]) =>
  runCli("batch", "--contracts", contracts, "--usage", usage, "--period", period, "--workers", "1", ...more);

// The two contracts as a JSON list (--contracts), the carrying one alone (--contract), the year's usage.
function inputs() {
  return {
    folder: file("contracts.json", JSON.stringify([CARRYING, PLAIN])),
    usage: file("usage.ndjson", ndjson(EVENTS)),
    carrying: file("ctr_a.json", JSON.stringify(CARRYING)),
  };
}

describe("ratecard batch --carry", () => {
  it("bills February's seats from January's batch: 20.00, not 10.00 from zero with a warning", () => {
    const seatsOnly = buildContractJson(CARRYING, {
      meters: [SEATS_METER],
      charges: [{ id: "seats", name: "Seats", meter: "seats", price: { model: "unit", unitPrice: "10" } }],
    });
    const list = file("seats.json", JSON.stringify([seatsOnly]));
    const usage = file(
      "seats.ndjson",
      ndjson([
        usageEvent("j1", "seat", "2026-01-05T00:00:00Z", { user: "u1", op: "add" }, "cus_a"),
        usageEvent("f1", "seat", "2026-02-05T00:00:00Z", { user: "u2", op: "add" }, "cus_a"),
      ]),
    );
    const january = batchOf(list, usage, "2026-01", "--format", "json");
    expect(january.code).toBe(0);
    const janFile = file("seats-jan.json", january.stdout);
    // Without --carry: u2 alone, 1 × 10.00 = 10.00, and the invoice says seats opened with no values.
    const alone = JSON.parse(batchOf(list, usage, "2026-02").stdout) as Invoice;
    expect(alone.total).toBe("10.00");
    expect(warningCodes(alone)).toEqual(["carried_state_missing"]);
    // With January's document (`--format json`): u1 carried + u2 = 2 × 10.00 = 20.00, no warning.
    const carried = batchOf(list, usage, "2026-02", "--carry", janFile);
    expect(carried.code).toBe(0);
    const february = JSON.parse(carried.stdout) as Invoice;
    expect(february.total).toBe("20.00");
    expect(warningCodes(february)).toEqual([]);
    // The same bytes from a hand-written state keyed by contract id.
    const keyed = file("seats-keyed.json", JSON.stringify({ ctr_a: { seats: { active: ["u1"] } } }));
    expect(batchOf(list, usage, "2026-02", "--carry", keyed).stdout).toBe(carried.stdout);
    // …and from DuckDB's aggregates (the state comes with the rating, not the aggregates), and from a
    // worker thread (the state crosses to it with the task)
    const engine = runCli(
      ...["batch", "--contracts", list, "--usage", usage, "--period", "2026-02", "--carry", janFile],
      ...["--engine", "duckdb"],
    );
    expect(engine.stdout).toBe(carried.stdout);
    const threads = runCli(
      ...["batch", "--contracts", list, "--usage", usage, "--period", "2026-02", "--carry", janFile],
      ...["--workers", "2"],
    );
    expect(threads.stdout).toBe(carried.stdout);
  });

  it("refuses a carry file that does not fit the batch, naming the file (exit 2)", () => {
    const { folder, usage } = inputs();
    const batch = (carry: unknown, period = "2026-02") =>
      batchOf(folder, usage, period, "--carry", file("carry.json", JSON.stringify(carry)));
    const unknown = batch({ ctr_z: {} });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'gives carried state for contract "ctr_z", which --contracts does not have',
    );
    const wrongMeter = batch({ ctr_a: { seets: { active: ["u1"] } } });
    expect(wrongMeter.code).toBe(2);
    expect(wrongMeter.stderr).toMatch(
      /^ratecard: --carry \S+carry\.json, for the contract of --contracts .+: The carried state names meter "seets"/,
    );
    const negative = batch({ ctr_a: { objects: { total: "-5" } } });
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain("objects.total is -5, but a carried total must be zero or more");
    // January's batch given for March: the month between is missing
    const january = batchOf(folder, usage, "2026-01");
    const march = batchOf(folder, usage, "2026-03", "--carry", file("jan.ndjson", january.stdout));
    expect(march.code).toBe(2);
    expect(march.stderr).toContain(
      "line 1 (contract ctr_a) is the invoice for 2026-01-01T00:00:00.000Z to 2026-02-01T00:00:00.000Z, but this invoice starts 2026-03-01T00:00:00.000Z",
    );
  });

  it("chains a year through files, batch and invoice alike, to the bytes of the state carried in memory", () => {
    const { folder, usage, carrying } = inputs();
    const contractA = parseContract(CARRYING);
    const contractB = parseContract(PLAIN);
    // The batch rates each customer's own events (its invoice counts only them); the invoice command
    // reads the whole file (cus_b's events are left out as another customer's): two chains in memory.
    const own = (customer: string) => EVENTS.filter((event) => event.customer === customer);
    let inMemory: Invoice | undefined;
    let ownInMemory: Invoice | undefined;
    let batchFile: string | undefined;
    let invoiceFile: string | undefined;
    for (const month of MONTHS) {
      const a = rateInvoice(contractA, EVENTS, month, { carried: inMemory?.usage.carryOut ?? {} });
      const ownA = rateInvoice(contractA, own("cus_a"), month, {
        carried: ownInMemory?.usage.carryOut ?? {},
      });
      const b = rateInvoice(contractB, own("cus_b"), month);
      const carry = (previous: string | undefined) => (previous === undefined ? [] : ["--carry", previous]);
      const batch = batchOf(folder, usage, month, ...carry(batchFile));
      expect(batch.code, batch.stderr).toBe(0);
      expect(linesOf(batch.stdout), month).toEqual([JSON.stringify(ownA), JSON.stringify(b)]);
      const single = runCli(
        "invoice",
        "--contract",
        carrying,
        "--usage",
        usage,
        "--period",
        month,
        "--format",
        "json",
        ...carry(invoiceFile),
      );
      expect(single.stderr, month).toBe("");
      expect(single.stdout, month).toBe(`${JSON.stringify(a, null, 2)}\n`);
      expect(warningCodes(a), month).toEqual([]);
      expect(ownA.lines, month).toEqual(a.lines);
      inMemory = a;
      ownInMemory = ownA;
      batchFile = file(`${month}.ndjson`, batch.stdout);
      invoiceFile = file(`${month}.json`, single.stdout);
    }
    // December by hand. Objects: Σ 100 × (m + 1) over the year = 100 × 78 = 7,800, less 50 in six
    // months = 7,500 × 0.01 = 75.00. Seats: u3, u6, u9 active (u0 left in June) = 3 × 10.00 = 30.00.
    // Storage: 110 GB carried from November for 1–15 December (14 days), 120 GB for 17 days:
    // (110 × 14 + 120 × 17) ÷ 31 = 3,580 ÷ 31 GB-month × 0.31 = 35.80. Total 75.00 + 30.00 + 35.80 = 140.80.
    expect(inMemory!.total).toBe("140.80");
    expect(inMemory!.usage.carryOut).toEqual({
      objects: { total: "7500" },
      seats: { active: ["u3", "u6", "u9"] },
      storage: { level: "120" },
    });
  });
});
