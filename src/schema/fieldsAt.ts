import type * as z from "zod/mini";

// What zod keeps of a schema to read its shape: its kind and the parts each kind is made of
// (zod v4's `_zod.def`, the documented way to look into a schema).
interface Definition {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly innerType?: z.core.$ZodType;
  readonly element?: z.core.$ZodType;
  readonly options?: ReadonlyArray<z.core.$ZodType>;
  readonly in?: z.core.$ZodType;
  readonly left?: z.core.$ZodType;
  readonly right?: z.core.$ZodType;
  readonly valueType?: z.core.$ZodType;
  readonly getter?: () => z.core.$ZodType;
}

const definitionOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as Definition;

/**
 * The field names a schema allows in the object at `path` (an array's index passes to its items; a
 * union's options each add theirs), sorted; none when no object is found there. For telling an
 * unknown field which known one it most likely meant.
 * @example fieldsAt(contractSchema, ["charges", 0, "price", "tiers", 0]) // ["flatFee", "unitPrice", "upTo", …]
 */
export function fieldsAt(schema: z.core.$ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let current = unwrapped([schema]);
  for (const segment of path) current = unwrapped(current.flatMap((node) => childrenAt(node, segment)));
  const fields = new Set<string>();
  for (const node of current)
    for (const field of Object.keys(definitionOf(node).shape ?? {})) fields.add(field);
  return [...fields].sort();
}

// The schemas under one segment of a path: an object's field, an array's items.
function childrenAt(node: z.core.$ZodType, segment: PropertyKey): z.core.$ZodType[] {
  const definition = definitionOf(node);
  if (definition.type === "object" && typeof segment === "string") {
    const field = definition.shape?.[segment];
    return field === undefined ? [] : [field];
  }
  if (definition.type === "array" && typeof segment === "number")
    return definition.element === undefined ? [] : [definition.element];
  if (definition.type === "record") return definition.valueType === undefined ? [] : [definition.valueType];
  return [];
}

// Down to the objects, arrays and records the schemas are made of: through optional, nullable,
// default, readonly, lazy and pipe (its input), every option of a union, both sides of an intersection.
// A schema met twice is read once (lazy schemas may refer back to themselves).
function unwrapped(nodes: ReadonlyArray<z.core.$ZodType>): z.core.$ZodType[] {
  const out: z.core.$ZodType[] = [];
  const seen = new Set<z.core.$ZodType>();
  const visit = (node: z.core.$ZodType | undefined): void => {
    if (node === undefined || seen.has(node)) return;
    seen.add(node);
    const definition = definitionOf(node);
    if (definition.type === "union") for (const option of definition.options ?? []) visit(option);
    else if (definition.type === "intersection") {
      visit(definition.left);
      visit(definition.right);
    } else if (definition.type === "pipe") visit(definition.in);
    else if (definition.type === "lazy") visit(definition.getter?.());
    else if (definition.innerType !== undefined) visit(definition.innerType);
    else out.push(node);
  };
  for (const node of nodes) visit(node);
  return out;
}
