/** A grouped price writes no steps of its own: each group's line is rated by its price, whose steps it shows. */
export const groupedStepSchemas = [] as const;
