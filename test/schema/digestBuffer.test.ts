import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, type Sha256, sha256Digest } from "../../src/schema/index.js";

// Issue 14: the canonical text is encoded into a buffer kept between digests and lent to the hash.
// Whatever the order, size or nesting of the calls, a digest is SHA-256 of the text's UTF-8 bytes.
const nodeSha256: Sha256 = (bytes) => createHash("sha256").update(bytes).digest();
const expected = (value: unknown) =>
  `sha256:${createHash("sha256")
    .update(Buffer.from(canonicalJson(value), "utf8"))
    .digest("hex")}`;

describe("sha256Digest's buffer", () => {
  it("hashes only the current text after a longer one (no bytes of the last document)", () => {
    const long = { text: "é".repeat(5000), emoji: "🧾".repeat(100) };
    const short = { b: 2, a: "x" };
    for (const sha256 of [undefined, nodeSha256]) {
      expect(sha256Digest(long, sha256)).toBe(expected(long));
      expect(sha256Digest(short, sha256)).toBe(expected(short));
    }
  });

  it("hashes a text longer than the buffer is allowed to grow (a buffer of its own)", () => {
    const huge = { lines: Array.from({ length: 30_000 }, (_, at) => ({ id: `line_${at}`, amount: "1.00" })) };
    expect(canonicalJson(huge).length).toBeGreaterThan(256 * 1024);
    expect(sha256Digest(huge, nodeSha256)).toBe(expected(huge));
    expect(sha256Digest(huge)).toBe(expected(huge));
  });

  it("gives every digest right when the host's hash seals a document itself while the buffer is lent", () => {
    const inner = { inner: true };
    let innerDigest = "";
    const sealing: Sha256 = (bytes) => {
      innerDigest = sha256Digest(inner, nodeSha256);
      return nodeSha256(bytes);
    };
    const outer = { outer: ["a", "b"] };
    expect(sha256Digest(outer, sealing)).toBe(expected(outer));
    expect(innerDigest).toBe(expected(inner));
  });
});
