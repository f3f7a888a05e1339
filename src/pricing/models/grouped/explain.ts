/** A grouped price writes no steps of its own (its lines show their price's steps), so it has nothing to explain. */
export function explainGroupedStep(): undefined {
  return undefined;
}
