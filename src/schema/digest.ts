import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { documentChanged, InputError } from "../errors/index.js";
import { canonicalJson } from "./canonicalJson.js";

/** How a digest is written: the algorithm, a colon, 64 lowercase hex digits (as OCI content digests). */
export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * The SHA-256 digest of a JSON value's canonical text ({@link canonicalJson}), UTF-8 encoded:
 * `"sha256:" + hex`. A contract's digest is this, over the contract as written (before parsing).
 */
export function sha256Digest(value: unknown): string {
  return `sha256:${bytesToHex(sha256(UTF8.encode(canonicalJson(value))))}`;
}

// One encoder for every digest: @noble/hashes' utf8ToBytes makes a new one per call and copies its
// output (for Firefox extensions), a cost per invoice sealed (issue 14). The bytes are the same.
const UTF8 = new TextEncoder();

/**
 * The SHA-256 digest of a document's canonical JSON text ({@link canonicalJson}), UTF-8 encoded, with
 * its own `digest` field left out: `"sha256:" + hex`. Anyone can recompute it with any SHA-256 and
 * RFC 8785 implementation (docs/invoice-format.md, "Digests").
 * @example digestOf({ a: 1 }) === digestOf({ a: 1, digest: "sha256:…" }) // true
 */
export function digestOf(document: Readonly<Record<string, unknown>>): string {
  const { digest: _digest, ...content } = document;
  return sha256Digest(content);
}

/**
 * The document with its digest written as its last field: `withDigest<Invoice>(content)`.
 * @example withDigest<{ a: number; digest: string }>({ a: 1 }).digest // "sha256:…" of '{"a":1}'
 */
export function withDigest<T extends { readonly digest: string }>(content: Omit<T, "digest">): T {
  // Any digest the content still had is dropped, so the new one is always the last key.
  const { digest: _digest, ...rest } = content as Readonly<Record<string, unknown>>;
  // T is exactly the content plus its digest.
  return { ...rest, digest: digestOf(rest) } as unknown as T;
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
