import type { App, ModuleDeps } from '../http/types.js';
import { registerAuthRoutes } from './auth/auth.routes.js';
import { registerUnitRoutes } from './units/units.routes.js';
import { registerGroupRoutes } from './groups/groups.routes.js';
import { registerUserRoutes } from './users/users.routes.js';
import { registerAuditRoutes } from './audit/audit.routes.js';
import { registerMovementRoutes } from './movements/movements.routes.js';
import { registerCriteriaRoutes } from './criteria/criteria.routes.js';
import { registerReportRegimeRoutes } from './report-regimes/report-regimes.routes.js';
import { registerReportRoutes } from './reports/reports.routes.js';
import { registerEvidenceRoutes } from './evidence/evidence.routes.js';
import { registerReportExcelRoutes } from './report-excel/report-excel.routes.js';
import { registerDashboardRoutes } from './dashboards/dashboards.routes.js';
import { registerPublicRoutes } from './public/public.routes.js';
import { registerSnapshotRoutes } from './snapshots/snapshots.routes.js';
import { registerMapRoutes } from './maps/maps.routes.js';
import { registerLaunchRoutes } from './launches/launches.routes.js';
import { registerInboxRoutes } from './inbox/inbox.routes.js';
import { registerNotificationRoutes } from './notifications/notifications.routes.js';
import { registerRegistrationRoutes } from './registrations/registrations.routes.js';
import { registerPilotRoutes } from './pilots/pilots.routes.js';
import { registerDifficultyRoutes } from './difficulties/difficulties.routes.js';

/** Every business area registers its routes here. */
export async function registerModules(app: App, deps: ModuleDeps): Promise<void> {
  registerAuthRoutes(app, deps.config);
  registerUnitRoutes(app);
  registerGroupRoutes(app);
  registerUserRoutes(app);
  registerAuditRoutes(app);
  registerMovementRoutes(app);
  registerCriteriaRoutes(app);
  registerReportRegimeRoutes(app);
  registerReportRoutes(app);
  await registerEvidenceRoutes(app, deps.config);
  await registerReportExcelRoutes(app, deps);
  registerDashboardRoutes(app);
  registerPublicRoutes(app);
  registerSnapshotRoutes(app);
  await registerMapRoutes(app, deps.config);
  registerLaunchRoutes(app);
  registerInboxRoutes(app);
  registerNotificationRoutes(app, deps.config);
  registerRegistrationRoutes(app);
  registerPilotRoutes(app);
  registerDifficultyRoutes(app);
}
