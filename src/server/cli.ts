import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exportPackage, importPackageFromFile } from './modules/movements/package-import.js';
import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import { todayInVietnam } from '../core/dates.js';
import type { Db } from './db/client.js';
import { units } from './db/schema/index.js';
import { loadConfig } from './config.js';
import { runMigrations } from './db/migrate.js';
import { sealAuditChain, verifyAuditChain } from './audit/audit.js';
import { seedDemo } from './seed/demo.js';
import { buildWebIfMissing, openConfiguredDatabase, startServer } from './main.js';
import { AppError, renderDetail } from './errors.js';
import { renderMessage } from '../core/i18n/messages.js';
import { ensureTenant } from './seed/base.js';
import { systemCreateUser, systemGrantRole, systemResetPassword, systemRevokeRole } from './modules/users/users.service.js';

const usage = `Thi Đua Số — dòng lệnh quản trị / administration CLI

  thidua serve [--build-if-missing]      chạy máy chủ / run the server
  thidua migrate                         áp dụng migration / apply migrations
  thidua seed --demo                     nạp dữ liệu demo / load demo data
  thidua user create --username U --name "Họ tên" --password P [--unit-code 10507]
  thidua user reset-password --username U --password P
  thidua user grant --username U --role ROLE [--unit-code CODE] [--no-subtree]
  thidua user revoke --username U --role ROLE [--unit-code CODE]
 thidua package import FILE.json        nhập gói phong trào / import a movement package
  thidua package export CODE [--out F]   xuất gói phong trào / export a movement package
  thidua audit verify                    kiểm tra chuỗi băm nhật ký / verify the audit hash chain

Cấu hình qua biến môi trường (DATABASE_URL, DATA_DIR, …): xem README.md`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      'build-if-missing': { type: 'boolean' },
      username: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      'unit-code': { type: 'string' },
      'no-subtree': { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  if (!command || values.help) {
    console.log(usage);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  if (command === 'serve') {
    if (values['build-if-missing']) buildWebIfMissing(config);
    const server = await startServer(config);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  }
  const database = await openConfiguredDatabase(config);
  try {
    await runMigrations(database);
    const db = database.db;
    switch (command) {
      case 'migrate':
        console.log('Đã áp dụng migration / migrations applied');
        return 0;
      case 'seed': {
        if (!values.demo) {
          console.error('Chỉ hỗ trợ: thidua seed --demo');
          return 1;
        }
        const summary = await seedDemo(db);
        console.log(
          summary.skipped
            ? 'Dữ liệu đã có, bỏ qua / already seeded, skipped'
            : `Đã nạp / seeded: ${summary.units} đơn vị, ${summary.versions} phiên bản, ${summary.events} sự kiện, ${summary.users} tài khoản`,
        );
        return 0;
      }
      case 'user': {
        const username = required(values.username, '--username');
        switch (sub) {
          case 'create': {
            const tenantId = await ensureTenant(db);
            await systemCreateUser(db, tenantId, { username, fullName: required(values.name, '--name'), password: required(values.password, '--password') });
            console.log(`Đã tạo người dùng ${username}`);
            return 0;
          }
          case 'reset-password':
            await systemResetPassword(db, username, required(values.password, '--password'));
            console.log(`Đã đặt lại mật khẩu cho ${username}`);
            return 0;
          case 'grant':
            await systemGrantRole(db, username, { role: required(values.role, '--role'), unitCode: values['unit-code'], includeSubtree: !values['no-subtree'] });
            console.log(`Đã cấp vai trò ${values.role} cho ${username}`);
            return 0;
          case 'revoke': {
            const unitId = values['unit-code'] ? await findUnitIdByCode(db, values['unit-code']) : undefined;
            const n = await systemRevokeRole(db, username, required(values.role, '--role'), unitId);
            console.log(`Đã thu hồi ${n} quyền`);
            return 0;
          }
          default:
            console.error(usage);
            return 1;
        }
      }
      case 'package': {
        const tenantId = await ensureTenant(db);
        const target = positionals[2];
        if (sub === 'import' && target) {
          const result = await importPackageFromFile(db, tenantId, target);
          console.log(`Đã nhập gói / imported: phong trào ${result.movementId}, bộ tiêu chí ${result.criteriaSetId}`);
          return 0;
        }
        if (sub === 'export' && target) {
          const json = await exportPackage(db, tenantId, target);
          if (values.out) await writeFile(values.out, json, 'utf8');
          else process.stdout.write(json);
          return 0;
        }
        console.error(usage);
        return 1;
      }
      case 'audit': {
        if (sub !== 'verify') {
          console.error(usage);
          return 1;
        }
        const sealed = await sealAuditChain(db);
        if (sealed > 0) console.log(`Đã niêm phong ${sealed} bản ghi đang chờ / sealed ${sealed} pending rows`);
        const result = await verifyAuditChain(db);
        if (result.ok) {
          console.log(`Nhật ký toàn vẹn / audit chain intact: ${result.checked} bản ghi`);
          return 0;
        }
        console.error(
          `Nhật ký bị thay đổi / audit chain broken at seq ${result.firstBadSeq} (${result.reason === 'edited' ? 'bản ghi bị sửa / edited' : 'bản ghi bị chèn hoặc xoá / inserted or deleted'}); ${result.checked} bản ghi trước đó hợp lệ`,
        );
        return 2;
      }
      default:
        console.error(usage);
        return 1;
    }
  } finally {
    await database.close();
  }
}

/** The unit with this official code in force today (codes are reused over time). */
async function findUnitIdByCode(db: Db, code: string): Promise<string> {
  const today = todayInVietnam();
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, code), lte(units.validFrom, today), or(isNull(units.validTo), gt(units.validTo, today))));
  if (rows.length !== 1) throw new Error(`Không tìm thấy đơn vị mã ${code} đang có hiệu lực / no unit with code ${code} in force today`);
  return rows[0]!.id;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new Error(`Thiếu tham số ${flag} / missing ${flag}`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof AppError) {
      console.error(`Lỗi: ${renderMessage(error.messageKey, 'vi', error.params)}`);
      for (const d of error.details) console.error(`  - ${d.path || '(gốc)'}: ${renderDetail(d, 'vi', () => renderMessage(error.messageKey, 'vi', error.params))}`);
    } else console.error(`Lỗi: ${(error as Error).message}`);
    process.exit(1);
  },
);
