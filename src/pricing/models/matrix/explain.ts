/** A matrix writes no steps of its own (its lines show their cells' steps), so it has nothing to explain. */
export function explainMatrixStep(): undefined {
  return undefined;
}
