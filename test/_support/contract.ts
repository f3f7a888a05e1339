import { type Contract, type ContractInput, parseContract } from "../../src/index.js";

/** One meter of a contract, as JSON. */
export type MeterInput = NonNullable<ContractInput["meters"]>[number];
/** One charge of a contract, as JSON. */
export type ChargeInput = NonNullable<ContractInput["charges"]>[number];

/**
 * What a test changes in the default contract: any top-level field, replaced whole (not merged), or
 * left out when given as `undefined` (so `buildContract({ tax })` works whether or not `tax` is set).
 */
export type ContractOverrides = { readonly [K in keyof ContractInput]?: ContractInput[K] | undefined };

/**
 * Seats as a persistent unique count: the users (property `user`) of events of type `seat`, added and
 * removed by property `op` ("add", "remove"), carried from period to period (`usage.carryOut`).
 */
export const SEATS_METER: MeterInput = {
  id: "seats",
  eventType: "seat",
  aggregation: "unique_count",
  valueProperty: "user",
  persistent: true,
  operationProperty: "op",
};

/**
 * The contract every test starts from: customer `cus`, USD, UTC, billed monthly from 2026-01-01, and
 * one usage charge, `use`, at 1.00 a unit of meter `m` (the sum of property `v` of events of type
 * `e`), so a line's amount is its usage. A test replaces `meters` and `charges` together.
 */
const DEFAULT_CONTRACT: ContractInput = {
  schemaVersion: 1,
  id: "ctr",
  customer: { id: "cus" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly" },
  term: { start: "2026-01-01" },
  meters: [{ id: "m", eventType: "e", aggregation: "sum", valueProperty: "v" }],
  charges: [{ id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice: "1" } }],
};

/**
 * A contract as a user writes it (JSON, not parsed): the default contract with each layer of
 * overrides applied in turn, e.g. `buildContractJson(BASE, { discounts })`. Always a fresh object, so a
 * test may edit what it gets without touching another test's contract.
 */
export function buildContractJson(...layers: ReadonlyArray<ContractOverrides>): ContractInput {
  const merged: Record<string, unknown> = structuredClone(DEFAULT_CONTRACT);
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) delete merged[key];
      else merged[key] = structuredClone(value);
    }
  }
  return merged as ContractInput;
}

/**
 * {@link buildContractJson}, parsed: the contract ready to rate (throws the ContractError a user would get).
 * The JSON is deep-frozen first, so parsing can never edit what it was given unnoticed.
 */
export function buildContract(...layers: ReadonlyArray<ContractOverrides>): Contract {
  return parseContract(deepFreeze(buildContractJson(...layers)));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/**
 * A meter that sums the property `v` of the events whose type is its id; `fields` replaces any of
 * that (`eventType`, `valueProperty`) or adds to it (`unit`, `filters`, …).
 */
export function sumMeter(id: string, fields: Partial<MeterInput> = {}): MeterInput {
  return { id, eventType: id, aggregation: "sum", valueProperty: "v", ...fields };
}

/** A charge of `meter` at `unitPrice` a unit (default 1, so its line's amount is its usage). */
export function unitCharge(
  id: string,
  name: string,
  meter: string,
  unitPrice = "1",
  extra: Partial<ChargeInput> = {},
): ChargeInput {
  return { id, name, meter, price: { model: "unit", unitPrice }, ...extra };
}

/**
 * A matrix charge on one property of `meter`: a cell for each of `values`, each priced `price` (JSON),
 * e.g. `matrixCharge("bw", "Bandwidth", "gb", "region", ["na", "eu"], graduated)`.
 */
export function matrixCharge(
  id: string,
  name: string,
  meter: string,
  dimension: string,
  values: ReadonlyArray<string>,
  price: unknown,
): ChargeInput {
  return matrixChargeOf(
    id,
    name,
    meter,
    dimension,
    values.map((value) => [value, price]),
  );
}

/**
 * A matrix charge on one dimension with a price of its own per value (`[["na", p1], ["eu", p2]]`, cells in
 * that order); `extra` joins the matrix's terms (a `defaultPrice`, `onUnpriced`).
 */
export function matrixChargeOf(
  id: string,
  name: string,
  meter: string,
  dimension: string,
  prices: ReadonlyArray<readonly [string, unknown]>,
  extra: Readonly<Record<string, unknown>> = {},
): ChargeInput {
  const cells = prices.map(([value, price]) => ({ match: { [dimension]: value }, price }));
  return {
    id,
    name,
    meter,
    price: { model: "matrix", dimensions: [dimension], cells, ...extra },
  } as ChargeInput;
}

/** Graduated in two tiers: the first `upTo` units at `first` each, every unit above at `then`. */
export function twoTiers(first: string, then: string, upTo = "100") {
  return {
    model: "graduated" as const,
    tiers: [
      { upTo, unitPrice: first },
      { upTo: null, unitPrice: then },
    ],
  };
}

/** A flat fee of `amount` a period (no meter); `extra` adds `billed`, `credit`, … */
export function flatCharge(
  id: string,
  name: string,
  amount: string,
  extra: Partial<ChargeInput> = {},
): ChargeInput {
  return { id, name, price: { model: "flat", amount }, ...extra };
}

/** Seats billed in advance: `quantity` seats at 12.00 a seat (a fee, no meter). */
export function seatsCharge(quantity: string): ChargeInput {
  return {
    id: "seats",
    name: "Seats",
    price: { model: "unit", unitPrice: "12" },
    quantity,
    billed: "in_advance",
  };
}

/** A usage event, as JSON, of customer `cus` unless another is named. */
export function usageEvent(
  id: string,
  type: string,
  timestamp: string,
  properties: Readonly<Record<string, unknown>> = {},
  customer = "cus",
) {
  return { id, type, customer, timestamp, properties };
}

/** An event the default contract's meter `m` reads: type `e`, customer `cus`, 2026-02-03, `v` = `v`. */
export function meteredEvent(id: string, v: unknown) {
  return usageEvent(id, "e", "2026-02-03T00:00:00Z", { v });
}

/**
 * Two usage charges at 1.00 a unit, so a line's amount is its usage: `compute` bills meter `a`
 * (events of type `a`), `storage` meter `b` (type `b`); both meters sum the property `v`.
 */
export const COMPUTE_AND_STORAGE = {
  meters: [sumMeter("a"), sumMeter("b")],
  charges: [unitCharge("compute", "Compute", "a"), unitCharge("storage", "Storage", "b")],
} satisfies ContractOverrides;

/**
 * Compute and storage at 1.00 a unit, lines kept to `lineDecimals`, and two prepaid grants used after
 * tax: a 50.00 "wallet" and a 1.00 "topup" (drawn first: ids break the tie), whose carried balances may
 * be finer than the currency, so that they pay fractions of a cent and the amount due is rounded.
 */
export function walletAndTopUp(mode = "half_even", lineDecimals = 4): Contract {
  return buildContract(COMPUTE_AND_STORAGE, {
    rounding: { mode, lineDecimals },
    credits: [
      { id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "50" },
      { id: "topup", name: "Top-up", kind: "prepaid", taxed: "at_use", amount: "1" },
    ],
  });
}

/** The usage of {@link COMPUTE_AND_STORAGE} on 2 March 2026: `a` units of compute, `b` of storage. */
export function computeAndStorageUsage(a: string, b: string) {
  return [
    usageEvent("1", "a", "2026-03-02T00:00:00Z", { v: a }),
    usageEvent("2", "b", "2026-03-02T00:00:00Z", { v: b }),
  ];
}

/** A charge of `meter` with a line per `region` property value: a matrix at `unitPrice` a unit, `cells` aside. */
export function perRegionCharge(
  id: string,
  meter: string,
  unitPrice: string,
  cells: ReadonlyArray<{ readonly region: string; readonly unitPrice: string }> = [],
): ChargeInput {
  return {
    id,
    name: id,
    meter,
    price: {
      model: "matrix",
      dimensions: ["region"],
      cells: cells.map((cell) => ({
        match: { region: cell.region },
        price: { model: "unit", unitPrice: cell.unitPrice },
      })),
      defaultPrice: { model: "unit", unitPrice },
    },
  };
}

/**
 * Lago's prorated tiered charge `units` on {@link PRORATED_UNITS_METER} (docs/engine-options.md): tiers
 * up to 5 units at 10.00 with a flat fee of 100.00, then 5.00 with a flat fee of 50.00, picked by the
 * quantity before proration (`"tiersBy": "full_quantity"`), as a volume or a graduated price.
 */
export function fullQuantityTiersCharge(model: "volume" | "graduated"): ChargeInput {
  return {
    id: "units",
    name: "Units",
    meter: "units",
    tiersBy: "full_quantity",
    price: {
      model,
      tiers: [
        { upTo: "5", unitPrice: "10", flatFee: "100" },
        { unitPrice: "5", flatFee: "50" },
      ],
    },
  } as ChargeInput;
}

/**
 * docs/pricing.md's capacity tiers: up to 100 of meter `storage_gb` and 1,000,000 of `requests` at
 * 20.00, up to 1,000 and 10,000,000 at 150.00, then 900.00.
 */
export const CAPACITY_TIERS = [
  {
    limits: [
      { meter: "storage_gb", max: "100" },
      { meter: "requests", max: "1000000" },
    ],
    amount: "20",
  },
  {
    limits: [
      { meter: "storage_gb", max: "1000" },
      { meter: "requests", max: "10000000" },
    ],
    amount: "150",
  },
  { amount: "900" },
];

/** A running total of property `n` of events of type `unit`, prorated by days active (docs/engine-options.md). */
export const PRORATED_UNITS_METER: MeterInput = {
  id: "units",
  eventType: "unit",
  aggregation: "sum",
  valueProperty: "n",
  persistent: true,
  prorated: true,
};

/** COMPUTE_AND_STORAGE with a prepaid wallet of 1,000 CREDIT after tax, a CREDIT worth 0.07 (docs/credit-notes.md). */
export function creditUnitWallet(): Contract {
  return buildContract(
    { id: "ctr_units", customUnits: [{ code: "CREDIT", minorUnits: 0 }] },
    COMPUTE_AND_STORAGE,
    {
      credits: [
        {
          id: "wallet",
          name: "Prepaid credits",
          kind: "prepaid",
          taxed: "at_use",
          amount: "1000",
          unit: "CREDIT",
          unitValue: "0.07",
        },
      ],
    },
  );
}

/** Bandwidth (meter `gb`, GB) at 0.10 a GB with a line minimum of 50.00 (docs/progressive-billing.md). */
export function bandwidthWithMinimum(): Contract {
  return buildContract({
    meters: [sumMeter("gb", { unit: "GB" })],
    charges: [
      {
        id: "bw",
        name: "Bandwidth",
        meter: "gb",
        price: { model: "unit", unitPrice: "0.10" },
        minimum: "50",
      },
    ],
  });
}

/**
 * A fee of 10.00 and a service credit of −15.00 from 1 March 2026, so March totals 10.00 − 15.00 = −5.00:
 * an invoice below zero, the 5.00 owed to the customer. `credits` adds the contract's credit grants.
 */
export function feeBelowServiceCredit(credits: unknown[] = []): Contract {
  return buildContract({
    term: { start: "2026-03-01" },
    meters: [],
    charges: [
      flatCharge("fee", "Fee", "10.00"),
      flatCharge("refund", "Service credit", "-15.00", { credit: true }),
    ],
    ...(credits.length === 0 ? {} : { credits: credits as never }),
  });
}
