/**
 * Whether a charge is among `charges` (a discount's, a credit's, a tax rate's or a commitment's list),
 * or every charge when the list is absent. The list is read into a set once, so testing each line of a
 * large invoice costs the same whatever the list's length.
 */
export function chargeScope(charges: ReadonlyArray<string> | undefined): (chargeId: string) => boolean {
  if (charges === undefined) return () => true;
  const listed = new Set(charges);
  return (chargeId) => listed.has(chargeId);
}
