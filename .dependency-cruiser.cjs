// Import boundaries (issue 12; docs/architecture.md "Import rules"). `npm run deps` checks them and `npm test` runs it.
// Type-only imports count: a circle made only of `import type` still ties the files' compile order and their meaning.

/** Packages that only make sense on the server: the pure core, shared with the browser, must not reach them. */
const serverPackages = [
  'pg',
  'pg-[^/]+',
  'fastify',
  'fastify-[^/]+',
  '@fastify/[^/]+',
  'drizzle-orm',
  'drizzle-kit',
  '@electric-sql/[^/]+',
  '@node-rs/[^/]+',
  'nodemailer',
  'pino',
  'prom-client',
  'exceljs',
  'docx',
];
/** UI packages: the core holds rules, not screens. */
const uiPackages = ['react', 'react-dom', 'react-router-dom', 'antd', '@ant-design/[^/]+', '@tanstack/[^/]+', 'echarts'];
const packagePath = (names) => `(^|/)node_modules/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles, type-only ones included: move the shared type to a leaf module (e.g. http/types.ts).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-no-server-or-web',
      severity: 'error',
      comment: 'src/core is pure and shared with the web app: nothing of src/server, web/, or server-only or UI packages.',
      from: { path: '^src/core/' },
      to: { path: ['^src/server/', '^web/', packagePath(serverPackages), packagePath(uiPackages)] },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      comment: 'src/core runs in the browser too: no Node built-ins outside its tests.',
      from: { path: '^src/core/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'repository-imports-no-service',
      severity: 'error',
      comment: 'Repositories hold queries only; rules and transactions live in services, which call repositories, never the reverse.',
      from: { path: '\\.repository\\.ts$' },
      to: { path: '\\.service\\.ts$' },
    },
    {
      name: 'web-imports-only-server-schemas',
      severity: 'error',
      comment: 'The web app shares the zod contracts (*.schemas.ts) of the server and nothing else of it.',
      from: { path: '^web/' },
      to: { path: '^src/server/', pathNot: '\\.schemas\\.ts$' },
    },
    {
      name: 'platform-imports-no-areas',
      severity: 'error',
      comment: 'The platform (auth, audit, db, http) serves the business areas and knows none of them; only http/app.ts composes them, through modules/index.ts.',
      from: { path: '^src/server/(auth|audit|db|http)/' },
      to: { path: '^src/server/modules/', pathNot: '^src/server/modules/index\\.ts$' },
    },
    {
      name: 'no-http-app-outside-entry-points',
      severity: 'error',
      comment: 'Areas and the platform take App, RouteAccess and RegisteredRoute from http/types.ts; http/app.ts is for main.ts, tests and benchmarks.',
      from: { path: '^src/server/', pathNot: ['^src/server/main\\.ts$', '\\.test\\.ts$'] },
      to: { path: '^src/server/http/app\\.ts$' },
    },
    {
      name: 'auth-audit-db-import-no-http',
      severity: 'error',
      comment: 'Authorisation, audit and the database throw AppError (src/server/errors.ts) and never reach into the HTTP layer.',
      from: { path: '^src/server/(auth|audit|db)/' },
      to: { path: '^src/server/http/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|migrations|data)/' },
    // Type-only imports are dependencies too (the circle was made of them).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Node's ESM resolution (package "exports"), with the TypeScript extensions the web app imports without.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
