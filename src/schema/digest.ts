import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import {
  describeValue,
  documentChanged,
  hostHashNotFunction,
  hostHashNotSha256,
  hostHashWrongResult,
  InputError,
  isRecord,
  requireArgument,
} from "../errors/index.js";
import { cycleErrorOr } from "./cycleIn.js";
import { writeCanonical } from "./writeCanonical.js";

/** How a digest is written: the algorithm, a colon, 64 lowercase hex digits (as OCI content digests). */
export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * A SHA-256 implementation supplied by the host: the bytes in, their 32-byte digest out, synchronously.
 * The core hashes with `@noble/hashes` (pure JavaScript, so it runs in browsers and edge runtimes); a
 * service on Node passes `node:crypto`'s, several times faster: `(bytes) =>
 * createHash("sha256").update(bytes).digest()`. The digest is SHA-256 either way, so the documents are
 * byte-identical; a function that returns anything but 32 bytes, or is not SHA-256 (checked once per
 * function on the bytes of "abc"), is refused with `invalid_argument` at `options.sha256`. The bytes are
 * lent for the call: read them before returning, and keep no reference to them (ratecard writes the next
 * document into the same buffer).
 * @example const sha256: Sha256 = (bytes) => createHash("sha256").update(bytes).digest();
 */
export type Sha256 = (bytes: Uint8Array) => Uint8Array;

/**
 * The SHA-256 digest of a JSON value's canonical text (`canonicalJson`), UTF-8 encoded:
 * `"sha256:" + hex`. A contract's digest is this, over the contract as written (before parsing).
 * @param sha256 - the SHA-256 to hash with ({@link Sha256}); `@noble/hashes`' when absent
 * @throws InputError `invalid_argument` at `options.sha256` for a host function that is not SHA-256
 */
export function sha256Digest(value: unknown, sha256?: Sha256): string {
  return `sha256:${bytesToHex(hashOfCanonical(value, sha256))}`;
}

/**
 * The SHA-256 digest of a text already canonical (`canonicalJson`'s), UTF-8 encoded: `"sha256:" + hex`,
 * equal to `sha256Digest` of the value it was written from. For callers that keep the text (a cache
 * keyed by it) and should not write it twice.
 */
export function sha256OfCanonical(text: string): string {
  return `sha256:${bytesToHex(nobleSha256(UTF8.encode(text)))}`;
}

function hashOf(bytes: Uint8Array, sha256: Sha256 | undefined): Uint8Array {
  return sha256 === undefined ? nobleSha256(bytes) : hostDigest(sha256, bytes);
}

// One encoder for every digest: @noble/hashes' utf8ToBytes makes a new one per call and copies its
// output (for Firefox extensions), a cost per invoice sealed (issue 14). The bytes are the same.
const UTF8 = new TextEncoder();

// The canonical text is written as UTF-8 straight into one buffer kept for it (`writeCanonical`), and
// the hash reads a view of it: no text is made, nor a new buffer outside the heap per document (issue
// 14). The buffer is lent for the one synchronous call (`Sha256` says so); documents above
// SCRATCH_LIMIT bytes, and a hash asked for while the buffer is lent (a host function that seals a
// document itself), get a buffer of their own.
const SCRATCH_LIMIT = 256 * 1024;
let scratch = new Uint8Array(16 * 1024);
let lent = false;

function hashOfCanonical(value: unknown, sha256: Sha256 | undefined): Uint8Array {
  if (lent) return hashOf(canonicalBytes(value, new Uint8Array(4096)), sha256);
  lent = true;
  try {
    const length = writeCanonical(value, scratch);
    if (length <= scratch.length) return hashOf(scratch.subarray(0, length), sha256);
    if (length > SCRATCH_LIMIT) return hashOf(canonicalBytes(value, new Uint8Array(length)), sha256);
    scratch = new Uint8Array(length);
    return hashOf(scratch.subarray(0, writeCanonical(value, scratch)), sha256);
  } finally {
    lent = false;
  }
}

// The value's canonical bytes in `into`, or in a buffer as long as they turn out to need.
function canonicalBytes(value: unknown, into: Uint8Array): Uint8Array {
  const length = writeCanonical(value, into);
  if (length <= into.length) return into.subarray(0, length);
  const larger = new Uint8Array(length);
  return larger.subarray(0, writeCanonical(value, larger));
}

// Host functions already found to be SHA-256: checked once each, not once per document.
const KNOWN_SHA256 = new WeakSet<Sha256>();
const ABC = UTF8.encode("abc");
const ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

// The host's digest of the bytes, refused rather than written into a document when it cannot be
// SHA-256's: a wrong digest would seal an invoice no one else could check (issue 14).
function hostDigest(sha256: Sha256, bytes: Uint8Array): Uint8Array {
  if (typeof sha256 !== "function") throw InputError.from(hostHashNotFunction(sha256), "options.sha256");
  if (!KNOWN_SHA256.has(sha256)) {
    if (bytesToHex(checkedDigest(sha256, ABC)) !== ABC_SHA256)
      throw InputError.from(hostHashNotSha256(), "options.sha256");
    KNOWN_SHA256.add(sha256);
  }
  return checkedDigest(sha256, bytes);
}

function checkedDigest(sha256: Sha256, bytes: Uint8Array): Uint8Array {
  const digest: unknown = sha256(bytes);
  if (digest instanceof Uint8Array && digest.length === 32) return digest;
  const got = digest instanceof Uint8Array ? `${digest.length} bytes` : describeValue(digest);
  throw InputError.from(hostHashWrongResult(got), "options.sha256");
}

/**
 * The SHA-256 digest of a document's canonical JSON text (`canonicalJson`), UTF-8 encoded, with
 * its own `digest` field left out: `"sha256:" + hex`. Anyone can recompute it with any SHA-256 and
 * RFC 8785 implementation (docs/invoice-format.md, "Digests").
 * @param sha256 - the SHA-256 to hash with ({@link Sha256}); `@noble/hashes`' when absent
 * @throws InputError `invalid_argument` at `document` for anything but an object, and at the path where
 *   a document that contains itself comes back to itself (`document.lines[0].parent`)
 * @example digestOf({ a: 1 }) === digestOf({ a: 1, digest: "sha256:…" }) // true
 */
export function digestOf(document: Readonly<Record<string, unknown>>, sha256?: Sha256): string {
  requireArgument(
    isRecord(document),
    "document",
    document,
    "document",
    "an object, such as an invoice or a credit note",
  );
  const { digest: _digest, ...content } = document;
  try {
    return sha256Digest(content, sha256);
  } catch (error) {
    throw cycleErrorOr(error, document, "document");
  }
}

/**
 * The document with its digest written as its last field: `withDigest<Invoice>(content)`.
 * @param sha256 - the SHA-256 to hash with ({@link Sha256}); `@noble/hashes`' when absent
 * @example withDigest<{ a: number; digest: string }>({ a: 1 }).digest // "sha256:…" of '{"a":1}'
 */
export function withDigest<T extends { readonly digest: string }>(
  content: Omit<T, "digest">,
  sha256?: Sha256,
): T {
  const record = content as Readonly<Record<string, unknown>>;
  // Content without a digest (what issuing passes) is hashed and copied once; one that still has a
  // digest drops it first, so the new one is always the last key. T is exactly the content plus its digest.
  if (!Object.hasOwn(record, "digest"))
    return { ...record, digest: sha256Digest(record, sha256) } as unknown as T;
  const { digest: _digest, ...rest } = record;
  return { ...rest, digest: sha256Digest(rest, sha256) } as unknown as T;
}

/**
 * The error for a document whose content no longer matches its `digest` (edited after ratecard issued
 * it, or never sealed), or undefined when it matches. `what` names it in the message ("invoice",
 * "credit note"); `path` is where the error points (`digest`, `previous[0].digest`).
 */
export function digestMismatch(
  document: Readonly<Record<string, unknown>> & { readonly id?: unknown; readonly digest?: unknown },
  what: string,
  path: string,
): InputError | undefined {
  const actual = digestOf(document);
  if (document.digest === actual) return undefined;
  return InputError.from(documentChanged(what, String(document.id), String(document.digest), actual), path);
}
