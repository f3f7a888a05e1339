import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  billProgressively,
  InputError,
  parseContract,
  prepareRating,
  previewInvoice,
  rateClosingInvoice,
  rateFromAggregates,
  rateInvoice,
  rateMany,
  rateOpeningInvoice,
  rateProgressiveInvoice,
  type Sha256,
} from "../../src/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";
import { thrown } from "../_support/thrown.js";

// Issue 14: the host may seal invoices with its own SHA-256 (node:crypto, several times faster than the
// pure-JavaScript default). The digest is SHA-256 either way, so the invoice must be the same bytes;
// a host function that cannot be SHA-256 must be refused before anything is sealed with it.

const nodeSha256: Sha256 = (bytes) => createHash("sha256").update(bytes).digest();
const FIRST = { creditsStartFull: true } as const;

const fixture = (name: string) => new URL(`../../fixtures/${name}/`, import.meta.url);
const cdnContract = parseContract(
  JSON.parse(readFileSync(new URL("contract.json", fixture("cdn-basic")), "utf8")),
);
const cdnEvents: unknown[] = readFileSync(new URL("usage.ndjson", fixture("cdn-basic")), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line));

describe("sealing with the host's SHA-256", () => {
  it("gives the invoice the default gives, byte for byte, for generated contracts and events", {
    timeout: fuzzTimeout(),
  }, () => {
    let rated = 0;
    const parameters = fuzzParameters(30);
    fc.assert(
      fc.property(contractScenarioArb(), streamArb(), (scenario, stream) => {
        const { contract, period } = materialize(deepFreeze(scenario));
        const events = eventsIn(stream, period);
        const byDefault = attempt(() => rateInvoice(contract, events, period, FIRST));
        if (byDefault === undefined) return;
        const byHost = rateInvoice(contract, events, period, { ...FIRST, sha256: nodeSha256 });
        expect(JSON.stringify(byHost)).toBe(JSON.stringify(byDefault));
        const prepared = prepareRating(contract, period);
        const fromAggregates = rateFromAggregates(prepared, aggregateForRating(prepared, events), {
          ...FIRST,
          sha256: nodeSha256,
        });
        expect(JSON.stringify(fromAggregates)).toBe(JSON.stringify(byDefault));
        rated += 1;
      }),
      parameters,
    );
    expect(rated).toBeGreaterThan(parameters.numRuns / 4);
  });

  it("seals the cdn-basic fixture's invoice, preview, progressive, closing, opening and batch invoices alike", () => {
    const host = { sha256: nodeSha256 };
    const pairs = [
      () => rateInvoice(cdnContract, cdnEvents, "2026-02", host),
      () => previewInvoice(cdnContract, cdnEvents, "2026-02", "2026-02-15", host),
      () => rateProgressiveInvoice(cdnContract, cdnEvents, "2026-02", "2026-02-15", host),
      () => rateClosingInvoice(cdnContract, cdnEvents, "2026-02", host),
      () => rateOpeningInvoice(cdnContract, host),
      () => rateMany([cdnContract], cdnEvents, "2026-02", host).invoices[0],
      () => billProgressively(cdnContract, cdnEvents, "2026-02", { ...host, threshold: "1000", close: true }),
    ];
    const defaults = [
      rateInvoice(cdnContract, cdnEvents, "2026-02"),
      previewInvoice(cdnContract, cdnEvents, "2026-02", "2026-02-15"),
      rateProgressiveInvoice(cdnContract, cdnEvents, "2026-02", "2026-02-15"),
      rateClosingInvoice(cdnContract, cdnEvents, "2026-02"),
      rateOpeningInvoice(cdnContract),
      rateMany([cdnContract], cdnEvents, "2026-02").invoices[0],
      billProgressively(cdnContract, cdnEvents, "2026-02", { threshold: "1000", close: true }),
    ];
    pairs.forEach((rate, index) => {
      expect(JSON.stringify(rate())).toBe(JSON.stringify(defaults[index]));
    });
  });

  it("calls the host's function, not the default", () => {
    let calls = 0;
    const counting: Sha256 = (bytes) => {
      calls += 1;
      return nodeSha256(bytes);
    };
    rateInvoice(cdnContract, cdnEvents, "2026-02", { sha256: counting });
    // once on the bytes of "abc" (the known-answer check of a function not seen before), once to seal
    expect(calls).toBe(2);
    rateInvoice(cdnContract, cdnEvents, "2026-02", { sha256: counting });
    // the function is known now: only the seal
    expect(calls).toBe(3);
  });
});

describe("a host function that is not SHA-256", () => {
  const refusal = (sha256: unknown) =>
    thrown(() => rateInvoice(cdnContract, cdnEvents, "2026-02", { sha256: sha256 as Sha256 }));

  it.each([
    ["20 bytes (SHA-1's length)", () => new Uint8Array(20)],
    ["64 bytes (SHA-512's length)", () => new Uint8Array(64)],
    ["hex text instead of bytes", (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex")],
    ["nothing", () => undefined],
  ])("is refused with invalid_argument at options.sha256 when it returns %s", (_, sha256) => {
    const error = refusal(sha256);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_argument", path: "options.sha256" });
  });

  it("is refused when it returns 32 bytes that are not SHA-256's (another hash, or garbage)", () => {
    // SHA3-256 has SHA-256's length: only the known answer for "abc" tells them apart
    const sha3: Sha256 = (bytes) => createHash("sha3-256").update(bytes).digest();
    expect(refusal(sha3)).toMatchObject({ code: "invalid_argument", path: "options.sha256" });
    expect(refusal(() => new Uint8Array(32))).toMatchObject({
      code: "invalid_argument",
      path: "options.sha256",
    });
  });

  it("is refused when it passes the known answer but then returns the wrong length", () => {
    let calls = 0;
    const turning: Sha256 = (bytes) => {
      calls += 1;
      return calls === 1 ? nodeSha256(bytes) : nodeSha256(bytes).subarray(0, 16);
    };
    expect(refusal(turning)).toMatchObject({ code: "invalid_argument", path: "options.sha256" });
  });

  it("is refused before any rating when it is not a function", () => {
    for (const sha256 of ["sha256", 42, {}])
      expect(refusal(sha256)).toMatchObject({ code: "invalid_argument", path: "options.sha256" });
    // refused with the other arguments, before any event is read: a malformed event (no timestamp)
    // given with it is not what is reported
    const malformed = [{ id: "e1", type: "cdn.bandwidth", customer: "cus_northwind", properties: {} }];
    const early = thrown(() =>
      rateInvoice(cdnContract, malformed as never, "2026-02", { sha256: "x" as never }),
    );
    expect(early).toMatchObject({ code: "invalid_argument", path: "options.sha256" });
    expect((early as Error).message).toContain(
      "options.sha256 must be a function from bytes to the 32 bytes of their SHA-256 digest",
    );
    const prepared = prepareRating(cdnContract, "2026-02");
    const error = thrown(() =>
      rateFromAggregates(prepared, aggregateForRating(prepared, cdnEvents), {
        sha256: "node" as unknown as Sha256,
      }),
    );
    expect(error).toMatchObject({ code: "invalid_argument", path: "options.sha256" });
    expect(
      thrown(() => rateMany([cdnContract], cdnEvents, "2026-02", { sha256: 1 as unknown as Sha256 })),
    ).toMatchObject({
      code: "invalid_argument",
      path: "options.sha256",
    });
  });
});
