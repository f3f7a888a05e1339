import { createHash } from "node:crypto";
import type { Sha256 } from "../index.js";

/**
 * node:crypto's SHA-256, which the CLI and the batch's worker threads seal invoices with: native code,
 * several times faster than the core's pure-JavaScript @noble/hashes (issue 14), the same digest.
 * One function for the process, so the core's known-answer check of a host hash runs once.
 */
export const nodeSha256: Sha256 = (bytes) => createHash("sha256").update(bytes).digest();
