/**
 * Words as a sentence lists them, joined by `conjunction`: "a", "a and b", "a, b and c" (or "a, b or
 * c"). Every message and report that names several things lists them this way. The CLI, which reads the
 * library only through its public API, keeps a twin for its own sentences (src/cli/readFixture.ts).
 * @example wordList(["egress", "storage", "requests"], "and") // "egress, storage and requests"
 * @example wordList(["JPY", "CNY"], "or") // "JPY or CNY"
 */
export function wordList(words: ReadonlyArray<string>, conjunction: "and" | "or"): string {
  return words.length <= 1
    ? words.join("")
    : `${words.slice(0, -1).join(", ")} ${conjunction} ${words.at(-1)}`;
}
