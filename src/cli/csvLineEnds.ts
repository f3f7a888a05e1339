/** A line of a CSV file that ends otherwise than the file's first line. */
interface OtherLineEnd {
  /** Its physical line, counted in the text fed from 1 (as {@link CsvLineWatch.physicalLine} counts). */
  readonly line: number;
  /** Where its line break starts in the chunk that holds it. */
  readonly at: number;
  readonly found: "\n" | "\r\n";
  readonly expected: "\n" | "\r\n";
}

/** What watching a CSV file's line breaks, chunk by chunk, tells. */
export interface CsvLineWatch {
  /** Feeds the next chunk of text: the first line that ends otherwise, once found, else undefined. */
  readonly feed: (text: string) => OtherLineEnd | undefined;
  /**
   * csv-parse's line number, in the text fed so far, as the physical line an editor shows. csv-parse
   * counts a "\r" and a "\n" one line each, so a "\r\n" inside a quoted cell counts two lines and every
   * line after it came out one too far (`lines 9` for line 8); a "\r\n" that ends a row counts one.
   */
  readonly physicalLine: (parserLine: number) => number;
}

/**
 * Watches the chunks of a CSV file, in order, for a line break outside quotes that is not the one its
 * first line ends with: "\r\n" in a file of "\n" lines, or "\n" in a file of "\r\n" lines (two exports
 * joined). csv-parse reads a file's lines one way, the way it finds first, and so read such a line's
 * "\r" into its last cell, or two lines as one row; DuckDB's reader refuses the file (docs/cli.md, "Usage
 * file formats"). Both engines refuse it with the line. `expected` is the file's line break when known;
 * a file whose first line ends with "\r" alone (csv-parse's third kind) is not looked at for it.
 *
 * Physical lines end at "\r\n", "\n" or a "\r" alone, inside a quoted cell too: an editor's lines.
 */
export function csvLineWatch(expected: "\n" | "\r\n" | undefined): CsvLineWatch {
  let ends: "\n" | "\r\n" | "\r" | undefined = expected;
  let quoted = false;
  let carriage = false;
  let line = 1;
  let parserLine = 1;
  // csv-parse's line from which each "\r\n" it counted as two lines has been counted twice, ascending.
  const doubled: number[] = [];
  const feed = (text: string): OtherLineEnd | undefined => {
    for (let at = 0; at < text.length; at += 1) {
      const code = text.charCodeAt(at);
      if (code === 10) {
        const found = carriage ? "\r\n" : "\n";
        if (!quoted && ends !== "\r") {
          ends ??= found;
          if (found !== ends) return { line, at: carriage ? Math.max(0, at - 1) : at, found, expected: ends };
          parserLine += 1;
        } else {
          // Inside quotes, and in a file of "\r" lines, csv-parse counts the "\r" and the "\n" one each.
          parserLine += carriage ? 2 : 1;
          if (carriage) doubled.push(parserLine);
        }
        line += 1;
      } else {
        if (carriage) {
          // A "\r" alone ended a line, for csv-parse and an editor both.
          line += 1;
          parserLine += 1;
          if (!quoted) ends ??= "\r";
        }
        if (code === 34) quoted = !quoted;
      }
      carriage = code === 13;
    }
    return undefined;
  };
  const physicalLine = (at: number): number => {
    let low = 0;
    let high = doubled.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (doubled[middle]! <= at) low = middle + 1;
      else high = middle;
    }
    return at - low;
  };
  return { feed, physicalLine };
}
