import { InputError, toJsonPath, valueRefersToItself } from "../errors/index.js";

/**
 * After a writer overflowed the stack (`error`) on `value`: the typed error naming where `value` refers
 * to itself, `<root>.lines[0].parent is <root> again`, or `error` itself when there is no cycle (a value
 * nested deeper than the stack allows). Searched only once a writer has failed, so a value that is
 * written costs nothing more; the search keeps its own stack, so it cannot overflow in turn.
 */
export function cycleErrorOr(error: unknown, value: unknown, root: string): unknown {
  if (!(error instanceof RangeError)) return error;
  const cycle = findCycle(value);
  if (cycle === undefined) return error;
  const path = toJsonPath([root, ...cycle.path]);
  const ancestor = toJsonPath([root, ...cycle.ancestor]);
  return InputError.from(valueRefersToItself(path, ancestor), path);
}

interface Frame {
  readonly node: object;
  readonly keys: ReadonlyArray<string | number>;
  next: number;
}

// Depth first, with the objects on the current path: reaching one of them again closes a cycle. An object
// met twice on different paths (shared, not a cycle) is written twice and is no cycle.
function findCycle(
  value: unknown,
):
  | { readonly path: ReadonlyArray<string | number>; readonly ancestor: ReadonlyArray<string | number> }
  | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const frames: Frame[] = [frameOf(value)];
  const onPath = new Map<object, number>([[value, 0]]);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as Frame;
    if (frame.next >= frame.keys.length) {
      onPath.delete(frame.node);
      frames.pop();
      continue;
    }
    const key = frame.keys[frame.next] as string | number;
    frame.next += 1;
    const child = (frame.node as Record<string | number, unknown>)[key];
    if (typeof child !== "object" || child === null) continue;
    const depth = onPath.get(child);
    const path = () => frames.map((item) => item.keys[item.next - 1] as string | number);
    if (depth !== undefined) return { path: path(), ancestor: path().slice(0, depth) };
    onPath.set(child, frames.length);
    frames.push(frameOf(child));
  }
  return undefined;
}

function frameOf(node: object): Frame {
  return { node, keys: Array.isArray(node) ? node.map((_, index) => index) : Object.keys(node), next: 0 };
}
