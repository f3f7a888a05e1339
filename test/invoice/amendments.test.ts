import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ContractInput, parseContract } from "../../src/contracts/index.js";
import { rateInvoice, rateInvoiceAsync } from "../../src/invoice/index.js";
import { parseUsageEvent } from "../../src/schema/index.js";
import { buildContract, buildContractJson, flatCharge, sumMeter, unitCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";
import { withoutDigests } from "../_support/withoutDigests.js";

const base = buildContractJson({
  id: "ctr_amend",
  meters: [sumMeter("cpu")],
  charges: [unitCharge("compute", "Compute", "cpu"), flatCharge("platform", "Platform", "100")],
});
const contractWith = (amendments: ContractInput["amendments"]) => buildContract(base, { amendments });
const event = (id: string, day: number, v: string) => ({
  id,
  type: "cpu",
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties: { v },
});
const events = [event("a", 10, "5"), event("b", 20, "3")];

describe("amendments", () => {
  it("splits the period where a price changes: each piece with its own usage and line", () => {
    const contract = contractWith([
      {
        id: "raise",
        effective: "2026-03-17",
        charges: [{ id: "compute", name: "Compute", meter: "cpu", price: { model: "unit", unitPrice: "2" } }],
      },
    ]);
    const invoice = rateInvoice(contract, events, "2026-03");
    // 1–16 March: 5 units × 1.00 = 5.00; 17–31 March: 3 units × 2.00 = 6.00; platform unchanged: 100.00 once
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["compute@2026-03-01", "5", "5.00"],
      ["compute@2026-03-17", "3", "6.00"],
      ["platform", "1", "100.00"],
    ]);
    expect(invoice.lines[1]!.period).toEqual({
      start: "2026-03-17T00:00:00.000Z",
      end: "2026-04-01T00:00:00.000Z",
    });
    expect(invoice.total).toBe("111.00");
  });

  it("prorates a flat fee that changes mid-period over each piece", () => {
    const contract = contractWith([
      {
        id: "up",
        effective: "2026-03-17",
        charges: [{ id: "platform", name: "Platform", price: { model: "flat", amount: "200" } }],
      },
    ]);
    const invoice = rateInvoice(contract, [], "2026-03");
    // 100 × 16 ÷ 31 = 51.6129… → 51.61; 200 × 15 ÷ 31 = 96.7741… → 96.77
    expect(invoice.lines.filter((line) => line.chargeId === "platform").map((line) => line.amount)).toEqual([
      "51.61",
      "96.77",
    ]);
  });

  it("ends a removed charge on the effective date and applies earlier amendments to the whole period", () => {
    const contract = contractWith([
      {
        id: "feb",
        effective: "2026-02-01",
        charges: [{ id: "compute", name: "Compute", meter: "cpu", price: { model: "unit", unitPrice: "3" } }],
      },
      { id: "stop", effective: "2026-03-17", remove: ["platform"] },
    ]);
    const invoice = rateInvoice(contract, events, "2026-03");
    // compute at 3.00 all March (the February amendment): 8 × 3 = 24.00; platform 1–16 March: 100 × 16 ÷ 31 = 51.61
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["compute", "24.00"],
      ["platform@2026-03-01", "51.61"],
    ]);
  });

  it("gives the same streamed result as in memory", async () => {
    const contract = contractWith([
      {
        id: "raise",
        effective: "2026-03-17",
        charges: [{ id: "compute", name: "Compute", meter: "cpu", price: { model: "unit", unitPrice: "2" } }],
      },
    ]);
    const parsed = events.map((raw) => parseUsageEvent(raw));
    const streamed = await rateInvoiceAsync(contract, () => parsed, "2026-03");
    expect(streamed).toEqual(rateInvoice(contract, events, "2026-03"));
  });

  it("refuses amendments out of effective order", () => {
    expect(
      thrown(() =>
        contractWith([
          { id: "b", effective: "2026-04-01", remove: ["platform"] },
          { id: "a", effective: "2026-03-01", remove: ["compute"] },
        ]),
      ),
    ).toMatchObject({ code: "invalid_field", path: "amendments[1].effective" });
  });

  it("checks an amendment's charges like the contract's own, at their path", () => {
    expect(
      thrown(() =>
        contractWith([
          {
            id: "x",
            effective: "2026-03-17",
            charges: [
              { id: "compute", name: "Compute", meter: "nope", price: { model: "unit", unitPrice: "2" } },
            ],
          },
        ]),
      ),
    ).toMatchObject({ code: "unknown_meter", path: "amendments[0].charges[0].meter" });
  });
});

describe("amendment laws", () => {
  it("an amendment that changes nothing gives the same invoice as none", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 100_000 })), {
          maxLength: 20,
        }),
        fc.integer({ min: 2, max: 31 }),
        (usage, day) => {
          const raw = usage.map(([d, v], i) => event(`e${i}`, d, (v / 100).toFixed(2)));
          const same = contractWith([
            { id: "noop", effective: `2026-03-${String(day).padStart(2, "0")}`, charges: [...base.charges!] },
          ]);
          expect(JSON.stringify(withoutDigests(rateInvoice(same, raw, "2026-03")))).toBe(
            JSON.stringify(withoutDigests(rateInvoice(contractWith(undefined), raw, "2026-03"))),
          );
        },
      ),
    );
  });
});

describe("error paths after amendments", () => {
  // A matrix that prices region eu only, and an event in region na it has no cell for.
  const matrix = {
    model: "matrix" as const,
    dimensions: ["region"],
    cells: [{ match: { region: "eu" }, price: { model: "unit" as const, unitPrice: "1" } }],
  };
  const naEvent = { ...event("n", 10, "5"), properties: { v: "5", region: "na" } };

  it("name the charge's place in the contract, not its place among the charges in force", () => {
    const contract = buildContract(base, {
      charges: [
        { id: "fee", name: "Fee", price: { model: "flat", amount: "10" } },
        {
          id: "compute",
          name: "Compute",
          meter: "cpu",
          price: {
            model: "matrix",
            dimensions: ["region"],
            cells: [{ match: { region: "eu" }, price: { model: "unit", unitPrice: "1" } }],
          },
        },
      ],
      amendments: [{ id: "drop-fee", effective: "2026-02-01", remove: ["fee"] }],
    });
    const na = { ...event("n", 10, "5"), properties: { v: "5", region: "na" } };
    // compute is charges[1]; in March only compute is in force, but the path still says charges[1]
    expect(thrown(() => rateInvoice(contract, [na], "2026-03"))).toMatchObject({
      code: "unpriced_combination",
      path: "charges[1].price",
    });
  });

  it("name an amendment-only charge at its place in the amendment, not past the end of charges", () => {
    // the contract has 2 charges; "edge" exists only in amendments[1].charges[0] (amendments[0] adds
    // nothing to it). charges[2] would point past the end of the array.
    const contract = buildContract(base, {
      amendments: [
        { id: "noop", effective: "2026-02-01", remove: [] },
        {
          id: "add-edge",
          effective: "2026-03-01",
          charges: [{ id: "edge", name: "Edge", meter: "cpu", price: matrix }],
        },
      ],
    });
    expect(thrown(() => rateInvoice(contract, [naEvent], "2026-03"))).toMatchObject({
      code: "unpriced_combination",
      path: "amendments[1].charges[0].price",
    });
  });

  it("name a charge an amendment replaces at the amendment's definition, the price that was rated", () => {
    const contract = buildContract(base, {
      amendments: [
        {
          id: "regions",
          effective: "2026-03-01",
          charges: [{ id: "compute", name: "Compute", meter: "cpu", price: matrix }],
        },
      ],
    });
    expect(thrown(() => rateInvoice(contract, [naEvent], "2026-03"))).toMatchObject({
      code: "unpriced_combination",
      path: "amendments[0].charges[0].price",
    });
  });
});

describe("dates that do not exist", () => {
  it("are refused in amendments, overrides and credit grants, at their paths", () => {
    const problems = (input: ContractInput) =>
      (
        thrown(() => parseContract(input)) as { details: { problems: { path: string }[] } }
      ).details.problems.map((problem) => problem.path);
    expect(
      problems({ ...base, amendments: [{ id: "a", effective: "2026-02-30", remove: ["platform"] }] }),
    ).toEqual(["amendments[0].effective"]);
    expect(
      problems({
        ...base,
        overrides: [{ id: "o", charge: "compute", from: "2026-13-45", multiplier: "0.5" }],
      }),
    ).toEqual(["overrides[0].from"]);
    expect(
      problems({
        ...base,
        credits: [{ id: "g", name: "G", kind: "promotional", amount: "5", effective: "2026-04-31" }],
      }),
    ).toEqual(["credits[0].effective"]);
  });
});
