import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

/**
 * A temporary folder for a CLI test file's inputs: made before its tests (after checking the CLI is
 * built, with `before`), removed after them. `path(name)` is a path inside it; `file(name, content)`
 * writes a file there and returns its path.
 */
export function scratchFolder(prefix: string, before?: () => void) {
  let folder = "";
  beforeAll(() => {
    before?.();
    folder = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const path = (...names: string[]) => join(folder, ...names);
  const file = (name: string, content: string) => {
    const written = path(name);
    writeFileSync(written, content);
    return written;
  };
  return { path, file };
}
