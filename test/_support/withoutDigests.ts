import type { Invoice } from "../../src/invoice/index.js";

/**
 * The invoice without its seals (`contractDigest`, `digest`): what laws compare when two different
 * contract texts must bill the same (a pool of 0 and no pool, grants listed in another order). The
 * seals differ by design, since they name the contract text and the invoice's own content.
 */
export function withoutDigests(invoice: Invoice): Omit<Invoice, "contractDigest" | "digest"> {
  const { contractDigest: _contract, digest: _digest, ...billed } = invoice;
  return billed;
}
