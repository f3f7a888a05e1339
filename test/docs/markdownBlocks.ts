import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** A fenced code block of a Markdown file, with the marker written just before it, if any. */
export interface CodeBlock {
  /** The file, relative to the repository root, e.g. `docs/meters.md`. */
  readonly file: string;
  /** The line of the opening fence (1-based). */
  readonly line: number;
  /** The fence's language, e.g. `json`, `ts`; `""` when it names none. */
  readonly lang: string;
  readonly text: string;
  /** `<!-- not-checked: reason -->` before the block: a deliberate fragment, and why. */
  readonly notChecked?: string;
  /**
   * `<!-- ts-context: … -->` before a ts block: declarations the snippet assumes (the contract it
   * rates, events read elsewhere), compiled before it but not shown to the reader.
   */
  readonly context?: string;
}

/** README.md and every Markdown file under docs/, in a stable order. */
function markdownFiles(root: string): string[] {
  const under = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((entry) => {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) return under(path);
        return entry.name.endsWith(".md") ? [path] : [];
      });
  return [join(root, "README.md"), ...under(join(root, "docs"))].map((path) => relative(root, path));
}

const FENCE = /^(```+|~~~+)\s*([\w-]*)/;
const MARKER = /^\s*(not-checked|ts-context):([\s\S]*)$/;

/** The marker comment that ends `before` (only blank lines after it), if it is one. */
function markerBefore(before: string): { kind: string; said: string } | undefined {
  const text = before.trimEnd();
  if (!text.endsWith("-->")) return undefined;
  const marker = MARKER.exec(text.slice(text.lastIndexOf("<!--") + "<!--".length, -"-->".length));
  return marker === null ? undefined : { kind: marker[1]!, said: marker[2]!.trim() };
}

/** The fenced blocks of a Markdown text (fences of ``` or ~~~, not indented). */
function codeBlocksOf(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split("\n");
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = FENCE.exec(lines[index]!);
    if (open === null) continue;
    const fence = open[1]!;
    const end = lines.findIndex((text, at) => at > index && text.trimEnd() === fence);
    if (end === -1) throw new Error(`${file}:${index + 1}: a code block is never closed`);
    const marker = markerBefore(lines.slice(0, index).join("\n"));
    const kind = marker?.kind;
    const said = marker?.said ?? "";
    blocks.push({
      file,
      line: index + 1,
      lang: open[2] ?? "",
      text: lines.slice(index + 1, end).join("\n"),
      ...(kind === "not-checked" ? { notChecked: said } : {}),
      ...(kind === "ts-context" ? { context: said } : {}),
    });
    index = end;
  }
  return blocks;
}

/** Every code block of README.md and docs/. */
export function docsCodeBlocks(root: string): CodeBlock[] {
  return markdownFiles(root).flatMap((file) => codeBlocksOf(file, readFileSync(join(root, file), "utf8")));
}
