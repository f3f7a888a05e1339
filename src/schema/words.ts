import type { StepData } from "./line.js";

/**
 * The formatters a step's sentence is written with. `explain` implements them (currency, decimals,
 * grouping); whoever owns a step kind (a price model, a contract term) writes its sentence with them,
 * so no lower layer imports `explain`.
 */
export interface Words {
  /** An amount: at least the minor-unit decimals, more only when exact ("$92.505"). */
  money(plain: string): string;
  /** A unit price: two decimals more than money ("$0.0800"). */
  price(plain: string): string;
  /** A quantity with the line's unit ("11,400 GB"). */
  units(plain: string): string;
  /** A bare quantity, grouped, with exactly its own decimals ("23,456.789"). */
  quantity(plain: string): string;
  /** A count and its noun, plural when not 1 ("1 event", "2,996 events"). */
  count(n: number, noun: string): string;
  /** A rate as a percentage ("0.029" → "2.9%"). */
  percent(rate: string): string;
  /** Group or dimension values, each after its name ("region na, tier 1"; a missing value "(not set)"). */
  group(values: Readonly<Record<string, string | number | boolean | null>>): string;
  /**
   * An instant as the invoice dates it: its local date in the invoice's time zone ("2026-04-21"), with
   * the local time when it is not midnight; as written when the zone is not known.
   */
  instant(iso: string): string;
}

/**
 * The sentence of each step kind one owner writes (a contract term), by kind: explain looks a step's
 * kind up here instead of switching over kinds. Undefined when the step adds no sentence of its own.
 */
export type StepSentences<S extends StepData> = {
  readonly [K in S["kind"]]: (step: Extract<S, { kind: K }>, context: StepContext) => string | undefined;
};

/** What a step's sentence may read besides the step: the words, and every step of its line. */
export interface StepContext {
  readonly words: Words;
  /** The line's steps in order (several tier steps read as one sentence, written at the first). */
  readonly steps: ReadonlyArray<StepData>;
  /**
   * The name of a shared allowance pool by its id, as the invoice lists the pool (`allowances[].name`);
   * the id when the invoice lists no such pool or the line is explained on its own.
   */
  readonly poolName?: ((id: string) => string) | undefined;
}
