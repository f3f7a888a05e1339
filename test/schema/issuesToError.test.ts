import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContract } from "../../src/contracts/index.js";
import { ContractError, InputError, isRatecardError, UsageError } from "../../src/errors/index.js";
import { parseCarriedStates, parseUsageEvent } from "../../src/schema/index.js";
import { thrown } from "../_support/thrown.js";

// zod's own wording, which a billing specialist must never be shown: its prefixes, its regexes, its
// "expected string to have >=1 characters" and "received …" phrasing.
const ZOD_WORDING =
  /Invalid (input|string|option|key|element)|Too (small|big)|must match pattern|\/\^|to have [<>]=|received \w+/;

function contract(change: (json: Record<string, unknown> & { charges: Record<string, unknown>[] }) => void) {
  const json = {
    schemaVersion: 1,
    id: "ctr_words",
    customer: { id: "cus" },
    currency: "USD",
    timeZone: "UTC",
    billing: { cadence: "monthly" },
    term: { start: "2026-01-01" },
    meters: [{ id: "gb", eventType: "gb", aggregation: "sum", valueProperty: "gb" }],
    charges: [
      {
        id: "bw",
        name: "Bandwidth",
        meter: "gb",
        price: { model: "graduated", tiers: [{ upTo: "1000", unitPrice: "0.08" }, { unitPrice: "0.04" }] },
      } as Record<string, unknown>,
    ],
  };
  change(json);
  return json;
}

// A message quotes the input's own text (a field name, a value) in double quotes; that text is the
// user's, so only the words around it are checked for zod's wording.
const ownWords = (message: string) => message.replace(/"(?:[^"\\]|\\.)*"/g, '""');

const problemsOf = (error: unknown) =>
  ((error as ContractError).details.problems ?? []) as ReadonlyArray<{ path: string; message: string }>;

describe("zod issues in words a specialist understands", () => {
  it.each([
    [
      "a tier bound that is not a number",
      contract((c) => {
        (c.charges[0]!.price as { tiers: Record<string, unknown>[] }).tiers[0]!.upTo = "abc";
      }),
      "charges[0].price.tiers[0].upTo",
      'not the text "abc"',
    ],
    [
      "an empty charge name",
      contract((c) => {
        c.charges[0]!.name = "";
      }),
      "charges[0].name",
      "must not be empty",
    ],
    [
      "a currency given as a number",
      contract((c) => {
        c.currency = 840;
      }),
      "currency",
      "not the number 840",
    ],
    [
      "a cadence ratecard does not know",
      contract((c) => {
        c.billing = { cadence: "fortnightly" };
      }),
      "billing.cadence",
      'not the text "fortnightly"',
    ],
    [
      "charges given as an object",
      contract((c) => {
        c.charges = { bw: {} } as never;
      }),
      "charges",
      "must be a list ([ … ]), not an object",
    ],
  ])("%s: names the path, what was expected and what was found", (_, json, path, found) => {
    const error = thrown(() => parseContract(json));
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: "invalid_field", path });
    expect((error as Error).message).toContain(found);
    expect((error as Error).message).not.toMatch(ZOD_WORDING);
  });

  it("describes a union of types by its types (an event property that is an object)", () => {
    const error = thrown(() =>
      parseUsageEvent(
        {
          id: "e1",
          type: "gb",
          customer: "cus",
          timestamp: "2026-02-01T00:00:00Z",
          properties: { count: {} },
        },
        0,
      ),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ path: "[0].properties.count" });
    // the wording is the point here: the four accepted kinds, and what was sent
    expect((error as Error).message).toContain("must be text, a number, true, false or null, not an object");
  });

  it("says a JSON number past the largest double was too large to read, not that it was Infinity", () => {
    // JSON.parse('{"gb":1e400}').gb is Infinity: the file held a number, 1e400, so the sentence must
    // not blame a value the sender never wrote
    const event = JSON.parse(
      '{"id":"e1","type":"gb","customer":"cus","timestamp":"2026-02-01T00:00:00Z","properties":{"gb":-1e400}}',
    );
    const error = thrown(() => parseUsageEvent(event, 0));
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ path: "[0].properties.gb" });
    expect((error as Error).message).toBe(
      "[0].properties.gb is a number too large to read: beyond about 1.8e308 a JSON number reads as -Infinity, and a quantity is below 10^15; check the value sent.",
    );
  });

  it("describes a carried level that is not a decimal without a regex", () => {
    const error = thrown(() => parseCarriedStates({ storage: { level: "abc" } }));
    // a carried state is a call's input, not the contract's: an InputError
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_field", path: "storage.level" });
    expect((error as Error).message).not.toMatch(ZOD_WORDING);
  });

  it("law: a contract with any value at any field fails with sentences, never zod's words or a crash", () => {
    const base = contract(() => {});
    const leaves: (string | number)[][] = [];
    const walk = (node: unknown, path: (string | number)[]) => {
      if (typeof node === "object" && node !== null)
        for (const [key, child] of Object.entries(node))
          walk(child, [...path, Array.isArray(node) ? Number(key) : key]);
      leaves.push(path);
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...leaves), fc.anything(), (path, value) => {
        const json = structuredClone(base) as Record<string | number, unknown>;
        let node = json;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        const last = path.at(-1);
        if (last === undefined) return;
        node[last] = value;
        try {
          parseContract(json);
        } catch (error) {
          expect(isRatecardError(error), String(error)).toBe(true);
          for (const problem of problemsOf(error)) expect(ownWords(problem.message)).not.toMatch(ZOD_WORDING);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("quotes a field name that looks like a pattern without reading as zod's words (seed 1827538745)", () => {
    // A field named "/^" is the input's text, quoted: not a regex in the message.
    const error = thrown(() =>
      parseContract(contract((json) => Object.assign((json.meters as object[])[0]!, { "/^": false }))),
    );
    const [problem] = problemsOf(error);
    expect(problem?.message).toContain('["/^"] is not a field ratecard knows here');
    expect(ownWords(problem?.message ?? "")).not.toMatch(ZOD_WORDING);
  });
});
