// The zip writer under exceljs (JSZip) stamps every entry with the time of writing; the same invoice
// must give the same bytes. The DOS date-time of every entry, in its local header and in the central
// directory, is set to 1980-01-01 00:00, the earliest a zip can say. No checksum covers these fields.
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const DOS_TIME = 0x0000;
const DOS_DATE = 0x0021; // (1980 − 1980) << 9 | 1 << 5 | 1

/** A copy of zip bytes with every entry's modification date-time fixed to 1980-01-01 00:00. */
export function withFixedZipTimes(zip: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(zip);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfCentralDirectory(view);
  let at = view.getUint32(end + 16, true);
  const entries = view.getUint16(end + 10, true);
  for (let entry = 0; entry < entries; entry += 1) {
    if (view.getUint32(at, true) !== CENTRAL_SIGNATURE)
      throw new Error("zip: central directory entry expected");
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL_SIGNATURE) throw new Error("zip: local file header expected");
    view.setUint16(local + 10, DOS_TIME, true);
    view.setUint16(local + 12, DOS_DATE, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return bytes;
}

function endOfCentralDirectory(view: DataView): number {
  for (let at = view.byteLength - 22; at >= 0; at -= 1) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  throw new Error("zip: no end of central directory");
}
