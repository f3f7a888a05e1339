import { describe, expect, it } from "vitest";
import { ContractError, InputError } from "../../src/errors/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract } from "../_support/contract.js";
import { quarterCommitment, spendIn } from "../_support/cumulativeCommitment.js";
import { thrown } from "../_support/thrown.js";

// The carried spend of a cumulative commitment is checked like a carried credit balance: never guessed,
// never read for a commitment it does not belong to.
const february = (contract: ReturnType<typeof quarterCommitment>, spend?: unknown) =>
  rateInvoice(
    contract,
    spendIn("2026-02", "500"),
    "2026-02",
    spend === undefined ? {} : ({ commitmentSpendToDate: spend } as never),
  );

describe("carried spend of a cumulative commitment, refused", () => {
  it("refuses an invoice after the first with no spend carried, naming the commitment", () => {
    // February cannot know what January spent; assuming 0.00 would bill the whole minimum again
    const error = thrown(() => february(quarterCommitment()));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "missing_commitment_spend", path: "commitments[0]" });
    expect((error as Error).message).toContain(
      "from 2026-01-01, before this invoice's period (from 2026-02-01)",
    );
  });

  it("refuses spend for a commitment the contract does not have, or one owed per billing period", () => {
    expect(thrown(() => february(quarterCommitment(), { q1: "300.00", qq1: "1.00" }))).toMatchObject({
      code: "unknown_commitment",
      path: "options.commitmentSpendToDate.qq1",
    });
    const perPeriod = quarterCommitment({ cumulative: undefined });
    expect(thrown(() => february(perPeriod, { q1: "300.00" }))).toMatchObject({
      code: "invalid_field",
      path: "options.commitmentSpendToDate.q1",
    });
  });

  it("names the contract's cumulative commitments, and only those, when the spend names another", () => {
    const contract = buildContract({
      id: "ctr_three",
      commitments: [
        { id: "q1", name: "Q1", minimum: "1200", cumulative: { from: "2026-01-01", until: "2026-04-01" } },
        { id: "monthly", name: "Monthly", minimum: "100" },
        { id: "h1", name: "H1", minimum: "2400", cumulative: { from: "2026-01-01", until: "2026-07-01" } },
      ],
    } as never);
    const error = thrown(() =>
      rateInvoice(contract, spendIn("2026-01", "1"), "2026-01", {
        commitmentSpendToDate: { q1: "0", h2: "5.00" },
      }),
    );
    expect(error).toMatchObject({ code: "unknown_commitment", path: "options.commitmentSpendToDate.h2" });
    // what the user reads to find the id they meant: the cumulative ones, quoted, in contract order
    expect((error as Error).message).toContain(
      'names commitment "h2", which contract ctr_three does not have; did you mean "h1"? (its cumulative commitments: "q1", "h1")',
    );
  });

  it("refuses negative spend, text that is no decimal, and spend finer than the currency", () => {
    for (const bad of ["-0.01", "300,00", "300.005", ""])
      expect(
        thrown(() => february(quarterCommitment(), { q1: bad })),
        bad,
      ).toMatchObject({
        code: "invalid_field",
        path: "options.commitmentSpendToDate.q1",
      });
  });

  it("refuses spend carried into the invoice that opens the period, but takes 0", () => {
    const contract = quarterCommitment();
    expect(
      thrown(() =>
        rateInvoice(contract, spendIn("2026-01", "1"), "2026-01", { commitmentSpendToDate: { q1: "5.00" } }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "options.commitmentSpendToDate.q1" });
    const january = rateInvoice(contract, spendIn("2026-01", "1"), "2026-01", {
      commitmentSpendToDate: { q1: "0" },
    });
    expect(january.commitments?.[0]?.cumulative?.spendAfter).toBe("1.00");
  });

  it("refuses carried spend that is not an object of texts (a JavaScript caller)", () => {
    for (const bad of [["300.00"], { q1: 300 }, "300.00", null])
      expect(thrown(() => february(quarterCommitment(), bad))).toMatchObject({
        code: "invalid_argument",
        path: "options.commitmentSpendToDate",
      });
    // an empty object is an object of texts (none at all): read, and then q1's spend is the one missing
    expect(thrown(() => february(quarterCommitment(), {}))).toMatchObject({
      code: "missing_commitment_spend",
      path: "commitments[0]",
    });
  });

  it("refuses an invoice whose period crosses the commitment period's start or end", () => {
    // from 15 January: the January invoice (1–31 January) would count half its spend
    const contract = quarterCommitment({ cumulative: { from: "2026-01-15", until: "2026-04-01" } });
    expect(thrown(() => rateInvoice(contract, spendIn("2026-01", "1"), "2026-01"))).toMatchObject({
      code: "invalid_period",
      path: "commitments[0].cumulative",
    });
  });
});

describe("an invoice that crosses the end of a cumulative commitment's period, refused", () => {
  it("refuses it and says which period crosses which dates", () => {
    // until 15 March: the March invoice (1 March–1 April) would count spend on both sides of it
    const contract = quarterCommitment({ cumulative: { from: "2026-01-01", until: "2026-03-15" } });
    const error = thrown(() =>
      rateInvoice(contract, spendIn("2026-03", "1"), "2026-03", { commitmentSpendToDate: { q1: "0.00" } }),
    );
    expect(error).toMatchObject({ code: "invalid_period", path: "commitments[0].cumulative" });
    // the sentence names the invoice's period, the part of the input the user changes
    expect((error as Error).message).toContain(
      "counts spend from 2026-01-01 until 2026-03-15, and this invoice's period (2026-03-01T00:00:00.000Z – 2026-04-01T00:00:00.000Z) crosses one of those dates",
    );
  });
});

describe("a cumulative commitment in the contract, refused", () => {
  const refused = (extra: Record<string, unknown>) => thrown(() => quarterCommitment(extra));

  it("needs a minimum, and dates in order", () => {
    expect(refused({ minimum: undefined, maximum: "100" })).toMatchObject({
      code: "missing_field",
      path: "commitments[0].minimum",
    });
    const backwards = refused({ cumulative: { from: "2026-04-01", until: "2026-04-01" } });
    expect(backwards).toBeInstanceOf(ContractError);
    expect(backwards).toMatchObject({ code: "invalid_field", path: "commitments[0].cumulative.until" });
  });

  it("takes no maximum and no dated changes", () => {
    expect(refused({ maximum: "2000" })).toMatchObject({
      code: "invalid_field",
      path: "commitments[0].maximum",
    });
    expect(refused({ changes: [{ effective: "2026-02-01", minimum: "1500" }] })).toMatchObject({
      code: "invalid_field",
      path: "commitments[0].changes",
    });
  });

  it("refuses a field it does not know", () => {
    expect(refused({ cumulative: { from: "2026-01-01", until: "2026-04-01", every: "year" } })).toMatchObject(
      {
        code: "unknown_field",
      },
    );
  });
});
