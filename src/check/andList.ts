/**
 * Names as a sentence lists them: "a", "a and b", "a, b and c" (the check's reasons and reports).
 * src/cli/readFixture.ts keeps a private twin (the CLI imports only the public API, and this is not in
 * it): change both alike.
 * @example andList(["egress", "storage", "requests"]) // "egress, storage and requests"
 */
export function andList(names: ReadonlyArray<string>): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
