/**
 * MurmurHash3's 32-bit finaliser: every bit of `hash` reaches every bit of the result, and distinct
 * inputs stay distinct (each step is a bijection), so nearby ids ("evt_1", "evt_2") spread over the
 * whole range. The last step of idHash and pairHash; an unsigned 32-bit integer.
 */
export function fmix32(hash: number): number {
  let mixed = hash ^ (hash >>> 16);
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}
