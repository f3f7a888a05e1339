/**
 * A matrix writes no steps of its own: each combination's line is rated by its cell's price, whose
 * steps it shows.
 */
export const matrixStepSchemas = [] as const;
