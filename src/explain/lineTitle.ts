import { datesWords } from "./localWhen.js";

/**
 * A group's values as words: "region eu, tier gold"; a value the event did not set is "(not set)".
 * @example describeGroup({ region: "eu" }) // "region eu"
 */
export function describeGroup(group: Readonly<Record<string, string | number | boolean | null>>): string {
  return Object.entries(group)
    .map(
      ([name, value]) =>
        `${name} ${value === null ? "(not set)" : typeof value === "string" ? value : JSON.stringify(value)}`,
    )
    .join(", ");
}

/**
 * A line as a sentence names it: its name, and the group of a matrix or grouped charge after it, so
 * two lines of one charge are told apart ("Bandwidth [region na]").
 */
export function lineTitle(line: {
  readonly name: string;
  readonly group?: Readonly<Record<string, string | number | boolean | null>> | undefined;
}): string {
  return line.group === undefined ? line.name : `${line.name} [${describeGroup(line.group)}]`;
}

interface TitledLine {
  readonly id: string;
  readonly name: string;
  readonly group: string | null;
  readonly period: { readonly start: string; readonly end: string };
  readonly steps: ReadonlyArray<{ readonly kind: string }>;
}

/**
 * Each line's name as a list of lines shows it (the Markdown and HTML lines tables), told apart from the
 * other lines of the same name: a charge split by a seat change or an amendment bills several lines of
 * one name ("Seats" three times), so each such line adds the local dates it covers and, for a credit,
 * that it credits the unused time: "Seats (2026-04-21 to 2026-05-01, credit for unused time)". Lines
 * still alike after that (two charges of one name) add their line id. A name no other line shares
 * stays as it is.
 */
export function distinctLineTitles(lines: ReadonlyArray<TitledLine>, timeZone: string): string[] {
  const plain = lines.map((line) => (line.group === null ? line.name : `${line.name} [${line.group}]`));
  const shared = (titles: ReadonlyArray<string>, at: number) =>
    titles.some((title, other) => other !== at && title === titles[at]);
  const dated = lines.map((line, at) => {
    if (!shared(plain, at)) return [];
    const credit = line.steps.some((step) => step.kind === "unused_time");
    return [datesWords(line.period, timeZone), ...(credit ? ["credit for unused time"] : [])];
  });
  const withDates = plain.map((title, at) => withNotes(title, dated[at]!));
  return withDates.map((title, at) =>
    shared(withDates, at) ? withNotes(plain[at]!, [...dated[at]!, lines[at]!.id]) : title,
  );
}

function withNotes(title: string, notes: ReadonlyArray<string>): string {
  return notes.length === 0 ? title : `${title} (${notes.join(", ")})`;
}

/**
 * The title of each of an invoice's lines by its id, as {@link distinctLineTitles} tells them apart,
 * for the sentences that name lines after the lines themselves (a discount's or a cap's spread, a
 * pool's draws): "spread over CDN egress [region eu] -€6.50", not the line id `egress[region="eu"]`.
 * An id no line has is written as it is.
 */
export function lineTitlesById(
  lines: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly group?: Readonly<Record<string, string | number | boolean | null>> | undefined;
    readonly period: { readonly start: string; readonly end: string };
    readonly steps: ReadonlyArray<{ readonly kind: string }>;
  }>,
  timeZone: string,
): (id: string) => string {
  const titles = distinctLineTitles(
    lines.map((line) => ({ ...line, group: line.group === undefined ? null : describeGroup(line.group) })),
    timeZone,
  );
  const byId = new Map(lines.map((line, at) => [line.id, titles[at]!]));
  return (id) => byId.get(id) ?? id;
}
