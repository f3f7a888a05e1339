import { contractJsonSchema, parseContract, parseUsageEvent } from "../../src/index.js";
import { fixtureContractJson } from "../_arbitraries/contracts.js";
import { buildContractJson, type ChargeInput, type MeterInput, sumMeter } from "../_support/contract.js";
import type { CodeBlock } from "./markdownBlocks.js";

/**
 * What a JSON block of the docs was checked as. A whole contract is parsed; the parts of one (a meter,
 * a price, a charge, tiers, top-level members such as `tax`) are parsed inside a contract built around
 * them; a usage event is parsed as an event; anything else (an invoice excerpt, a usage report) only
 * has to be JSON.
 */
export type JsonBlockCheck =
  | "contract"
  | "contract members"
  | "meter"
  | "price"
  | "charge"
  | "charges"
  | "tiers"
  | "usage event"
  | "parsed";

type Json = { readonly [key: string]: unknown };
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const has = (value: Json, ...keys: string[]) => keys.every((key) => key in value);

/** JSON with comments (```jsonc): the `//` and `/* *\/` comments outside strings removed. */
function withoutComments(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match) =>
    match.startsWith('"') ? match : "",
  );
}

/** The block's value, or undefined when it is not JSON (a ```jsonc block: once its comments are removed). */
function readJson(block: CodeBlock): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(block.lang === "jsonc" ? withoutComments(block.text) : block.text) };
  } catch {
    return undefined;
  }
}

/** What a JSON block shows, read from its shape without validating it (a test is named after it). */
export function jsonBlockCheck(block: CodeBlock): JsonBlockCheck | "not JSON" {
  const read = readJson(block);
  return read === undefined ? "not JSON" : checkOf(read.value);
}

function checkOf(value: unknown): JsonBlockCheck {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isCharge)) return "charges";
    if (value.length > 0 && value.every(isTier)) return "tiers";
    return "parsed";
  }
  if (!isObject(value)) return "parsed";
  if (has(value, "schemaVersion", "charges")) return "contract";
  const contractKeys = Object.keys((contractJsonSchema() as { properties: Json }).properties);
  if (Object.keys(value).every((key) => contractKeys.includes(key))) return "contract members";
  if (has(value, "type", "customer", "timestamp")) return "usage event";
  if (has(value, "eventType", "aggregation")) return "meter";
  if (isCharge(value)) return "charge";
  // a price has a model and no id (an invoice line has both)
  if (has(value, "model") && !has(value, "id")) return "price";
  return "parsed";
}

// Each check validates the value its shape was read from (checkOf): an object for most, a list for
// charges and tiers.
const VALIDATE: Readonly<Record<JsonBlockCheck, (value: unknown) => void>> = {
  contract: (value) => parseContract(value),
  // members such as `tax` or `credits` name the fixture's charges (bandwidth_na, bandwidth_eu, …)
  "contract members": (value) => parseContract({ ...fixtureContractJson("cdn-basic"), ...(value as Json) }),
  "usage event": (value) => parseUsageEvent(value),
  meter: (value) => {
    const meter = value as MeterInput;
    parseContract(buildContractJson({ meters: [meter], charges: [chargeOf(unitPrice, meter.id)] }));
  },
  charge: (value) => parseInContract([value]),
  charges: (value) => parseInContract(value as unknown[]),
  price: (value) => parseInContract([chargeOf(value)]),
  // docs/pricing.md shows one list of tiers "for graduated and volume alike"
  tiers: (value) => {
    for (const model of ["graduated", "volume"]) parseInContract([chargeOf({ model, tiers: value })]);
  },
  parsed: () => undefined,
};

/** Checks one ```json or ```jsonc block as what it shows; throws a sentence naming the block. */
export function checkJsonBlock(block: CodeBlock): JsonBlockCheck {
  const where = `${block.file}:${block.line}`;
  const read = readJson(block);
  if (read === undefined) {
    throw new Error(`${where}: the ${block.lang} block is not JSON (wrap a list of members in { })`);
  }
  const check = checkOf(read.value);
  try {
    VALIDATE[check](read.value);
  } catch (error) {
    const { code, path, message } = error as { code?: string; path?: string; message: string };
    throw new Error(`${where}: not a valid ${check}: ${code ?? "error"} at ${path ?? "?"}: ${message}`);
  }
  return check;
}

const unitPrice = { model: "unit", unitPrice: "1" };
const isCharge = (value: unknown): value is Json => isObject(value) && has(value, "id", "name", "price");
const isTier = (value: unknown) =>
  isObject(value) && !has(value, "model") && ("upTo" in value || "unitPrice" in value);
const chargeOf = (price: unknown, meter: unknown = "m") =>
  ({ id: "c", name: "C", meter, price }) as ChargeInput;

/** Parses `charges` as the default contract's, with a sum meter for every meter id they name. */
function parseInContract(charges: ReadonlyArray<unknown>): void {
  const meters = [...new Set(meterIdsIn(charges))].map((id) => sumMeter(id));
  parseContract(buildContractJson({ meters, charges: charges as ChargeInput[] }));
}

/** Every value of a `meter` key inside `value` (a charge's meter, a capacity tier's limits). */
function meterIdsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(meterIdsIn);
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, member]) =>
    key === "meter" && typeof member === "string" ? [member] : meterIdsIn(member),
  );
}
