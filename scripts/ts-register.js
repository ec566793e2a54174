// Lets Node run the TypeScript sources without a build (tests that need a
// child process, and development): a `.ts` loader through
// typescript.transpileModule, cached on disk by content hash, and `@wyn/*`
// mapped to `packages/*/src` as in jest.config.js. Used as `node -r`.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const os = require('os');
const Module = require('module');

const packages = path.join(__dirname, '..', 'packages');
const cacheDir = path.join(os.tmpdir(), 'wyn-ts-cache');
let ts = null;

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = (m, filename) => {
    const src = fs.readFileSync(filename, 'utf8');
    const key = crypto.createHash('sha1').update(filename).update(src).digest('hex');
    const cached = path.join(cacheDir, key + '.js');
    let out;
    try {
      out = fs.readFileSync(cached, 'utf8');
    } catch {
      ts = ts || require('typescript');
      out = ts.transpileModule(src, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: filename,
      }).outputText;
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = cached + '.' + process.pid;
        fs.writeFileSync(tmp, out);
        fs.renameSync(tmp, cached);
      } catch {
        // A read-only temp folder only costs the cache.
      }
    }
    m._compile(out, filename);
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    const m = /^@wyn\/(parser|interpreter|scheduler|cli)$/.exec(request);
    if (m) request = path.join(packages, m[1], 'src', 'index.ts');
    return resolve.call(this, request, ...rest);
  };
}
