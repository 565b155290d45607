// Worker entry: registers the TypeScript loader, then serves read requests.
require('tsx/cjs');
require('../src/cli/readWorker.ts');
