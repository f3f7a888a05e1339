import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const SRC = join(import.meta.dirname, "..", "..", "src");

/** Every .ts file under src/, as paths relative to src/ with forward slashes, and its text. */
export function sourceFiles(): ReadonlyArray<{ readonly path: string; readonly text: string }> {
  const files: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts"))
        files.push({ path: relative(SRC, full).split("\\").join("/"), text: readFileSync(full, "utf8") });
    }
  };
  walk(SRC);
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The module specifiers a file imports or re-exports from. */
export function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g;
  for (const match of text.matchAll(pattern)) specifiers.push(match[1] ?? "");
  return specifiers;
}
