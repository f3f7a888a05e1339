/** A mutation-testing target: the files Stryker mutates and the test folders that run against them. */
export interface MutationTarget {
  readonly tests: string;
  readonly mutate: readonly string[];
}
/** Every target `npm run mutation:<name>` runs, by name. */
export const TARGETS: Readonly<Record<string, MutationTarget>>;
