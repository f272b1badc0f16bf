/**
 * Domain boundaries (architecture guide): a domain imports another only
 * through its index.ts, never its repository or tables; the kernel imports
 * no domain; nothing imports the CLI or the composition root from a domain.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-through-index-only',
      comment: 'Import another domain only through its index.ts (its one public face).',
      severity: 'error',
      from: { path: '^server/src/domains/([^/]+)/' },
      to: {
        path: '^server/src/domains/([^/]+)/(?!index\\.ts$)',
        pathNot: ['^server/src/domains/$1/'],
      },
    },
    {
      name: 'outside-through-index-only',
      comment: 'Code outside the domains (CLI, demo, main) uses a domain through its index.ts.',
      severity: 'error',
      from: { path: '^server/src/(cli|demo|workflows)/' },
      to: { path: '^server/src/domains/[^/]+/(?!index\\.ts$)' },
    },
    {
      name: 'kernel-is-domain-free',
      comment: 'The kernel knows no domain.',
      severity: 'error',
      from: { path: '^server/src/kernel/', pathNot: ['^server/src/kernel/db/schema\\.ts$', '\\.test\\.ts$'] },
      to: { path: '^server/src/(domains|cli|demo|workflows)/' },
    },
    {
      name: 'domains-do-not-use-the-cli',
      comment: 'Domain code never reaches up into the CLI or the composition root (tests may drive the CLI).',
      severity: 'error',
      from: { path: '^server/src/domains/', pathNot: '\\.test\\.ts$' },
      to: { path: '^server/src/(cli|main\\.ts|modules\\.ts)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^server/src/domains/' },
      to: { circular: true, pathNot: '\\.tables\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'server/tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
