// The Jest transform of the TypeScript sources: ts-jest, and for src/index.ts the same rewrite the build applies to
// lib/index.js (scripts/lazy-engines.js): the engine submodules `cdk` and `tf` become lazy getters, so that a test file
// loads the engine it uses, as an app using the package does. Loading both engines in every test file cost about 0.6 s
// per file that uses one (cdktf and its AWS provider bindings), a minute of CPU over `npm test` (issue 17).
// Plain JavaScript: Jest loads transforms without a transform.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const tsJest = require('ts-jest').default;
const { lazyEngines } = require('../../scripts/lazy-engines');

const INDEX = path.resolve(__dirname, '..', '..', 'src', 'index.ts');
// A change of the rewrite must not be hidden by Jest's cache of transformed files.
const REWRITE = crypto.createHash('sha256').update(fs.readFileSync(require.resolve('../../scripts/lazy-engines'))).digest('hex').slice(0, 16);

module.exports = {
  createTransformer(options) {
    const inner = tsJest.createTransformer(options);
    const isIndex = (file) => path.resolve(file) === INDEX;
    return {
      canInstrument: inner.canInstrument,
      getCacheKey(source, file, transformOptions) {
        const key = inner.getCacheKey(source, file, transformOptions);
        return isIndex(file) ? `${key}:lazy-engines:${REWRITE}` : key;
      },
      process(source, file, transformOptions) {
        const out = inner.process(source, file, transformOptions);
        if (!isIndex(file)) return out;
        return typeof out === 'string' ? lazyEngines(out, file) : { ...out, code: lazyEngines(out.code, file) };
      },
    };
  },
};
