import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Contract, parseContract } from "../../src/contracts/index.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");

/** The raw JSON of a fixture's contract. */
export function fixtureContractJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name, "contract.json"), "utf8"));
}

/** The parsed contract of a fixture. */
export function fixtureContract(name: string): Contract {
  return parseContract(fixtureContractJson(name));
}
