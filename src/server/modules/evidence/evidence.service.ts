import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReportStatus } from '../../../core/reports/workflow.js';
import { buildFormLayout } from '../../../core/reports/form.js';
import type { AuthedContext, RequestContext } from '../../auth/actor.js';
import { requireAccess, requireActor } from '../../auth/access.js';
import { authorize } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import { AppError } from '../../errors.js';
import { findPeriod } from '../report-regimes/report-regimes.repository.js';
import { deleteEvidence, findEvidence, findReport, insertEvidence, lockReport, recordStoredFile } from '../reports/reports.repository.js';
import { asLevel, loadCriteriaDefinition } from '../criteria/criteria-definitions.js';
import { stateRefusal } from '../reports/reports.policy.js';
import { presentEvidence } from '../reports/reports.presenters.js';
import type { DocumentEvidenceInput, EvidenceView } from '../reports/reports.schemas.js';
import { displayFileName, type FileStore } from './file-store.js';
import { evidencePolicy } from './evidence.policy.js';
import { sniffFileType, type Sniffed } from './file-type.js';

/** The report, writable by the actor: report.read (else 404), `evidencePolicy` 'change' (else 403), editable state (else 409). */
async function loadWritableReport(ctx: RequestContext, reportId: string, criterionCode: string | null) {
  requireActor(ctx);
  const report = await findReport(ctx.db, ctx.actor.tenantId, reportId);
  if (!report) throw AppError.notFound();
  await requireAccess(ctx, 'report.read', report.unitId);
  await authorize(evidencePolicy, ctx, 'change', report);
  const found = await findPeriod(ctx.db, ctx.actor.tenantId, report.periodId);
  if (!found) throw AppError.notFound();
  const status = report.status as ReportStatus;
  // The report's state as for any edit; the message names the status by its code, as it always has here.
  if (stateRefusal('edit', status, found.period)) throw new AppError('not_editable', 409, 'report.not_editable', [], { status });
  if (criterionCode !== null) {
    const { set } = await loadCriteriaDefinition(ctx.db, report.criteriaSetVersionId);
    if (!buildFormLayout(set, asLevel(report.level)).criteria.some((c) => c.code === criterionCode)) {
      throw AppError.unprocessable('unknown_criterion', 'evidence.unknown_criterion', { code: criterionCode }, 'criterionCode');
    }
  }
  return { report, actor: (ctx as AuthedContext).actor };
}

/** Adds a document reference (number and symbol, date, issuer, summary) as evidence for a criterion. */
export async function addDocumentEvidence(ctx: RequestContext, reportId: string, input: DocumentEvidenceInput): Promise<EvidenceView> {
  const { report, actor } = await loadWritableReport(ctx, reportId, input.criterionCode);
  const row = await ctx.db.transaction(async (tx) => {
    await lockReport(tx, report.id);
    const inserted = await insertEvidence(tx, {
      id: randomUUID(),
      tenantId: report.tenantId,
      reportId: report.id,
      criterionCode: input.criterionCode,
      documentNumber: input.documentNumber.normalize('NFC'),
      documentDate: input.documentDate,
      issuer: input.issuer.normalize('NFC'),
      summary: input.summary.normalize('NFC'),
      createdBy: actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'report.evidence_added',
      entityType: 'report',
      entityId: report.id,
      unitId: report.unitId,
      after: { evidenceId: inserted.id, criterionCode: input.criterionCode, documentNumber: inserted.documentNumber },
    });
    return inserted;
  });
  return presentEvidence(row);
}

export type UploadedPart = { file: Readable & { truncated?: boolean }; filename: string };
export type UploadOptions = { store: FileStore; maxBytes: number; maxUploadMb: number };

/** Refusal for a file whose content is not accepted; nothing is kept. */
export function refusal(sniffed: Exclude<Sniffed, { ok: true }>, fileName: string, maxUploadMb: number): AppError {
  const ext = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.')) : '(không có đuôi)';
  switch (sniffed.reason) {
    case 'empty':
      return new AppError('file_empty', 400, 'evidence.empty', [{ path: 'file', message: '' }]);
    case 'executable':
      return new AppError('file_executable', 415, 'evidence.executable', [{ path: 'file', message: '' }], { ext });
    case 'unknown':
      return new AppError('file_type_refused', 415, 'evidence.unknown_type', [{ path: 'file', message: '' }]);
    case 'bomb':
      return new AppError('file_zip_bomb', 400, 'evidence.zip_bomb', [{ path: 'file', message: '' }], { limit: 200 });
    case 'corrupt':
      return new AppError('file_corrupt', 400, 'evidence.corrupt', [{ path: 'file', message: '' }], { type: ext });
    case 'macro':
      return new AppError('file_macro', 415, 'evidence.macro', [{ path: 'file', message: '' }]);
  }
  void maxUploadMb;
}

/**
 * Streams an upload to a temporary file while hashing it, refuses it when oversize, empty or of a type not accepted
 * (by content), then stores it content-addressed (deduplicated) and records it as evidence. A refused file leaves
 * nothing behind.
 */
export async function receiveUpload(
  part: UploadedPart,
  options: UploadOptions,
): Promise<{ tempPath: string; sha256: string; size: number; sniffed: Extract<Sniffed, { ok: true }> }> {
  const tempPath = await options.store.tempPath(`${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(part.file, counter, createWriteStream(tempPath));
    if (part.file.truncated || size > options.maxBytes) {
      throw new AppError('file_too_large', 413, 'evidence.too_large', [{ path: 'file', message: '' }], { limit: options.maxUploadMb });
    }
    const sniffed = sniffFileType(await readFile(tempPath));
    if (!sniffed.ok) throw refusal(sniffed, part.filename, options.maxUploadMb);
    return { tempPath, sha256: hash.digest('hex'), size, sniffed };
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

export async function uploadEvidenceFile(
  ctx: RequestContext,
  reportId: string,
  meta: { criterionCode: string; documentNumber?: string; documentDate?: string; issuer?: string; summary?: string },
  part: UploadedPart,
  options: UploadOptions,
): Promise<EvidenceView> {
  let received: Awaited<ReturnType<typeof receiveUpload>> | null = null;
  try {
    const { report, actor } = await loadWritableReport(ctx, reportId, meta.criterionCode);
    received = await receiveUpload(part, options);
    const { sha256, size, sniffed } = received;
    await options.store.putFromTemp(received.tempPath, sha256);
    received = null;
    const name = displayFileName(part.filename);
    const row = await ctx.db.transaction(async (tx) => {
      await lockReport(tx, report.id);
      await recordStoredFile(tx, { tenantId: report.tenantId, sha256, size, mediaType: sniffed.mediaType });
      const inserted = await insertEvidence(tx, {
        id: randomUUID(),
        tenantId: report.tenantId,
        reportId: report.id,
        criterionCode: meta.criterionCode,
        documentNumber: meta.documentNumber?.normalize('NFC') || null,
        documentDate: meta.documentDate ?? null,
        issuer: meta.issuer?.normalize('NFC') || null,
        summary: meta.summary?.normalize('NFC') || null,
        fileSha256: sha256,
        fileName: name,
        fileMediaType: sniffed.mediaType,
        fileSize: size,
        createdBy: actor.userId,
      });
      await recordAudit(tx, ctx, {
        action: 'report.evidence_added',
        entityType: 'report',
        entityId: report.id,
        unitId: report.unitId,
        after: { evidenceId: inserted.id, criterionCode: meta.criterionCode, fileName: name, sha256, size, mediaType: sniffed.mediaType },
      });
      return inserted;
    });
    return presentEvidence(row);
  } finally {
    // Drain what is left of the upload so the connection can be reused.
    if (!part.file.readableEnded) part.file.resume();
    if (received) await rm(received.tempPath, { force: true });
  }
}

export async function removeEvidence(ctx: RequestContext, reportId: string, evidenceId: string): Promise<{ ok: true }> {
  const { report } = await loadWritableReport(ctx, reportId, null);
  const evidence = await findEvidence(ctx.db, report.tenantId, evidenceId);
  if (!evidence || evidence.reportId !== report.id) throw AppError.notFound();
  await ctx.db.transaction(async (tx) => {
    await lockReport(tx, report.id);
    await deleteEvidence(tx, evidenceId);
    // The stored file stays: it is content-addressed and may be shared; the audit keeps its hash.
    await recordAudit(tx, ctx, { action: 'report.evidence_removed', entityType: 'report', entityId: report.id, unitId: report.unitId, before: presentEvidence(evidence) });
  });
  return { ok: true };
}

/** A stored evidence file, for download by whoever may read the report (404 otherwise). */
export async function openEvidenceFile(ctx: RequestContext, evidenceId: string, store: FileStore) {
  requireActor(ctx);
  const evidence = await findEvidence(ctx.db, ctx.actor.tenantId, evidenceId);
  if (!evidence || !evidence.fileSha256) throw AppError.notFound();
  const report = await findReport(ctx.db, ctx.actor.tenantId, evidence.reportId);
  if (!report) throw AppError.notFound();
  await authorize(evidencePolicy, ctx, 'download', report, 'not_found');
  if (!(await store.has(evidence.fileSha256))) throw AppError.notFound();
  return {
    stream: store.open(evidence.fileSha256),
    name: evidence.fileName ?? 'tep',
    mediaType: evidence.fileMediaType ?? 'application/octet-stream',
    size: evidence.fileSize ?? 0,
    sha256: evidence.fileSha256,
  };
}
