/**
 * Demo launches, registrations, a pilot list and a difficulty for KH 3125, so that the standing agency's progress
 * view and inbox are not empty on a fresh demo. Every record is flagged is_demo and says "(demo)" in its text; the
 * document numbers are invented and marked as such. Units are the real 2021 ones.
 *
 * Left undone on purpose, for the demo journey: Nam Sách (the demo district account) has registered no pilot units,
 * and Phường Cẩm Thượng (the demo commune account) has neither launched nor registered.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { addDays, todayInVietnam } from '../../core/dates.js';
import { recordAudit } from '../audit/audit.js';
import type { Tx } from '../db/client.js';
import { difficulties, launches, movements, pilotRegistrations, pilotUnits, registrationEvents, registrations } from '../db/schema/index.js';
import { findAgencyUnitId } from '../modules/movements/agency-on-date.js';
import { findCriteriaVersionOn } from '../modules/movements/movements.repository.js';
import { findSubtreeIdsOn, findUnitsNamed } from '../modules/units/org-on-date.js';
import { inboxLinks, openDueItem, syncMilestoneDueItems } from '../modules/inbox/inbox.service.js';
import { demoKeys } from './demo-organisations.js';

export const KH3125_MOVEMENT_CODE = 'cds-2021-2025';
const DEMO = '(demo)';

type LaunchSpec = { key: string; date: string; number: string; participants: number };
type RegistrationSpec = { key: string; signedOn: string; status: 'submitted' | 'confirmed'; threshold: string; areas: string[] };

const launchSpecs: LaunchSpec[] = [
  { key: 'u:290', date: '2021-10-15', number: '112/KH-UBND (demo)', participants: 850 },
  { key: 'u:292', date: '2021-11-05', number: '87/KH-UBND (demo)', participants: 640 },
  { key: 'u:294', date: '2022-01-10', number: '15/KH-UBND (demo)', participants: 420 },
  { key: demoKeys.haiDuong('so-noi-vu'), date: '2021-10-01', number: '1020/KH-SNV (demo)', participants: 95 },
  { key: demoKeys.haiDuong('so-tai-chinh'), date: '2021-12-20', number: '2456/KH-STC (demo)', participants: 120 },
];

const registrationSpecs: RegistrationSpec[] = [
  { key: 'u:290', signedOn: '2021-10-20', status: 'confirmed', threshold: '85', areas: ['lanh_dao_nhan_thuc', 'chinh_quyen_so'] },
  { key: 'u:292', signedOn: '2021-11-15', status: 'submitted', threshold: '80', areas: ['chinh_quyen_so'] },
  { key: demoKeys.haiDuong('so-noi-vu'), signedOn: '2021-10-10', status: 'confirmed', threshold: '92', areas: ['lanh_dao_nhan_thuc', 'the_che_nhan_luc'] },
];

/**
 * Writes the demo obligations inside the seed transaction; does nothing when the KH 3125 movement is not there
 * (the package import is another area's; this keeps the seed working either way). Returns what was written.
 */
export async function seedDemoObligations(
  tx: Tx,
  tenantId: string,
  ids: ReadonlyMap<string, string>,
): Promise<{ launches: number; registrations: number; pilots: number; difficulties: number } | null> {
  const [movement] = await tx
    .select()
    .from(movements)
    .where(and(eq(movements.tenantId, tenantId), eq(movements.code, KH3125_MOVEMENT_CODE)));
  if (!movement) return null;
  const ctx = { actor: null, requestId: 'seed', actorName: 'seed' };
  const today = todayInVietnam();
  const written = { launches: 0, registrations: 0, pilots: 0, difficulties: 0 };

  for (const spec of launchSpecs) {
    const unitId = ids.get(spec.key);
    if (!unitId) continue;
    await tx.insert(launches).values({
      id: randomUUID(),
      tenantId,
      movementId: movement.id,
      unitId,
      launchDate: spec.date,
      documentNumber: spec.number,
      documentDate: addDays(spec.date, -3),
      documentSummary: `Kế hoạch phát động Phong trào thi đua "Chuyển đổi số giai đoạn 2021 - 2025" ${DEMO}`,
      scope: `Cán bộ, công chức, viên chức, người lao động trong phạm vi quản lý ${DEMO}`,
      participants: spec.participants,
      isDemo: true,
    });
    written.launches += 1;
  }

  const agencyUnitId = await findAgencyUnitId(tx, tenantId, movement.id, 'standing_agency', today);
  const version = await findCriteriaVersionOn(tx, tenantId, movement.id, '2021-10-01');
  for (const spec of registrationSpecs) {
    const unitId = ids.get(spec.key);
    if (!unitId) continue;
    const [unit] = await findUnitsNamed(tx, tenantId, [unitId], spec.signedOn);
    const level = unit?.level ?? 'district';
    const submittedAt = new Date(`${spec.signedOn}T09:00:00+07:00`);
    const id = randomUUID();
    await tx.insert(registrations).values({
      id,
      tenantId,
      movementId: movement.id,
      unitId,
      status: spec.status,
      criteriaSetVersionId: version?.id ?? null,
      level,
      contentAreas: spec.areas,
      commitments: [{ criterionCode: 'ho_so_cong_viec_tren_mang', comparator: 'gte', threshold: spec.threshold }],
      signerName: `Thủ trưởng đơn vị ${DEMO}`,
      signerPosition: level === 'district' ? 'Chủ tịch UBND' : 'Giám đốc',
      signedOn: spec.signedOn,
      note: `Bản đăng ký minh hoạ ${DEMO}`,
      submittedAt,
      firstSubmittedAt: submittedAt,
      submissionCount: 1,
      reviewedAt: spec.status === 'confirmed' ? addHours(submittedAt, 72) : null,
      reviewComment: spec.status === 'confirmed' ? `Thống nhất ${DEMO}` : null,
      isDemo: true,
    });
    await tx.insert(registrationEvents).values([
      { id: randomUUID(), tenantId, registrationId: id, action: 'submitted', fromStatus: 'draft', toStatus: 'submitted', actorName: 'seed', at: submittedAt },
      ...(spec.status === 'confirmed'
        ? [
            {
              id: randomUUID(),
              tenantId,
              registrationId: id,
              action: 'confirmed',
              fromStatus: 'submitted',
              toStatus: 'confirmed',
              comment: `Thống nhất ${DEMO}`,
              actorName: 'seed',
              at: addHours(submittedAt, 72),
            },
          ]
        : []),
    ]);
    // A registration waiting for review is in the standing agency's inbox.
    if (spec.status === 'submitted' && agencyUnitId) {
      await openDueItem(tx, {
        tenantId,
        unitId: agencyUnitId,
        movementId: movement.id,
        kind: 'registration_review',
        subjectType: 'registration',
        subjectId: id,
        title: `Xem xét đăng ký thi đua của ${unit?.name ?? 'đơn vị'} — ${movement.shortName} ${DEMO}`,
        link: inboxLinks.registration(id),
        dueDate: addDays(today, 10),
      });
    }
    written.registrations += 1;
  }

  // Chí Linh registered two pilot communes of its own area on time.
  const chiLinh = ids.get('u:290');
  if (chiLinh) {
    const registeredOn = '2021-12-15';
    const area = [...(await findSubtreeIdsOn(tx, tenantId, chiLinh, registeredOn))];
    const named = (await findUnitsNamed(tx, tenantId, area, registeredOn)).sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));
    const chosen = named.slice(0, 2);
    if (chosen.length > 0) {
      const registrationId = randomUUID();
      await tx.insert(pilotRegistrations).values({
        id: registrationId,
        tenantId,
        movementId: movement.id,
        scopeKey: chiLinh,
        level: 'district',
        registeringUnitId: chiLinh,
        registeredOn,
        deadline: '2021-12-31',
        isLate: false,
        reason: null,
        isDemo: true,
      });
      await tx.insert(pilotUnits).values(chosen.map((u, i) => ({ id: randomUUID(), tenantId, pilotRegistrationId: registrationId, unitId: u.id, sortOrder: i })));
      written.pilots += chosen.length;
    }
  }

  // Thanh Hà asks for an adjustment; it waits for the standing agency's answer.
  const thanhHa = ids.get('u:294');
  if (thanhHa) {
    const id = randomUUID();
    await tx.insert(difficulties).values({
      id,
      tenantId,
      unitId: thanhHa,
      movementId: movement.id,
      kind: 'adjustment_request',
      title: `Đề nghị lùi thời hạn hoàn thành phát động ${DEMO}`,
      content: `Huyện đang kiện toàn Ban Chỉ đạo chuyển đổi số, đề nghị cho phép hoàn thành phát động trong tháng 01/2022 ${DEMO}.`,
      attachments: [{ number: '301/UBND-VP (demo)', date: '2021-12-10', summary: `Công văn đề nghị ${DEMO}` }],
      isDemo: true,
    });
    if (agencyUnitId) {
      await openDueItem(tx, {
        tenantId,
        unitId: agencyUnitId,
        movementId: movement.id,
        kind: 'difficulty_answer',
        subjectType: 'difficulty',
        subjectId: id,
        title: `Trả lời đề xuất điều chỉnh của Huyện Thanh Hà ${DEMO}`,
        link: inboxLinks.difficulty(id),
        dueDate: addDays(today, 15),
      });
    }
    written.difficulties += 1;
  }

  // The milestone to-dos of every expected unit; those fulfilled above are created done.
  await syncMilestoneDueItems(tx, movement.id, { ctx });
  await recordAudit(tx, ctx, { action: 'seed.demo_obligations', entityType: 'movement', entityId: movement.id, after: written }, tenantId);
  return written;
}

function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * 3600_000);
}
