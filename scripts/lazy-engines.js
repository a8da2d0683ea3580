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

const file = process.argv[2] ?? 'lib/index.js';
const submodules = { cdk: './cdk', tf: './cdktf' };
let js = fs.readFileSync(file, 'utf-8');
for (const [name, path] of Object.entries(submodules)) {
  const eager = `exports.${name} = __importStar(require("${path}"));`;
  const lazy = `Object.defineProperty(exports, "${name}", { enumerable: true, configurable: true, get: function () { return require("${path}"); } });`;
  if (js.includes(lazy)) continue; // already rewritten (compile ran twice without cleaning lib/)
  const at = js.indexOf(eager);
  if (at < 0 || js.indexOf(eager, at + 1) >= 0) {
    console.error(`${file}: expected exactly one \`${eager}\` (from src/index.ts); the engine submodules cannot be made lazy`);
    process.exit(1);
  }
  js = js.replace(eager, lazy);
}
fs.writeFileSync(file, js);
