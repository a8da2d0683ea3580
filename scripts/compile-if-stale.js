#!/usr/bin/env node
// Packaging step (see .projenrc.ts): jsii-pacmak packs the compiled library and its assembly (.jsii). On a fresh
// clone neither exists and pacmak fails with "Expected to find .jsii file"; after an edit they are stale. Compile
// when the assembly is missing or older than any source file, so `npx projen package:js` works as the first command.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const assembly = fs.existsSync('.jsii') && fs.existsSync('lib/index.js') ? fs.statSync('.jsii').mtimeMs : 0;
const sources = Math.max(newestMtime('src'), fs.statSync('package.json').mtimeMs);
if (assembly >= sources) process.exit(0);
console.error(assembly === 0 ? 'no compiled assembly (.jsii, lib/): compiling first' : 'the assembly is older than the sources: compiling first');
const result = spawnSync('npx', ['projen', 'compile'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
