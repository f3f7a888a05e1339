import type { Contract } from "../contracts/index.js";
import { aggregatesMessages, InputError } from "../errors/index.js";
import { Decimal } from "../money/index.js";
import { isSlotKey } from "../schema/index.js";

/**
 * What preparations of many contracts share, held by the caller ({@link createRatingShare}): each pricing
 * part of a contract (each of its meters, charges, allowances, discounts, commitments, credits,
 * overrides and amendments, and its tax) that is equal, value for value, to one of a contract prepared
 * before with the same share is replaced by that earlier one. Contracts are immutable, so an equal part
 * changes no invoice (a property test rates generated contracts with and without a share, byte for
 * byte); what changes is memory: 5,000 customers on one plan rate against one set of prices instead of
 * 5,000 copies scattered over the heap (docs/scale.md, "Customers on the same plan"). The share keeps
 * every distinct part it was given, so it lives as long as the batch that uses it; nothing is shared
 * without one.
 */
export interface RatingShare {
  /** The parts seen so far, by the kind of part and the text of its value (a strict fingerprint). */
  readonly parts: Map<string, unknown>;
}

/**
 * A share for {@link prepareRating}'s `share` option: preparations given the same share use one copy of
 * their equal pricing parts. `rateMany` makes one per call.
 * @example const share = createRatingShare(); const prepared = contracts.map((c) => prepareRating(c, "2026-02", { share }));
 */
export function createRatingShare(): RatingShare {
  return { parts: new Map() };
}

/**
 * The `share` option as given: undefined, or a share {@link createRatingShare} made.
 * @throws InputError `invalid_argument` at `options.share` for anything else
 */
export function requireShare(share: unknown): RatingShare | undefined {
  if (share === undefined) return undefined;
  const parts = (share as { parts?: unknown } | null)?.parts;
  if (typeof share === "object" && parts instanceof Map) return share as RatingShare;
  throw InputError.from(aggregatesMessages.invalidRatingShare(share), "options.share");
}

// The parts of a contract that price it: the same for every customer on one plan. The customer, the
// contract's id and digest, its zone and cycle stay the contract's own.
const SHARED_PARTS = [
  "meters",
  "charges",
  "allowances",
  "tax",
  "discounts",
  "commitments",
  "credits",
  "overrides",
  "amendments",
] as const;

/**
 * The contract with each pricing part replaced by the equal part the share already holds (the share
 * keeps the parts it did not hold yet): a list item by item, so that customers whose plans differ in one
 * charge share the others. The contract itself when nothing was replaced.
 */
export function sharedContract(contract: Contract, share: RatingShare): Contract {
  let shared: Record<string, unknown> | undefined;
  for (const name of SHARED_PARTS) {
    const part: unknown = contract[name];
    const kept = Array.isArray(part) ? sharedItems(name, part, share) : sharedValue(name, part, share);
    if (kept !== part) {
      shared ??= { ...contract };
      shared[name] = kept;
    }
  }
  return shared === undefined ? contract : (shared as unknown as Contract);
}

// The list with each item replaced by the equal one the share holds, or the list itself. An item is
// never replaced by one the list already holds: two equal items stay two objects, as parsed.
function sharedItems(name: string, list: ReadonlyArray<unknown>, share: RatingShare): ReadonlyArray<unknown> {
  let items: unknown[] | undefined;
  const used = new Set<unknown>();
  list.forEach((item, at) => {
    const kept = sharedValue(`${name}[]`, item, share);
    if (used.has(kept)) return;
    used.add(kept);
    if (kept === item) return;
    items ??= [...list];
    items[at] = kept;
  });
  return items ?? list;
}

// The equal value the share holds under `kind`, or `value` itself (kept by the share when it is the
// first of its kind and text).
function sharedValue(kind: string, value: unknown, share: RatingShare): unknown {
  const print = fingerprint(value);
  if (print === undefined) return value;
  const key = `${kind}:${print}`;
  const known = share.parts.get(key);
  if (known !== undefined) return known;
  share.parts.set(key, value);
  return value;
}

/**
 * A text that identifies a value made of plain objects, arrays, ratecard's Decimals and primitives:
 * two values with one text are equal in everything rating can observe (each object's keys in their
 * order, members set to undefined, -0, each Decimal's exact value, sign and class). Undefined for any
 * other value (a Map, a class instance, a function, a sparse array, a symbol key): never shared.
 * @example fingerprint({ a: [1, "x"] }) // '{"a":[n1,"x"]}'
 */
export function fingerprint(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Object.is(value, -0) ? "n-0" : `n${value}`;
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "undefined";
    case "object":
      if (value === null) return "null";
      if (value instanceof Decimal) return decimalPrint(value);
      return Array.isArray(value) ? arrayPrint(value) : objectPrint(value);
    default:
      // a function, a symbol, a bigint
      return undefined;
  }
}

// decimal.js writes -0 as "0": the sign is written apart. Only ratecard's own class: another clone's
// Decimal computes with other settings.
function decimalPrint(value: Decimal): string | undefined {
  if (value.constructor !== Decimal) return undefined;
  return `d${value.isNegative() ? "-" : "+"}${value.toString()}`;
}

function arrayPrint(list: ReadonlyArray<unknown>): string | undefined {
  // Dense, with nothing but its items: a hole reads as undefined but is not one to `in` and `forEach`.
  if (dataKeyCount(list) !== list.length + 1) return undefined;
  let text = "[";
  for (let index = 0; index < list.length; index += 1) {
    const item = fingerprint(list[index]);
    if (item === undefined) return undefined;
    text += index === 0 ? item : `,${item}`;
  }
  return `${text}]`;
}

function objectPrint(record: object): string | undefined {
  if (Object.getPrototypeOf(record) !== Object.prototype) return undefined;
  // Own string keys only, every one enumerable: no symbol, no hidden member.
  const keys = Object.keys(record);
  if (dataKeyCount(record) !== keys.length) return undefined;
  let text = "{";
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const member = fingerprint((record as Record<string, unknown>)[key]);
    if (member === undefined) return undefined;
    text += `${index === 0 ? "" : ","}${JSON.stringify(key)}:${member}`;
  }
  return `${text}}`;
}

// How many own keys a value has besides what rating keeps on it (objectSlot.ts: a compiled meter, a
// price's text), which is no part of its value: a meter rated before it was shared is shared alike.
function dataKeyCount(value: object): number {
  let count = 0;
  for (const key of Reflect.ownKeys(value)) if (!isSlotKey(key)) count += 1;
  return count;
}
