import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  InputError,
  parseContract,
  parsePriceBook,
  resolveContract,
  type Sha256,
  safeParseContract,
} from "../../src/index.js";
import { thrown } from "../_support/thrown.js";

// The contract's digest may be taken with the host's SHA-256 (node:crypto), as an invoice's seal may:
// the digest is SHA-256 either way, so every contract must get the digest the default gives.

const nodeSha256: Sha256 = (bytes) => createHash("sha256").update(bytes).digest();
const json = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const fixtureContracts = (root: string): string[] =>
  readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_"))
    .flatMap((entry) => {
      const inside = `${root}/${entry.name}`;
      return readdirSync(inside).includes("contract.json")
        ? [`${inside}/contract.json`]
        : fixtureContracts(inside);
    });

describe("parseContract with the host's SHA-256", () => {
  const files = fixtureContracts("fixtures");

  it("gives every fixture contract the digest the default gives", () => {
    // the 13 fixtures and the cookbook's 12 cases
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const file of files) {
      const contract = json(file);
      expect(parseContract(contract, { sha256: nodeSha256 }).digest, file).toBe(
        parseContract(contract).digest,
      );
    }
  });

  it("gives a contract that follows a price book the digest the default gives", () => {
    const books = [parsePriceBook(json("fixtures/_price-books/edge-standard.json"))];
    for (const name of ["acme", "globex"]) {
      const contract = json(`fixtures/_price-books/${name}/contract.json`);
      expect(resolveContract(contract, books, { sha256: nodeSha256 }).digest).toBe(
        resolveContract(contract, books).digest,
      );
    }
  });

  it("is the SHA-256 of the contract's canonical text, checked by hand on a tiny contract's bytes", () => {
    // the digest is "sha256:" + hex of SHA-256 over the canonical JSON; node:crypto computes that
    // directly from the text written with sorted keys, no ratecard code involved
    const contract = json("fixtures/cdn-basic/contract.json");
    const canonical = (value: unknown): string =>
      Array.isArray(value)
        ? `[${value.map(canonical).join(",")}]`
        : value !== null && typeof value === "object"
          ? `{${Object.keys(value)
              .sort()
              .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
              .join(",")}}`
          : JSON.stringify(value);
    const expected = `sha256:${createHash("sha256").update(canonical(contract)).digest("hex")}`;
    expect(parseContract(contract, { sha256: nodeSha256 }).digest).toBe(expected);
  });

  it("refuses a function that is not SHA-256, at options.sha256, before any contract carries its digest", () => {
    const contract = json("fixtures/cdn-basic/contract.json");
    const notSha256: Sha256 = (bytes) => createHash("sha512").update(bytes).digest().subarray(0, 32);
    const error = thrown(() => parseContract(contract, { sha256: notSha256 }));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_argument", path: "options.sha256" });
    expect(() => safeParseContract(contract, { sha256: notSha256 })).toThrow(InputError);
  });
});
