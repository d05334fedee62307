/** Architecture rules checked in the test command (see README "Architecture"). */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain holds the deciders: pure functions with no framework, database, broker or I/O, ' +
        'so they can be tested and reasoned about alone.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        path: [
          'node_modules/@nestjs/',
          'node_modules/typeorm/',
          'node_modules/pg/',
          'node_modules/pg-',
          'node_modules/kafkajs/',
          'node_modules/graphql',
          'node_modules/class-validator/',
          '^libs/(events|platform|read-models|documents|attachments)/',
          '^apps/',
        ],
      },
    },
    {
      name: 'domain-no-node-io',
      comment: 'No file system, network, process or clock access from the domain.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(fs|net|http|https|child_process|dgram|dns|tls|worker_threads|crypto)',
      },
    },
    {
      name: 'libs-do-not-depend-on-apps',
      comment: 'apps/api and apps/worker are thin entry points over the libs, never the other way round.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'api-folders-meet-through-their-index',
      comment:
        'Each folder of apps/api (a capability such as activations or feeds, or a shared part such as auth) ' +
        'is used from outside only through its index.ts, which names what it offers; everything else in it ' +
        'is its own business.',
      severity: 'error',
      from: { path: '^apps/api/src/([^/]+)/' },
      to: {
        path: '^apps/api/src/[^/]+/',
        pathNot: ['^apps/api/src/$1/', '^apps/api/src/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
