#!/usr/bin/env node
// Post-compile step (see .projenrc.ts): turns the root module's engine submodules into lazy getters.
//
// src/index.ts says `export * as cdk from './cdk'; export * as tf from './cdktf'`: that is how jsii recognises the
// submodules `cdk` and `tf` (the Python binding `jichitai_network.cdk`, and the jsii kernel finding a type such as
// `jichitai-network.cdk.MunicipalNetwork` by walking the root module's properties). TypeScript compiles it to an
// eager `exports.cdk = __importStar(require("./cdk"))`, so `require('jichitai-network')` would load aws-cdk-lib
// AND cdktf, and fail for an app that installed only one engine (both are optional peers). A getter keeps the same
// property for jsii and for `import { cdk } from 'jichitai-network'`, and loads the engine at first use.
// The declarations (lib/index.d.ts) are unchanged. The rewrite fails loudly when the compiled shape changes.
'use strict';
const fs = require('fs');

const SUBMODULES = { cdk: './cdk', tf: './cdktf' };

/**
 * The compiled root module with its engine submodules as lazy getters. Throws when the compiled shape is not the one
 * expected (exactly one eager `require` per engine), so that a change of compiler output cannot leave them eager silently.
 * Also used by the Jest transform (test/support/lazy-engines-transform.js): the tests load src/index.ts as the package does.
 */
function lazyEngines(js, file) {
  for (const [name, path] of Object.entries(SUBMODULES)) {
    const eager = `exports.${name} = __importStar(require("${path}"));`;
    const lazy = `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get: function () { return require("${path}"); } });`;
    if (js.includes(lazy)) continue; // already rewritten (compile ran twice without cleaning lib/)
    const at = js.indexOf(eager);
    if (at < 0 || js.indexOf(eager, at + 1) >= 0) {
      throw new Error(`${file}: expected exactly one \`${eager}\` (from src/index.ts); the engine submodules cannot be made lazy`);
    }
    js = js.replace(eager, lazy);
  }
  return js;
}

module.exports = { lazyEngines };

if (require.main === module) {
  const file = process.argv[2] ?? 'lib/index.js';
  try {
    fs.writeFileSync(file, lazyEngines(fs.readFileSync(file, 'utf-8'), file));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
