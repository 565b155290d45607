#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step): tsx registers a fast transpiler.
require('tsx/cjs');
require('../src/cli/main.ts');
