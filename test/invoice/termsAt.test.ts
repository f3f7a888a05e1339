import { describe, expect, it } from "vitest";
import { allCharges, chargePath, pieceSuffix, piecesOf } from "../../src/invoice/termsAt.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";

// How the terms in force cut a period into pieces and where an error points, by example: March 2026
// (UTC) with an amendment on the 10th and an override from the 20th; a change on the period's first
// instant, or on its end, cuts nothing.
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const MARCH = { start: utc("2026-03-01"), end: utc("2026-04-01") };
const base = {
  meters: [sumMeter("cpu"), sumMeter("gpu")],
  charges: [unitCharge("compute", "Compute", "cpu"), unitCharge("gpus", "GPUs", "gpu", "2")],
};
const amended = (effective: string) => ({
  id: `raise-${effective}`,
  effective,
  charges: [unitCharge("compute", "Compute", "cpu", "3")],
});

describe("piecesOf", () => {
  it("one piece when nothing takes effect inside the period", () => {
    expect(piecesOf(buildContract(base), MARCH)).toEqual([MARCH]);
  });

  it("cuts at each amendment and override date inside the period, in time order, once per date", () => {
    const contract = buildContract(base, {
      amendments: [amended("2026-03-10"), amended("2026-03-20")],
      overrides: [
        { id: "later", charge: "gpus", from: "2026-03-25", multiplier: "0.9" },
        { id: "early", charge: "gpus", from: "2026-03-05", multiplier: "0.5" },
        { id: "same-day", charge: "gpus", from: "2026-03-10", multiplier: "0.8" },
      ],
    });
    expect(piecesOf(contract, MARCH)).toEqual([
      { start: utc("2026-03-01"), end: utc("2026-03-05") },
      { start: utc("2026-03-05"), end: utc("2026-03-10") },
      { start: utc("2026-03-10"), end: utc("2026-03-20") },
      { start: utc("2026-03-20"), end: utc("2026-03-25") },
      { start: utc("2026-03-25"), end: utc("2026-04-01") },
    ]);
  });

  it("does not cut on the period's first instant or its end", () => {
    const contract = buildContract(base, { amendments: [amended("2026-03-01"), amended("2026-04-01")] });
    expect(piecesOf(contract, MARCH)).toEqual([MARCH]);
  });
});

describe("chargePath", () => {
  const contract = buildContract(base, {
    amendments: [
      amended("2026-03-10"),
      { id: "gpu-price", effective: "2026-03-20", charges: [unitCharge("gpus", "GPUs", "gpu", "4")] },
    ],
  });

  it("points at the contract's charge before any amendment defines it", () => {
    expect(chargePath(contract, "compute", utc("2026-03-05"))).toBe("charges[0]");
    expect(chargePath(contract, "gpus", utc("2026-03-05"))).toBe("charges[1]");
  });

  it("points at the latest amendment in effect that defines it, from its effective instant on", () => {
    expect(chargePath(contract, "compute", utc("2026-03-10"))).toBe("amendments[0].charges[0]");
    expect(chargePath(contract, "compute", utc("2026-03-25"))).toBe("amendments[0].charges[0]");
    expect(chargePath(contract, "gpus", utc("2026-03-19"))).toBe("charges[1]");
    expect(chargePath(contract, "gpus", utc("2026-03-20"))).toBe("amendments[1].charges[0]");
  });
});

describe("pieceSuffix and allCharges", () => {
  it("a piece's lines carry the local date it starts on", () => {
    const tokyo = buildContract(base, { timeZone: "Asia/Tokyo" });
    // 2026-03-16T15:00Z is midnight on 17 March in Tokyo (UTC+9)
    expect(pieceSuffix(tokyo, Date.parse("2026-03-16T15:00:00Z"))).toBe("@2026-03-17");
    expect(pieceSuffix(buildContract(base), Date.parse("2026-03-16T15:00:00Z"))).toBe("@2026-03-16");
  });

  it("lists every definition, then each again with an override's price (not a multiplier's)", () => {
    const contract = buildContract(base, {
      amendments: [amended("2026-03-10")],
      overrides: [
        { id: "deal", charge: "compute", from: "2026-03-20", price: { model: "unit", unitPrice: "0.5" } },
        { id: "scale", charge: "gpus", multiplier: "0.5" },
      ],
    });
    const listed = allCharges(contract).map((charge) => [charge.id, JSON.stringify(charge.price)]);
    // compute is defined twice (contract, amendment): the override's price is listed for each
    expect(listed.map(([id]) => id)).toEqual(["compute", "gpus", "compute", "compute", "compute"]);
    expect(listed.slice(3).every(([, price]) => price?.includes('"0.5"'))).toBe(true);
  });
});
