import { join, relative } from "node:path";
import ts from "typescript";
import type { CodeBlock } from "./markdownBlocks.js";

// The docs' ts blocks are compiled as the repository's own code is (tsconfig.json: strict,
// exactOptionalPropertyTypes, …), each as a module of its own that imports "ratecard" from src/. The
// modules exist only in memory, in a folder of test/, so a snippet of a test (docs/testing.md) imports
// "../_support/…" and "../../src/index.js" as a test file does.

const BLOCKS_FOLDER = join("test", "__docs__");

/** The module compiled for a block: its context, then its text, "ratecard" read from src/. */
function moduleText(root: string, block: CodeBlock): { text: string; offset: number } {
  const library = relative(join(root, BLOCKS_FOLDER), join(root, "src", "index.js")).replaceAll("\\", "/");
  const context = block.context === undefined ? "" : `${block.context}\n`;
  const text = `${context}${block.text}\nexport {};\n`.replaceAll(/from "ratecard"/g, `from "${library}"`);
  return { text, offset: context === "" ? 0 : context.split("\n").length - 1 };
}

/**
 * Type-checks every block with one TypeScript program over src/; returns each block's errors as
 * `file:line: message`, the line being the Markdown file's.
 */
export function typeCheckBlocks(root: string, blocks: ReadonlyArray<CodeBlock>): Map<CodeBlock, string[]> {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const modules = new Map(
    blocks.map((block, index) => {
      const path = join(root, BLOCKS_FOLDER, `block${index}.ts`);
      return [path, { block, ...moduleText(root, block) }] as const;
    }),
  );
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (path) => modules.has(path) || ts.sys.fileExists(path);
  host.readFile = (path) => modules.get(path)?.text ?? readFile(path);
  host.getSourceFile = (path, language, onError) => {
    const module = modules.get(path);
    return module === undefined
      ? getSourceFile(path, language, onError)
      : ts.createSourceFile(path, module.text, language, true);
  };
  const program = ts.createProgram([...modules.keys()], { ...options, noEmit: true }, host);
  const errors = new Map(blocks.map((block) => [block, [] as string[]]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const module = diagnostic.file === undefined ? undefined : modules.get(diagnostic.file.fileName);
    if (module === undefined || diagnostic.file === undefined) continue;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const inBlock = line - module.offset;
    const where = inBlock < 0 ? "its ts-context" : `line ${module.block.line + 1 + inBlock}`;
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    errors.get(module.block)!.push(`${module.block.file}, ${where}: ${message}`);
  }
  return errors;
}
