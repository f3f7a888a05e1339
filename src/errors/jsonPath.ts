import type { JsonPath } from "./RatecardError.js";

/**
 * Formats path segments the way a specialist reads them in a JSON file:
 * `["charges", 2, "price", "tiers", 1, "upTo"]` → `charges[2].price.tiers[1].upTo`.
 * Segments that are not plain identifiers are quoted: `properties["edge-region"]`.
 */
export function toJsonPath(segments: ReadonlyArray<PropertyKey>): JsonPath {
  let path = "";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$]*$/.test(segment))
      path += path === "" ? segment : `.${segment}`;
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path;
}

/** Joins a parent path and a child segment: `joinPath("charges[0]", "price")` → `charges[0].price`. */
export function joinPath(parent: JsonPath, ...segments: ReadonlyArray<PropertyKey>): JsonPath {
  return nestPath(parent, toJsonPath(segments));
}

/**
 * A path already written (an error's, from a document read on its own) under a parent path:
 * `nestPath("options.creditNotes[0]", "lines[1].amount")` → `options.creditNotes[0].lines[1].amount`.
 */
export function nestPath(parent: JsonPath, child: JsonPath): JsonPath {
  if (parent === "") return child;
  if (child === "") return parent;
  return child.startsWith("[") ? `${parent}${child}` : `${parent}.${child}`;
}
