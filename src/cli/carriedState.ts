import {
  type CarriedMeterState,
  isRatecardError,
  parseCarriedStates,
  parseInvoice,
  safeParseDecimal,
  toJsonPath,
} from "../index.js";
import {
  correctedInvoice,
  fileProblem,
  isObject,
  readIssued,
  requirePrevious,
  requireSameContract,
  UsageLineError,
} from "./cliSupport.js";
import { wrongDocument } from "./wrongDocument.js";

// --carry takes the previous period's invoice (its usage.carryOut), a late-usage correction of it (its
// re-rated or re-issued invoice: the period's meters with the late events, as --balances,
// --commitment-spend and a fixture's previous.json read it), or the carried states themselves.
// Levels and totals are checked here, where the file is known: a negative one would otherwise surface
// later as a negative quantity blamed on the usage. Anything else (an explanation, a list, a balances
// file) is refused with a sentence naming the file: read as states, it would fail on its first field,
// or (an explanation's usage without carryOut) carry nothing silently.
// `named`: the flag and the file ("--carry jan.json"), or the file alone where no flag gave it (a
// fixture's previous.json), as messages name it.
export function carriedState(
  given: unknown,
  named: string,
  contractId: string,
  startsAt?: string,
): Record<string, CarriedMeterState> {
  // A late-usage correction stands for the invoice the period now is (a seat added late stays seated).
  const data = correctedInvoice(named, given);
  const at = carriedStatesAt(given);
  let candidate: unknown = data;
  if (isObject(data) && "schemaVersion" in data) {
    const invoice = readIssued(named, data, parseInvoice, "a ratecard invoice");
    requireSameContract(invoice.contractId, contractId, named);
    requirePrevious(invoice, startsAt, named);
    candidate = invoice.usage.carryOut;
  } else if (at.length > 0) {
    candidate = (data as { usage: { carryOut?: unknown } }).usage.carryOut;
  } else {
    const other = wrongDocument(data, "a ratecard invoice");
    if (other !== undefined) throw new UsageLineError(`${named} ${other}.`);
    if (!isObject(data) || Object.values(data).some((state) => !isObject(state)))
      throw new UsageLineError(
        `${named} must be a previous invoice (ratecard invoice --format json) or an object of meter id → carried state, such as { "storage": { "level": "40" } }`,
      );
  }
  return carriedStatesIn(candidate, at, named);
}

/**
 * The carried states a file holds at `at` (an invoice's `usage.carryOut`, or the file itself), checked:
 * their shape (parseCarriedStates) and no negative level or total, each problem named with the file
 * and the path inside it. Nothing (an invoice without `usage.carryOut`) carries nothing.
 */
export function carriedStatesIn(
  candidate: unknown,
  at: ReadonlyArray<string>,
  named: string,
): Record<string, CarriedMeterState> {
  if (candidate === undefined) return {};
  let states: Record<string, CarriedMeterState>;
  try {
    states = parseCarriedStates(candidate) as Record<string, CarriedMeterState>;
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    throw new UsageLineError(fileProblem(named, carriedPathInFile(at, error.path), error.message));
  }
  for (const [meter, state] of Object.entries(states)) {
    for (const field of ["level", "total"] as const) {
      const value = state[field];
      const parsed = safeParseDecimal(value);
      if (parsed.success && parsed.data.isNegative() && !parsed.data.isZero())
        throw new UsageLineError(
          `${named}: ${toJsonPath([...at, meter, field])} is ${value}, but a carried ${field} must be zero or more (a meter's ${field === "level" ? "level at the period start" : "running total"} cannot be negative); check the previous invoice's usage.carryOut.`,
        );
    }
  }
  return states;
}

/**
 * Where a --carry file holds the carried states: an invoice's (or an invoice-shaped object's)
 * `usage.carryOut`, a late-usage correction's under its `rerated` or `reissued` invoice, or the file
 * itself when it holds the states alone.
 */
export function carriedStatesAt(data: unknown): ReadonlyArray<string> {
  if (!isObject(data)) return [];
  for (const field of ["rerated", "reissued"])
    if (typeof data.mode === "string" && "invoiceId" in data && isObject(data[field]))
      return [field, "usage", "carryOut"];
  if ("schemaVersion" in data) return ["usage", "carryOut"];
  return isObject(data.usage) && "carryOut" in data.usage ? ["usage", "carryOut"] : [];
}

/**
 * A path into the carried states (`requests.total`, `["edge-cache"].level`, or "" for the states
 * themselves) as a path into the file that holds them at `at` (`usage.carryOut.requests.total`).
 */
export function carriedPathInFile(at: ReadonlyArray<string>, path: string): string {
  const inside = path.startsWith(".") ? path.slice(1) : path;
  if (at.length === 0) return inside;
  if (inside === "") return toJsonPath(at);
  return inside.startsWith("[") ? `${toJsonPath(at)}${inside}` : `${toJsonPath(at)}.${inside}`;
}
