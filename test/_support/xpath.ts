import { validateXML } from "xmllint-wasm";

/**
 * Evaluates an XPath expression that gives a number or a text (`count(//testcase)`,
 * `string(//testsuite/@skipped)`) over an XML document, with libxml2 (xmllint compiled to WebAssembly):
 * the document is parsed as XML, so a test reads what an XML reader would, entities decoded, and
 * malformed XML rejects. A node set (which xmllint prints as markup, or refuses when empty) is not
 * what this is for: wrap it in `count()` or `string()`.
 */
export async function xpath(xml: string, expression: string): Promise<string> {
  const result = await validateXML({
    xml: [{ fileName: "document.xml", contents: xml }],
    // xmllint prints the value of --xpath where --format would print the document: the wrapper returns
    // that output as `normalized`, and --format itself is left out.
    normalization: "format",
    modifyArguments: (args) => ["--xpath", expression, ...args.filter((arg) => arg !== "--format")],
  });
  return result.normalized.replace(/\n$/, "");
}
