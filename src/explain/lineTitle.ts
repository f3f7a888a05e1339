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
