/** Recognising PostgreSQL errors by SQLSTATE, the same on PGlite and node-postgres. */

/** SQLSTATE of a unique-constraint violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * Whether an error is a unique-constraint violation: services turn it into a 409 when two writers race to create the
 * same thing. Drizzle wraps the driver's error, so the code is on the error itself or on its cause.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null | undefined;
  return e?.code === UNIQUE_VIOLATION || e?.cause?.code === UNIQUE_VIOLATION;
}
