import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** A link written in a Markdown file, with the line it starts on. */
export interface Link {
  /** The line of the link's target (1-based). */
  readonly line: number;
  /** The target as written, e.g. `pricing.md#matrix` or `#digests`. */
  readonly target: string;
}

/**
 * The files under `folder` (relative to `root`) whose names end with `extension`, at any depth, as
 * paths from `root`; a folder listed in `skip` (e.g. `docs/api`, the generated API reference) is not
 * entered, nor is a folder that does not exist.
 */
export function filesUnder(
  root: string,
  folder: string,
  extension: string,
  skip: readonly string[] = [],
): string[] {
  if (!existsSync(join(root, folder)) || skip.includes(folder)) return [];
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(root, path, extension, skip);
    return entry.name.endsWith(extension) ? [path] : [];
  });
}

/**
 * The pages a reader follows on GitHub: README.md, CHANGELOG.md, every page of docs/ (not the generated
 * API reference, docs/api, which is not committed) and the README of each fixture.
 */
export function markdownPages(root: string): string[] {
  const under = (folder: string) => filesUnder(root, folder, ".md", ["docs/api"]);
  return ["README.md", "CHANGELOG.md", ...under("docs"), ...under("fixtures")].sort();
}

// github-slugger, which GitHub's headings follow, keeps letters, marks, decimal and letter numbers, `_`,
// `-` and the space, and drops everything else: other punctuation, symbols (`→`, `×`, `%`), other
// numbers (`½`, `²`), control and format characters. Alphabetic code points that Unicode files as
// symbols (Ⓐ) are kept too.
const DROPPED = /[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\p{Alphabetic} -]/gu;

/** The anchor GitHub gives a heading's rendered text, before duplicates are numbered. */
export function githubSlug(text: string): string {
  return text.toLowerCase().replace(DROPPED, "").replace(/ /g, "-");
}

/** A heading's text as GitHub renders it: code spans without backticks, links as their text, no tags. */
function renderedText(heading: string): string {
  return heading
    .replace(/(`+)([\s\S]*?)\1/g, (_, _ticks: string, code: string) => code.trim())
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/&amp;/g, "&")
    .trim();
}

/**
 * The anchors of a page in order: one per heading, the second `Notes` becoming `notes-1`, the third
 * `notes-2` (a heading whose own slug is taken counts on from it, as github-slugger does).
 */
export function headingSlugs(headings: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headings.map((heading) => {
    const base = githubSlug(renderedText(heading));
    let slug = base;
    while (seen.has(slug)) {
      const count = seen.get(base)! + 1;
      seen.set(base, count);
      slug = `${base}-${count}`;
    }
    seen.set(slug, 0);
    return slug;
  });
}

const FENCE_OPEN = /^ {0,3}(?:> ?)*\s*(`{3,}|~{3,})/;

/**
 * The text with fenced code blocks and inline code spans blanked (their characters turned to spaces,
 * line breaks kept), so a `](x.md#y)` shown as code is not read as a link and every line keeps its
 * number.
 */
function proseOnly(markdown: string): string {
  const lines = markdown.split("\n");
  let fence: string | undefined;
  const prose = lines.map((line) => {
    if (fence !== undefined) {
      const closes = line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "";
      if (closes) fence = undefined;
      return "";
    }
    const open = FENCE_OPEN.exec(line);
    if (open !== null) {
      fence = open[1]!;
      return "";
    }
    return line;
  });
  // A code span ends at the same run of backticks and never crosses a blank line.
  return prose
    .join("\n")
    .replace(/(`+)((?:[^\n]|\n(?![ \t]*\n))*?)\1(?!`)/g, (span) => span.replace(/[^\n]/g, " "));
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const EXPLICIT_ANCHOR = /<a\s+(?:id|name)\s*=\s*"([^"]+)"/g;

/** Every anchor a page offers: its headings' slugs and its `<a id="…">` / `<a name="…">` targets. */
export function anchorsOf(markdown: string): Set<string> {
  const prose = proseOnly(markdown);
  const proseLines = prose.split("\n");
  // A line blanked by proseOnly was inside a fence: a `# comment` of a shell block is not a heading.
  const headings = markdown
    .split("\n")
    .filter((_, index) => proseLines[index] !== "")
    .flatMap((line) => {
      const heading = HEADING.exec(line);
      return heading === null ? [] : [heading[2]!];
    });
  return new Set([
    ...headingSlugs(headings),
    ...[...prose.matchAll(EXPLICIT_ANCHOR)].map((match) => match[1]!),
  ]);
}

// `[text](target)` or `[text](target "title")`, the text possibly over several lines; `<target>` too.
const INLINE_LINK = /\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;

/** The links of a page whose target carries a `#fragment` (same-page `#x` included), outside code. */
export function fragmentLinksIn(markdown: string): Link[] {
  const prose = proseOnly(markdown);
  return [...prose.matchAll(INLINE_LINK)]
    .filter((match) => match[1]!.includes("#") && !/^[a-z][\w+.-]*:/i.test(match[1]!))
    .map((match) => ({
      line: prose.slice(0, match.index + match[0].indexOf(match[1]!)).split("\n").length,
      target: match[1]!,
    }));
}
