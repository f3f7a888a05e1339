import { describe, expect, it } from "vitest";
import type { ExpectedFigures } from "../../src/check/expectedFigures.js";
import { sequenceStage } from "../../src/check/sequenceStage.js";
import type { Invoice } from "../../src/invoice/index.js";

// Only the `progressive` marker of expected.json and of the figures is read.
const invoice = (progressive?: { stage: "progressive" | "closing"; asOf?: string | undefined }) =>
  (progressive === undefined ? {} : { progressive }) as unknown as Invoice;
const figures = (progressive?: { stage: "progressive" | "closing"; asOf?: string | undefined }) =>
  ({ lines: {}, total: "0", ...(progressive === undefined ? {} : { progressive }) }) as ExpectedFigures;
const TENTH = "2026-03-10T00:00:00.000Z";

describe("sequenceStage: which invoice of its period a fixture pins", () => {
  it("takes the stage both files agree on, an instant written two ways being one instant", () => {
    expect(sequenceStage(invoice({ stage: "closing" }), figures({ stage: "closing" }), 1)).toEqual({
      stage: "closing",
    });
    // 00:00Z and 01:00+01:00 are the same instant; the figures may leave the instant out
    for (const asOf of ["2026-03-10T00:00:00Z", "2026-03-10T01:00:00+01:00", undefined])
      expect(
        sequenceStage(
          invoice({ stage: "progressive", asOf: TENTH }),
          figures({ stage: "progressive", asOf }),
          0,
        ),
      ).toEqual({ stage: "progressive", asOf: TENTH });
    // text that is no instant is compared as text
    expect(
      sequenceStage(
        invoice({ stage: "progressive", asOf: "soon" }),
        figures({ stage: "progressive", asOf: "soon" }),
        0,
      ),
    ).toEqual({ stage: "progressive", asOf: "soon" });
  });

  it("names both when the figures pin another invoice of the period than expected.json", () => {
    expect(
      sequenceStage(
        invoice({ stage: "progressive", asOf: TENTH }),
        figures({ stage: "progressive", asOf: "2026-03-11T00:00:00Z" }),
        0,
      ),
    ).toBe(
      `expected-figures.json says a progressive invoice as of 2026-03-11T00:00:00Z, but expected.json is a progressive invoice as of ${TENTH}: correct one of them`,
    );
    expect(sequenceStage(invoice({ stage: "closing" }), figures({ stage: "progressive" }), 1)).toBe(
      "expected-figures.json says a progressive invoice, but expected.json is the closing invoice: correct one of them",
    );
    expect(sequenceStage(invoice(), figures({ stage: "closing" }), 1)).toBe(
      "expected-figures.json says the closing invoice, but expected.json is the invoice for the whole period: correct one of them",
    );
    expect(
      sequenceStage(
        invoice({ stage: "progressive", asOf: "soon" }),
        figures({ stage: "progressive", asOf: "later" }),
        0,
      ),
    ).toContain("correct one of them");
  });

  it("refuses earlier invoices that nothing says the pinned invoice subtracts, and counts them", () => {
    expect(sequenceStage(invoice(), undefined, 2)).toBe(
      "earlier-1.json … earlier-2.json are there, but expected.json is the invoice for the whole period, which subtracts no earlier invoice: pin the closing (or a progressive) invoice, or remove the earlier files",
    );
    expect(sequenceStage(undefined, figures(), 1)).toBe(
      'earlier-1.json is there, but expected-figures.json does not say which invoice of the period it pins: add "progressive": { "stage": "closing" } (or { "stage": "progressive", "asOf": "…" })',
    );
    // with neither file, or no earlier invoice, the whole period's invoice
    expect(sequenceStage(undefined, undefined, 1)).toEqual({ stage: "invoice" });
    expect(sequenceStage(invoice(), figures(), 0)).toEqual({ stage: "invoice" });
    // figures alone that name a progressive invoice without its instant leave it to rating to refuse
    expect(sequenceStage(undefined, figures({ stage: "progressive" }), 0)).toEqual({
      stage: "progressive",
      asOf: "",
    });
  });
});
