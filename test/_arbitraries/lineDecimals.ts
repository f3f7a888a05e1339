import fc from "fast-check";
import { decimalArb } from "./money.js";
import type { ContractScenario } from "./wholeContracts.js";

/**
 * An invoice of fees finer than the currency (rounding.lineDecimals 3–8), in any directed or nearest
 * rounding mode, with or without tax: the case the lineDecimals properties are checked on.
 */
export const lineDecimalsCaseArb = fc.record({
  lineDecimals: fc.integer({ min: 3, max: 8 }),
  mode: fc.constantFrom("half_even", "half_up", "up", "down", "ceiling", "floor"),
  prices: fc.array(decimalArb({ maxScale: 8, maxUnits: 10n ** 9n - 1n, signed: false }), {
    minLength: 1,
    maxLength: 6,
  }),
  taxed: fc.boolean(),
});

const MINOR_UNITS: Readonly<Record<string, number>> = { USD: 2, EUR: 2, JPY: 0, BHD: 3, CLF: 4 };

/**
 * The scenario with lines `finer` decimals finer than its currency (rounding.lineDecimals), or as it is
 * when `finer` is undefined: whole contracts whose total is rounded from finer lines.
 */
export function withLineDecimals(scenario: ContractScenario, finer: number | undefined): ContractScenario {
  if (finer === undefined) return scenario;
  const code = scenario.json.currency as string;
  const custom = (scenario.json.customUnits ?? []) as ReadonlyArray<{ code: string; minorUnits: number }>;
  const lineDecimals = (custom.find((unit) => unit.code === code)?.minorUnits ?? MINOR_UNITS[code]!) + finer;
  const rounding = (scenario.json.rounding ?? {}) as Record<string, unknown>;
  return { ...scenario, json: { ...scenario.json, rounding: { ...rounding, lineDecimals } } };
}
