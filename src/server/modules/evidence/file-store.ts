import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Content-addressed storage of evidence files: a file is named by the SHA-256 of its content, so the same content
 * is stored once. An S3-compatible store can implement the same contract.
 */
export type FileStore = {
  /** Moves a fully written temporary file into the store under its hash; returns false when it was already there. */
  putFromTemp: (tempPath: string, sha256: string) => Promise<boolean>;
  has: (sha256: string) => Promise<boolean>;
  open: (sha256: string) => Readable;
  /** A new temporary path for an upload in progress (same filesystem, so the final move is atomic). */
  tempPath: (name: string) => Promise<string>;
};

const HASH = /^[0-9a-f]{64}$/;

/** Files under DATA_DIR/files/ab/cd/<sha256>; uploads in progress under DATA_DIR/files/tmp. */
export function createLocalFileStore(dataDir: string): FileStore {
  const root = path.resolve(dataDir, 'files');
  const pathOf = (sha256: string) => {
    if (!HASH.test(sha256)) throw new Error('bad hash');
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const has = async (sha256: string) => {
    try {
      return (await stat(pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  };
  return {
    has,
    async putFromTemp(tempPath, sha256) {
      const target = pathOf(sha256);
      if (await has(sha256)) {
        await rm(tempPath, { force: true });
        return false;
      }
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tempPath, target);
      return true;
    },
    open: (sha256) => createReadStream(pathOf(sha256)),
    async tempPath(name) {
      const dir = path.join(root, 'tmp');
      await mkdir(dir, { recursive: true });
      return path.join(dir, name);
    },
  };
}

/** A file name safe to show and to put in a header: NFC, no path, no control characters, at most 200 characters. */
export function displayFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are what a file name shown in a header must lose
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  return (cleaned || 'tep').slice(0, 200);
}

/** Content-Disposition with an ASCII fallback and the Vietnamese name in RFC 5987 filename*. */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
