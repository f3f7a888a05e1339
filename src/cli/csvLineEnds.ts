/** A line of a CSV file that ends otherwise than the file's first line. */
export interface OtherLineEnd {
  /** Its line, counted in the text fed from 1 (every "\n" ends a line, inside a quoted cell too, as csv-parse counts). */
  readonly line: number;
  /** Where its line break starts in the chunk that holds it. */
  readonly at: number;
  readonly found: "\n" | "\r\n";
  readonly expected: "\n" | "\r\n";
}

/**
 * Watches the chunks of a CSV file, in order, for a line break outside quotes that is not the one its
 * first line ends with: "\r\n" in a file of "\n" lines, or "\n" in a file of "\r\n" lines (two exports
 * joined). csv-parse reads a file's lines one way, the way it finds first, and so read such a line's
 * "\r" into its last cell, or two lines as one row; DuckDB's reader refuses the file (docs/cli.md, "Usage
 * file formats"). Both engines refuse it with the line. `expected` is the file's line break when known;
 * a file whose first line ends with "\r" alone (csv-parse's third kind) is not watched.
 * @returns a function fed each chunk: the first such line, or undefined
 */
export function otherLineEnds(
  expected: "\n" | "\r\n" | undefined,
): (text: string) => OtherLineEnd | undefined {
  let ends = expected;
  let watching = true;
  let quoted = false;
  let carriage = false;
  let line = 1;
  return (text) => {
    for (let at = 0; watching && at < text.length; at += 1) {
      const code = text.charCodeAt(at);
      if (code === 10) {
        if (!quoted) {
          const found = carriage ? "\r\n" : "\n";
          ends ??= found;
          if (found !== ends) return { line, at: carriage ? Math.max(0, at - 1) : at, found, expected: ends };
        }
        line += 1;
      } else if (carriage && !quoted && ends === undefined) {
        watching = false;
      } else if (code === 34) {
        quoted = !quoted;
      }
      carriage = code === 13;
    }
    return undefined;
  };
}
