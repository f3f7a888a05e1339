import * as z from "zod/mini";

/**
 * A copy of a schema that accepts, and keeps, fields it does not know, at every depth: what a reader of
 * a document format needs so that fields added by a later version of the same format do not break it
 * (docs/decisions/versioning.md). Every known field keeps its checks; only the refusal of unknown
 * fields goes. Objects, arrays, optional and nullable values, unions (discriminated too) and records
 * are walked; any other schema is a leaf and is kept as it is.
 */
export function loosen<T extends z.ZodMiniType>(schema: T): T {
  return loosened(schema) as T;
}

function loosened(schema: z.ZodMiniType): z.ZodMiniType {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case "object": {
      const shape = (schema as z.ZodMiniObject).shape;
      const known = Object.fromEntries(
        Object.entries(shape).map(([key, field]) => [key, loosened(field as z.ZodMiniType)]),
      );
      return schema.clone({ ...def, shape: known, catchall: z.unknown() } as never);
    }
    case "array":
      return schema.clone({ ...def, element: loosened(def.element as z.ZodMiniType) } as never);
    case "optional":
    case "nullable":
      return schema.clone({ ...def, innerType: loosened(def.innerType as z.ZodMiniType) } as never);
    case "union":
      return schema.clone({
        ...def,
        options: (def.options as ReadonlyArray<z.ZodMiniType>).map(loosened),
      } as never);
    case "record":
      return schema.clone({ ...def, valueType: loosened(def.valueType as z.ZodMiniType) } as never);
    default:
      return schema;
  }
}
