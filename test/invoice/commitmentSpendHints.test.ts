import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { quarterCommitment, spendIn } from "../_support/cumulativeCommitment.js";

// A misspelt key of carried commitment spend (options.commitmentSpendToDate, as `--commitment-spend`
// gives it) says what it most likely meant, as a misspelt usage field, carried state or option does
// (closestChoice, "did you mean …"): a commitment id the contract does not have, and a field of the
// previous invoice's commitments[].cumulative record. Both were refused without a guess.
const contract = quarterCommitment();
const february = (spend: unknown) => () =>
  rateInvoice(contract, spendIn("2026-02", "500"), "2026-02", { commitmentSpendToDate: spend as never });

describe("carried commitment spend with a misspelt key", () => {
  it("names the cumulative commitment a misspelt id most likely meant: q_1 → q1", () => {
    expect(february({ q_1: "300.00" })).toThrow(
      expect.objectContaining({
        code: "unknown_commitment",
        path: "options.commitmentSpendToDate.q_1",
        message: expect.stringContaining(
          'names commitment "q_1", which contract ctr_quarter does not have; did you mean "q1"?',
        ),
      }),
    );
  });

  it("names the field of a cumulative record a misspelt one most likely meant: spendAftr → spendAfter", () => {
    expect(february({ q1: { spendAftr: "300.00" } })).toThrow(
      expect.objectContaining({
        code: "unknown_field",
        path: "options.commitmentSpendToDate.q1.spendAftr",
        message: expect.stringContaining('did you mean "spendAfter"?'),
      }),
    );
    expect(february({ q1: { spendAfter: "300.00", creditNotesTakn: [] } })).toThrow(
      expect.objectContaining({
        path: "options.commitmentSpendToDate.q1.creditNotesTakn",
        message: expect.stringContaining('did you mean "creditNotesTaken"?'),
      }),
    );
  });

  it("still rates February on the record spelt right: 1,200.00 - 300.00 - 500.00 = 400.00 left", () => {
    const invoice = february({ q1: { spendAfter: "300.00" } })();
    expect(invoice.commitments?.[0]?.cumulative?.spendBefore).toBe("300.00");
  });
});
