#!/usr/bin/env node
// Makes sure an embedded database server can run on this machine, building it once into .tools/ or
// tools/…/target. Order matches api/src/db/embedded-mongo.ts: mongod (only if already installed),
// FerretDB v1.24.2 built from the Go module proxy, mongo-java-server built with Maven.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const ferretdb = process.env.FERRETDB_BIN ?? path.join(root, '.tools', 'bin', 'ferretdb');
const jar = path.join(root, 'tools', 'mongo-java-server', 'target', 'mongo-java-server-launcher.jar');

function run(script) {
  const started = Date.now();
  execFileSync('bash', [path.join(root, 'scripts', script)], { stdio: 'inherit' });
  console.log(`[tools] ${script} finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.env.MONGODB_URI) {
  console.log('[tools] MONGODB_URI is set: no embedded database needed');
} else if (fs.existsSync(ferretdb)) {
  console.log(`[tools] FerretDB present: ${ferretdb}`);
} else if (has('go')) {
  console.log('[tools] building FerretDB v1.24.2 (first run only, about a minute)…');
  try {
    run('build-ferretdb.sh');
  } catch (err) {
    console.error(`[tools] FerretDB build failed: ${err.message}`);
  }
}

if (!process.env.MONGODB_URI && !fs.existsSync(ferretdb) && !fs.existsSync(jar)) {
  if (has('mvn') && has('java')) {
    console.log('[tools] building mongo-java-server fallback with Maven…');
    run('build-mongo-java-server.sh');
  } else {
    console.error('[tools] no embedded database can be built: install Go (for FerretDB) or Java+Maven, or set MONGODB_URI');
    process.exit(1);
  }
}
