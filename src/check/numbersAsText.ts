import { Decimal, toPlainString } from "../money/index.js";

/**
 * A JSON text with every number token written as a string of its own characters (`12.50` becomes
 * `"12.50"`; one with an exponent as its plain value, `1.5e3` as `"1500"`, when that has at most 24
 * places), for reading numbers exactly: JSON.parse makes a double of a number, which keeps 15 to 17
 * significant digits, so `87654321.000000001` would read as 87654321 and `7663.70` as 7663.7. Strings
 * are copied as they are (their digits are no numbers). The text must be valid JSON (JSON.parse read
 * it): the result then parses to the same shape, each number a string.
 * @example numbersAsText('{ "total": 7663.70, "id": "a1" }') // '{ "total": "7663.70", "id": "a1" }'
 */
export function numbersAsText(text: string): string {
  let out = "";
  let from = 0;
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '"') {
      at = afterString(text, at);
      continue;
    }
    if (char === "-" || (char >= "0" && char <= "9")) {
      const end = afterNumber(text, at);
      out += `${text.slice(from, at)}"${plain(text.slice(at, end))}"`;
      from = end;
      at = end;
      continue;
    }
    at += 1;
  }
  return out + text.slice(from);
}

// The index after the string that opens at `start`: its closing quote is the first one no backslash
// escapes (`"a\"b"`, `"a\\"`).
function afterString(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length && text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
  return at + 1;
}

// A token with an exponent as its plain value (1.5e3 is 1500), unless its digits would run past 24
// places (1e-999999999 would be a billion characters): such a token stays as written.
function plain(token: string): string {
  if (!/[eE]/.test(token)) return token;
  const value = new Decimal(token);
  return Math.abs(value.e) < 24 && value.precision() <= 24 ? toPlainString(value) : token;
}

// The index after the number token that starts at `start`: its sign, digits, point and exponent.
function afterNumber(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length && /[0-9.eE+-]/.test(text[at]!)) at += 1;
  return at;
}
