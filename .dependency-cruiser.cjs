// The layering of docs/architecture.md, checked on every `npm run lint` / `npm test`.
// Imports point down:
//
//   cli → commands (+ run-tui.tsx, log-file.ts) → ui → store → adapters → domain
//
// beside them: `config` (reads the file; knows the adapters' option specs), `terminal` (+
// terminal-guard.ts: the output layer under Ink) and `demo` (the simulated vendors, which share
// nothing with the adapters but the domain). A layer may import any layer below it.
// A violation prints the rule's name; the rule names say what they protect.

/** Everything of ours that is not one of `allowed` (path prefixes under source/). */
const ourCodeExcept = (...allowed) => `^source/(?!(${allowed.join('|')}))`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-nothing-of-ours',
      comment: 'domain/ is the pure core (job model, sorting, filtering, sanitizing): it imports nothing else of ours.',
      severity: 'error',
      from: { path: '^source/domain/' },
      to: { path: ourCodeExcept('domain/') },
    },
    {
      name: 'adapters-import-only-domain',
      comment:
        'An adapter speaks one vendor API and normalizes into the domain model; it knows no store, UI, config or command.',
      severity: 'error',
      from: { path: '^source/adapters/' },
      to: { path: ourCodeExcept('adapters/', 'domain/') },
    },
    {
      name: 'store-imports-no-upper-layer',
      comment:
        'The store polls adapters and holds snapshots; it knows nothing of the UI, the commands, config files, the demo or the terminal.',
      severity: 'error',
      from: { path: '^source/store/' },
      to: { path: ourCodeExcept('store/', 'adapters/', 'domain/') },
    },
    {
      name: 'ui-imports-no-command-or-cli',
      comment:
        'The UI draws store snapshots and sends intents to the store; commands, the CLI, config loading and the demo sit above or beside it.',
      severity: 'error',
      from: { path: '^source/ui/' },
      to: { path: '^source/(cli\\.ts|commands/|run-tui\\.tsx|log-file\\.ts|config/|demo/)' },
    },
    {
      name: 'views-import-no-store-or-adapter',
      comment:
        'Views (ui/views/) take what they draw as props: no store, no adapter. ' +
        'Allowed: type-only imports of the snapshot shapes in store/types.ts (a source, a job detail), erased at build: those shapes are what the props carry.',
      severity: 'error',
      from: { path: '^source/ui/views/' },
      to: { path: '^source/(store|adapters)/', pathNot: '^source/store/types\\.ts$' },
    },
    {
      name: 'views-take-props-not-navigation-state',
      comment:
        'Views (ui/views/) draw the narrow props ui/view-props.ts selects for them: they never name the navigation state ' +
        '(navigation-state.ts) or reach into its reducer (navigation.ts, navigation-*.ts), so what a screen derives from ' +
        'the state is computed in one place and a view cannot read a field it does not draw.',
      severity: 'error',
      from: { path: '^source/ui/views/' },
      to: { path: '^source/ui/navigation[a-z-]*\\.ts$' },
    },
    {
      name: 'views-read-store-types-only-as-types',
      comment:
        'The one store module a view may name is store/types.ts, and only in `import type` (no store code in a view).',
      severity: 'error',
      from: { path: '^source/ui/views/' },
      to: { path: '^source/store/types\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'commands-import-no-cli',
      comment: 'cli.ts routes to the commands; a command never reaches back into the router.',
      severity: 'error',
      from: { path: '^source/(commands/|run-tui\\.tsx|log-file\\.ts)' },
      to: { path: '^source/cli\\.ts$' },
    },
    {
      name: 'config-imports-only-adapters-and-domain',
      comment:
        "Config loading validates options against the adapters' specs and the domain; it never reaches into the store, UI or commands.",
      severity: 'error',
      from: { path: '^source/config/' },
      to: { path: ourCodeExcept('config/', 'adapters/', 'domain/') },
    },
    {
      name: 'terminal-imports-only-domain',
      comment:
        'The terminal output layer (line diffing, guards) works on text; it knows nothing of jobs beyond the domain.',
      severity: 'error',
      from: { path: '^source/(terminal/|terminal-guard\\.ts)' },
      to: { path: ourCodeExcept('terminal/', 'domain/') },
    },
    {
      name: 'demo-shares-only-domain',
      comment:
        'The demo simulators implement the vendor side independently: they share nothing with adapters/ (or any other layer) but the domain, ' +
        'so an adapter bug cannot hide behind a simulator built from the same code.',
      severity: 'error',
      from: { path: '^source/demo/' },
      to: { path: ourCodeExcept('demo/', 'domain/') },
    },
    {
      name: 'only-http-imports-undici',
      comment:
        'One HTTP client (adapters/http.ts) holds the timeouts, proxy, TLS and redaction rules; nothing else opens connections with undici.',
      severity: 'error',
      from: { path: '^source/', pathNot: '^source/adapters/http\\.ts$' },
      to: { path: '(^|/)node_modules/undici/' },
    },
    {
      name: 'no-dev-dependency-in-source',
      comment: 'The installed package has no devDependencies: source/ must not need one at run time.',
      severity: 'error',
      from: { path: '^source/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-unresolvable-import',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: { path: '^source/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
    // why: ink and react publish ESM `exports` maps with only `types`/`default` conditions.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'node', 'default', 'types'] },
  },
};
