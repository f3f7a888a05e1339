const BYTE_ORDER_MARK = "\uFEFF";

/**
 * An expected file's text without a UTF-8 byte order mark at its start, to read its data: Notepad and
 * Excel write the mark, and JSON.parse refuses it ("Unexpected token"), which quoted an invisible
 * character as the reason. The text itself is still compared as written ({@link howTextDiffers}).
 */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/**
 * How an expected file's text differs from ratecard's canonical text of the same data (`actual`): the
 * words inside "the data are the same but the text differs (…)". Each cause found is named, so a file
 * checked out by git on Windows (every line ending CRLF) reads as such, not as "key order, indentation or
 * the final newline", none of which it is.
 * @example howTextDiffers('{\r\n  "a": 1\r\n}\r\n', '{\n  "a": 1\n}\n') // "its lines end with CRLF, …"
 * @example howTextDiffers('{ "a": 1 }\n', '{\n  "a": 1\n}\n') // "indentation or spacing"
 */
export function howTextDiffers(expected: string, actual: string): string {
  const causes: string[] = [];
  let text = expected;
  if (text.startsWith(BYTE_ORDER_MARK)) {
    causes.push("it starts with a byte order mark, U+FEFF, which ratecard does not write");
    text = text.slice(BYTE_ORDER_MARK.length);
  }
  if (text.includes("\r\n")) {
    causes.push(
      "its lines end with CRLF, \\r\\n, where ratecard writes LF, \\n: git's core.autocrlf writes CRLF on Windows; a .gitattributes line `*.json text eol=lf` keeps LF",
    );
    text = text.replaceAll("\r\n", "\n");
  }
  if (text !== actual) causes.push(...layoutCauses(text, actual));
  return causes.join("; ");
}

// The text with its line ends and mark put right, against the canonical text of the same data.
function layoutCauses(text: string, actual: string): string[] {
  if (`${text.trimEnd()}\n` === actual) return ["the final newline"];
  // The same data in the canonical layout, keys in the order the text has them.
  const relaid = `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  if (relaid === actual) return ["indentation or spacing"];
  return relaid === `${text.trimEnd()}\n` ? ["key order"] : ["indentation or spacing", "key order"];
}
