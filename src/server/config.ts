import { z } from 'zod';

const booleanish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** "7,3,1" → [7, 3, 1]: distinct whole days, largest first. */
const dayList = (min: number, max: number) =>
  z
    .string()
    .regex(/^\s*\d{1,3}\s*(,\s*\d{1,3}\s*)*$/, { message: 'Danh sách số ngày, ví dụ 7,3,1 / a list of day counts, e.g. 7,3,1' })
    .transform((v) => [...new Set(v.split(',').map((d) => Number(d.trim())))].sort((a, b) => b - a))
    .pipe(z.array(z.number().int().min(0).max(365)).min(min).max(max));

/** Every environment variable the app reads, with its default. Documented in README.md. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: booleanish.default(false),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(100_000).default(1024),
  ADMIN_USERNAME: z.string().min(3).optional(),
  ADMIN_PASSWORD: z.string().min(10).optional(),
  SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Thi Đua Số <no-reply@thiduaso.local>'),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(2048).default(25),
  GEOJSON_MAX_MB: z.coerce.number().int().min(1).max(512).default(10),
  SCHEDULER_ENABLED: z.enum(['auto', 'true', 'false']).default('auto'),
  SCHEDULER_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 3600)
    .default(60),
  REMINDER_DAYS: dayList(1, 10).default([7, 3, 1]),
  ESCALATION_DAYS: dayList(2, 2).default([1, 3]),
  /** How often committed audit rows are linked into the hash chain; 0 turns the in-process sealer off. */
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
});

export type AppConfig = z.infer<typeof envSchema> & { webDist: string };

/** Reads and validates the environment; a wrong value stops start-up with the variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Cấu hình không hợp lệ / invalid configuration:\n${lines}`);
  }
  return { ...parsed.data, webDist: 'dist/web', ...overrides };
}
