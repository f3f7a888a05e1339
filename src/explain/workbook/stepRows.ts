import type { Step } from "../../invoice/index.js";
import { Decimal, toPlainString } from "../../money/index.js";
import { volume } from "../../pricing/index.js";
import { roundingModeWords } from "../roundingModeWords.js";
import { roundingFormula, toleranceOf, wholeFormula } from "./roundingFormula.js";
import { formulaCell, numberCell, type RowCells } from "./sheetBuilder.js";

/**
 * What the rows of one line know while its steps are written: the cell holding the quantity the next
 * price step reads, and the amount so far (the price steps' cells, or the cell of the last step that
 * transformed their sum: proration, a limit, rounding).
 */
export interface LineState {
  /** Adds a row for this line and returns its sheet row number. */
  readonly add: (cells: RowCells, input?: boolean) => number;
  /** The display format of amounts. */
  readonly money: string;
  /** An instant as the invoice dates it: a local date of its zone (localWhen). */
  readonly when: (iso: string) => string;
  /** An allowance pool as the contract names it (its id when the invoice lists no such pool). */
  readonly poolName: (id: string) => string;
  /** A quantity in the line's unit, as the invoice's other texts write it: "61400 GB", "1 unit". */
  readonly units: (quantity: string) => string;
  /** The A1 address of the quantity the price reads (undefined before a usage or contract quantity). */
  quantity: string | undefined;
  /** The first quantity cell of the line: the one a person changes to re-rate it. */
  input: string | undefined;
  /** The amount cells the price steps wrote since the last transformation. */
  priced: string[];
  /** The cell of the last transformation of the amount (proration, limit, rounding). */
  running: string | undefined;
}

/** The formula of the line's amount so far: the last transformation plus the price steps after it. */
export function amountSoFar(state: LineState): string {
  const parts = partsOf(state);
  if (parts.length === 0) return "0";
  return parts.length === 1 ? parts[0]! : `SUM(${parts.join(",")})`;
}

/** The cells the amount so far adds up: the last transformation's, then the price steps' after it. */
export function partsOf(state: LineState): string[] {
  return [...(state.running === undefined ? [] : [state.running]), ...state.priced];
}

// A row whose amount is the product of its quantity (C) and price (D): quantity × price.
function product(state: LineState, cells: Omit<RowCells, "amount">): void {
  const row = state.add({ ...cells, amount: formulaCell(`C{row}*D{row}`, state.money) });
  state.priced.push(`E${row}`);
}

// A price step ratecard writes as an amount that is no function of the quantity cell (a flat fee, an
// amount of per-event values): its value, marked so.
function valued(state: LineState, step: string, amount: string, note: string): void {
  const row = state.add({
    step,
    amount: numberCell(amount, state.money),
    note: `${note} (a value, not a formula)`,
  });
  state.priced.push(`E${row}`);
}

// A transformation of the amount so far (proration, limit, rounding): its row becomes the running amount.
function transform(state: LineState, cells: RowCells): void {
  const row = state.add(cells);
  state.running = `E${row}`;
  state.priced = [];
}

// The quantity cell, which exists once a usage or contract quantity step was written.
function quantityOf(state: LineState): string {
  return state.quantity ?? "0";
}

// A quantity row a person may change: the measured or contracted quantity.
function inputQuantity(state: LineState, step: string, quantity: string, note: string): void {
  const row = state.add({ step, quantity: numberCell(quantity), note }, true);
  state.quantity = `C${row}`;
  state.input ??= state.quantity;
}

// MAX(0, MIN(Q, upTo) − from): the units of a graduated tier (upTo inclusive, as ratecard's tiers are).
function unitsInTier(q: string, from: string, upTo: string | null): string {
  return upTo === null ? `MAX(0,${q}-(${from}))` : `MAX(0,MIN(${q},${upTo})-(${from}))`;
}

type Handlers = {
  readonly [K in Step["kind"]]: (step: Extract<Step, { kind: K }>, state: LineState) => void;
};

/**
 * One writer per step kind ratecard writes (the type asks for every kind of the invoice schema): the
 * row or rows of the step, as live formulas where the step is a function of the quantity and the
 * amount so far, and as marked values where it depends on things the sheet does not hold.
 */
// As ratecard rounds a billable quantity: "up" toward +∞ (ceiling), "down" toward −∞ (floor).
const SHEET_MODE = { up: "ceiling", down: "floor", half_up: "half_up", half_even: "half_even" } as const;

export const STEP_ROWS: Handlers = {
  usage: (step, state) =>
    inputQuantity(
      state,
      `Measured: ${step.meter} (${step.aggregation} of ${step.events} events)`,
      step.quantity,
      "Change this quantity to re-rate the line.",
    ),
  // The groups' total, which the rows below rate: the other groups' quantities are not on this line.
  group_total: (step, state) => {
    const row = state.add({
      step: `All ${step.groups} groups together`,
      quantity: numberCell(step.measured),
      note: "The groups' measured quantities added up (a value, not a formula): the charge is rated on it.",
    });
    state.quantity = `C${row}`;
  },
  // The group's share of the charge's rounded amount: a largest-remainder allocation over every group.
  group_share: (step, state) =>
    transform(state, {
      step: `This group's share: ${step.weight} of ${step.totalWeight}`,
      quantity: numberCell(step.total, state.money),
      price: formulaCell(`${step.weight}/${step.totalWeight}`),
      amount: numberCell(step.amount, state.money),
      note: "The charge's rounded amount × weight ÷ total weight, in whole cents by largest remainder (a value, not a formula).",
    }),
  contract_quantity: (step, state) =>
    inputQuantity(state, "Contract quantity", step.quantity, "Change this quantity to re-rate the line."),
  override: (step, state) => {
    state.add({ step: `Override ${step.override}`, note: "The prices below are the override's." });
  },
  billable_quantity: (step, state) => {
    const measured = quantityOf(state);
    // The charge's `included` is in the meter's units: it comes off before the divide. An allowance takes
    // off what there is, up to its size: MIN(x, MAX(0, x − included)) is 0 for 0 ≤ x ≤ included and x
    // itself below zero (nothing to take), as billableQuantity does.
    const q =
      step.includedMeasured === undefined ? measured : allowanceFormula(measured, step.includedMeasured);
    const divided = step.divideBy === null ? q : `${q}/${step.divideBy}`;
    const allowed = step.included === null ? divided : allowanceFormula(divided, step.included);
    const rounded =
      step.round === "none"
        ? allowed
        : step.roundIncrement === undefined
          ? wholeFormula(allowed, step.round === "down" ? "down" : "up")
          : `${roundingFormula(`(${allowed})/${step.roundIncrement}`, 0, SHEET_MODE[step.round], `5E-15*ABS(${allowed})`)}*${step.roundIncrement}`;
    const row = state.add({
      step: "Billable quantity",
      quantity: formulaCell(rounded),
      note: `measured${step.includedMeasured === undefined ? "" : `, less the first ${step.includedMeasured} included`}${step.divideBy === null ? "" : ` ÷ ${step.divideBy}`}${step.included === null ? "" : `, less ${step.included} included (never below 0; nothing off a quantity below 0)`}, rounded ${step.round}${step.roundIncrement === undefined ? "" : ` to a multiple of ${step.roundIncrement}`}`,
    });
    state.quantity = `C${row}`;
  },
  allowance: (step, state) => {
    const row = state.add({
      step: `Shared allowance ${state.poolName(step.pool)}`,
      quantity: formulaCell(`MAX(0,${quantityOf(state)}-D{row})`),
      price: numberCell(step.available),
      note: "D: what the pool had left when this line drew (a value: it depends on the lines before it); C: the quantity after the draw",
    });
    state.quantity = `C${row}`;
  },
  tier: (step, state) => {
    const q = quantityOf(state);
    // A volume price bills every unit at the tier the quantity reached (its model's own name, not a literal).
    const isVolume = step.mode === volume.model;
    product(state, {
      step: `Tier ${step.tier} (${step.from} to ${step.upTo ?? "∞"}, ${step.mode})`,
      quantity: formulaCell(isVolume ? q : unitsInTier(q, step.from, step.upTo)),
      price: numberCell(step.unitPrice),
      note: isVolume
        ? "Volume: every unit at the price of the tier the quantity reached; a quantity outside this tier needs ratecard to re-rate."
        : `Units in the tier: MIN(quantity, ${step.upTo ?? "∞"}) − ${step.from}, never below 0.${step.upTo === null ? "" : " A quantity above the highest tier this invoice reached needs ratecard to re-rate."}`,
    });
  },
  tier_flat_fee: (step, state) =>
    valued(state, `Tier ${step.tier} flat fee`, step.amount, "The tier's flat fee"),
  tier_minimum: (step, state) => {
    const before = amountSoFar(state);
    const row = state.add({
      step: `Tier ${step.tier} minimum`,
      price: numberCell(step.minimum),
      amount: formulaCell(`MAX(0,D{row}-(${before}))`, state.money),
      note: "Top-up of the tiers' amount to the tier's minimum.",
    });
    state.priced.push(`E${row}`);
  },
  unit: (step, state) =>
    product(state, {
      step: "Unit price",
      quantity: formulaCell(quantityOf(state)),
      price: numberCell(step.unitPrice),
    }),
  package: (step, state) =>
    product(state, {
      step: `Packages of ${step.packageSize}`,
      quantity: formulaCell(
        wholeFormula(
          `${quantityOf(state)}/${step.packageSize}`,
          step.partialPackage === "round_up" ? "up" : "down",
        ),
      ),
      price: numberCell(step.packagePrice),
      note: `Quantity ÷ ${step.packageSize}, a partial package ${step.partialPackage === "round_up" ? "rounded up" : "rounded down"}, × the package price.`,
    }),
  tier_package: (step, state) =>
    product(state, {
      step: `Tier ${step.tier} packages of ${step.packageSize} (${step.mode})`,
      quantity: numberCell(step.packages),
      price: numberCell(step.packagePrice),
      note: "Packages as ratecard counted them (a value, not a formula).",
    }),
  flat: (step, state) => valued(state, "Flat fee", step.amount, "The fee of the period"),
  percentage: (step, state) =>
    product(state, {
      step: `Percentage of ${step.events} transactions (${step.freeEvents} free, ${step.refunds} refunds)`,
      quantity: formulaCell(`(${step.total})-(${step.free})`),
      price: numberCell(step.rate),
      note: "C: the transactions' value less the free amount (values: the sheet does not hold each transaction); D: the rate as a fraction.",
    }),
  fixed_fees: (step, state) =>
    product(state, {
      step: "Fixed fee per transaction",
      quantity: numberCell(String(step.events)),
      price: numberCell(step.fixedFee),
    }),
  per_event_limit: (step, state) =>
    valued(
      state,
      `Per-transaction ${step.limit} (${step.events} transactions)`,
      step.amount,
      "The per-transaction limit's adjustment",
    ),
  dynamic: (step, state) =>
    product(state, {
      step: "Events' own amounts × multiplier",
      quantity: numberCell(step.eventAmounts),
      price: numberCell(step.multiplier),
    }),
  capacity: (step, state) =>
    valued(state, `Capacity tier ${step.tier}`, step.amount, "The lowest tier whose limits hold"),
  threshold: (step, state) =>
    valued(
      state,
      `Threshold band ${step.band} (${step.from} to ${step.upTo ?? "∞"})`,
      step.amount,
      "The band's amount",
    ),
  window_pricing: (step, state) =>
    valued(
      state,
      `${step.windows} windows priced one by one (${step.tiers === "running_total" ? "running total's tiers" : "tiers restart in each"})`,
      step.amount,
      "The windows' amounts added up; the window_pricing step lists each",
    ),
  full_quantity_tiers: (step, state) =>
    transform(state, {
      step: `Tiers of the full quantity ${step.full}, prorated ${step.quantity} priced`,
      quantity: formulaCell(amountSoFar(state), state.money),
      amount: numberCell(step.amount, state.money),
      note:
        step.unitPrice === undefined
          ? `Flat fees ${step.flatFees} + (the tiers' amount at the full quantity ${step.before} − ${step.flatFees}) × ${step.quantity} ÷ ${step.full} (a value: the tier rows above are read at the full quantity, not the quantity cell).`
          : `Flat fees ${step.flatFees} + ${step.quantity} × ${step.unitPrice}, the first unit's price: a full quantity of 0 reaches tier 1 only (a value: the tier rows above are read at the full quantity, not the quantity cell).`,
    }),
  proration: (step, state) =>
    transform(state, {
      step: `Proration by ${step.basis}: ${step.elapsed} of ${step.total}`,
      quantity: formulaCell(amountSoFar(state), state.money),
      price: formulaCell(`${step.elapsed}/${step.total}`),
      amount: formulaCell("C{row}*D{row}", state.money),
      note: "The amount so far × elapsed ÷ total.",
    }),
  trial: (step, state) => {
    state.add({
      step: `Free trial until ${state.when(step.ends)}`,
      note: "The proration below bills the time after the trial.",
    });
  },
  unused_time: (step, state) =>
    transform(state, {
      step: `Unused time ${state.when(step.from)} to ${state.when(step.to)}`,
      quantity: formulaCell(amountSoFar(state), state.money),
      amount: formulaCell("-C{row}", state.money),
      note: "Credit for the part billed in advance that the change left unused: minus the amount so far.",
    }),
  unused_time_discount: (step, state) =>
    transform(state, {
      step: `Net of discount ${step.discount} (${step.percent} %)`,
      quantity: formulaCell(amountSoFar(state), state.money),
      price: formulaCell(
        step.inForce === undefined
          ? `1-${step.percent}/100`
          : `1-${step.percent}*${step.inForce.elapsed}/${step.inForce.total}/100`,
      ),
      amount: formulaCell("C{row}*D{row}", state.money),
      note: "The credit so far less the discount's share, as the invoice that billed the fee took it.",
    }),
  line_limit: (step, state) => {
    const limited =
      step.limit === "minimum"
        ? "MAX(C{row},D{row})"
        : step.limit === "maximum"
          ? "MIN(C{row},D{row})"
          : "MAX(0,C{row})";
    transform(state, {
      step: step.limit === "zero_floor" ? "Never below zero" : `Line ${step.limit}`,
      quantity: formulaCell(amountSoFar(state), state.money),
      ...(step.limit === "zero_floor" ? {} : { price: numberCell(step.value, state.money) }),
      amount: formulaCell(limited, state.money),
    });
  },
  // The shortfall as ratecard's exact value, as the overage's factors below: in doubles minimum − spend
  // loses the digits the two share, an error far above the rounding's tolerance (relative to the small
  // difference): 0.001499 − 0.001466 floored to 6 decimals gave 0.000032, not 0.000033.
  commitment_true_up: (step, state) => {
    const row = state.add({
      step: `Commitment ${step.commitment}: true-up to the minimum`,
      quantity: numberCell(step.spend, state.money),
      price: numberCell(step.minimum, state.money),
      amount: numberCell(step.amount, state.money),
      note: `C: the spend of the lines in scope after discounts (a value); D: the minimum; E: minimum − spend, ${step.minimum} − ${step.spend} (a value).`,
    });
    state.priced.push(`E${row}`);
  },
  // Both factors as ratecard's exact values: in doubles, 1.0001 − 1 is 0.0001 only to 12 digits and
  // spend − minimum loses the digits the two share, an error far above the rounding's tolerance (which
  // is relative to the small product): 2,484.72 × (1.0001 − 1) floored to 6 decimals gave 0.248471.
  commitment_overage: (step, state) => {
    const row = state.add({
      step: `Commitment ${step.commitment}: overage at ×${step.factor}`,
      quantity: numberCell(step.excess),
      price: numberCell(toPlainString(new Decimal(step.factor).minus(1))),
      amount: formulaCell("C{row}*D{row}", state.money),
      note: `C: the excess, spend ${step.spend} − minimum ${step.minimum} (a value); D: the factor − 1 (a value): the excess is billed ×${step.factor}, the line bills the part above ×1.`,
    });
    state.priced.push(`E${row}`);
  },
  rounding: (step, state) =>
    transform(state, {
      step: `Line amount: rounded ${roundingModeWords(step.mode)} to ${step.minorUnits} decimals`,
      quantity: formulaCell(amountSoFar(state)),
      amount: formulaCell(
        roundingFormula("C{row}", step.minorUnits, step.mode, toleranceOf(partsOf(state))),
        state.money,
      ),
      note: "C: the exact amount; E: rounded once, as ratecard rounds each line.",
    }),
  // A progressive or closing invoice: the cumulative amount less what earlier invoices billed.
  billed_earlier: (step, state) =>
    transform(state, {
      step: `Already billed on ${step.invoices.join(", ")}`,
      quantity: formulaCell(amountSoFar(state), state.money),
      price: numberCell(step.amount, state.money),
      amount: formulaCell("C{row}+D{row}", state.money),
      note: `C: the amount so far this period; D: what earlier invoices billed (${state.units(step.quantity)}), taken off.`,
    }),
};

// What is left of `value` after an allowance of `included` (a formula of the sheet).
function allowanceFormula(value: string, included: string): string {
  return `MIN(${value},MAX(0,${value}-${included}))`;
}
