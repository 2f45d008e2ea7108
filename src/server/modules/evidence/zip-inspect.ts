import { inflateRawSync } from 'node:zlib';

/** Limits that make a zip bomb harmless: entries, total and per-entry expansion. */
export type ZipLimits = { maxEntries: number; maxTotalBytes: number };
export const defaultZipLimits: ZipLimits = { maxEntries: 5000, maxTotalBytes: 200 * 1024 * 1024 };

export type ZipEntry = { name: string; method: number; compressedSize: number; size: number; dataOffset: number };

export type ZipInspection = { ok: true; entries: ZipEntry[]; read: (name: string) => Buffer | null } | { ok: false; reason: 'corrupt' | 'bomb' | 'unsupported' };

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;

/**
 * Reads a zip's central directory and inflates every entry under a running budget, without trusting the sizes the
 * archive declares: a lying header stops at the budget (zlib's maxOutputLength) instead of filling memory. Refuses
 * more than maxEntries entries, more than maxTotalBytes in all, ZIP64 and encrypted archives.
 */
export function inspectZip(buf: Buffer, limits: ZipLimits = defaultZipLimits): ZipInspection {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'corrupt' };
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return { ok: false, reason: 'unsupported' };
  if (count > limits.maxEntries) return { ok: false, reason: 'bomb' };
  if (cdOffset + cdSize > buf.length) return { ok: false, reason: 'corrupt' };
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CDH) return { ok: false, reason: 'corrupt' };
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) return { ok: false, reason: 'unsupported' };
    if (method !== 0 && method !== 8) return { ok: false, reason: 'unsupported' };
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LFH) return { ok: false, reason: 'corrupt' };
    const dataOffset = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > buf.length) return { ok: false, reason: 'corrupt' };
    declared += size;
    if (declared > limits.maxTotalBytes) return { ok: false, reason: 'bomb' };
    entries.push({ name, method, compressedSize, size, dataOffset });
  }
  // Inflate everything under the budget: the declared sizes may lie.
  const contents = new Map<string, Buffer>();
  let budget = limits.maxTotalBytes;
  for (const e of entries) {
    const raw = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    let data: Buffer;
    if (e.method === 0) data = raw;
    else {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, Math.min(budget, e.size) + 1) });
      } catch (error) {
        const code = (error as { code?: string }).code;
        return { ok: false, reason: code === 'ERR_BUFFER_TOO_LARGE' ? 'bomb' : 'corrupt' };
      }
    }
    if (data.length !== e.size) return { ok: false, reason: data.length > e.size ? 'bomb' : 'corrupt' };
    budget -= data.length;
    if (budget < 0) return { ok: false, reason: 'bomb' };
    if (e.name === '[Content_Types].xml' || e.name === 'mimetype' || e.name === 'META-INF/manifest.xml') contents.set(e.name, data);
  }
  return { ok: true, entries, read: (name) => contents.get(name) ?? null };
}
