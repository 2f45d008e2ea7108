import { inspectZip, type ZipLimits } from './zip-inspect.js';

/** Accepted evidence types, decided by content (magic bytes; for zip-based formats, the package's own type). */
export const acceptedTypes = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
} as const;
export type AcceptedKind = keyof typeof acceptedTypes;

export type Sniffed = { ok: true; kind: AcceptedKind; mediaType: string } | { ok: false; reason: 'empty' | 'executable' | 'unknown' | 'bomb' | 'corrupt' | 'macro' };

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/** Decides a file's type from its bytes; refuses executables, unknown types, zip bombs and broken archives. */
export function sniffFileType(buf: Buffer, zipLimits?: ZipLimits): Sniffed {
  if (buf.length === 0) return { ok: false, reason: 'empty' };
  // Windows PE ("MZ"), ELF, Mach-O, scripts with a shebang.
  if (
    startsWith(buf, [0x4d, 0x5a]) ||
    startsWith(buf, [0x7f, 0x45, 0x4c, 0x46]) ||
    startsWith(buf, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(buf, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(buf, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(buf, [0xca, 0xfe, 0xba, 0xbe]) ||
    startsWith(buf, [0x23, 0x21])
  ) {
    return { ok: false, reason: 'executable' };
  }
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ok: true, kind: 'pdf', mediaType: acceptedTypes.pdf };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, kind: 'png', mediaType: acceptedTypes.png };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { ok: true, kind: 'jpeg', mediaType: acceptedTypes.jpeg };
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buf, [0x50, 0x4b, 0x05, 0x06])) {
    const zip = inspectZip(buf, zipLimits);
    if (!zip.ok) return { ok: false, reason: zip.reason === 'bomb' ? 'bomb' : 'corrupt' };
    const mimetype = zip.read('mimetype')?.toString('ascii').trim();
    if (mimetype === acceptedTypes.odt) return { ok: true, kind: 'odt', mediaType: acceptedTypes.odt };
    if (mimetype === acceptedTypes.ods) return { ok: true, kind: 'ods', mediaType: acceptedTypes.ods };
    const types = zip.read('[Content_Types].xml')?.toString('utf8');
    if (types) {
      if (/macroEnabled|vbaProject/i.test(types) || zip.entries.some((e) => /vbaProject\.bin$/i.test(e.name))) return { ok: false, reason: 'macro' };
      if (types.includes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')) return { ok: true, kind: 'docx', mediaType: acceptedTypes.docx };
      if (types.includes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml')) return { ok: true, kind: 'xlsx', mediaType: acceptedTypes.xlsx };
    }
    return { ok: false, reason: 'unknown' };
  }
  return { ok: false, reason: 'unknown' };
}
