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

// stripe-mock: an extra contract check for the payments adapter (api/src/modules/payments/payment-port.test.ts).
// Optional: built from the Go module proxy into .tools/bin once (~40 s); a failure only skips that check.
const stripeMock = path.join(root, '.tools', 'bin', 'stripe-mock');
if (!fs.existsSync(stripeMock) && has('go') && process.env.SKIP_STRIPE_MOCK !== '1') {
  console.log('[tools] installing stripe-mock v0.203.0 (payments contract check; first run only)…');
  const started = Date.now();
  const r = spawnSync('go', ['install', 'github.com/stripe/stripe-mock@v0.203.0'], { stdio: 'inherit', env: { ...process.env, GOBIN: path.dirname(stripeMock) }, timeout: 240_000 });
  console.log(r.status === 0 ? `[tools] stripe-mock installed in ${((Date.now() - started) / 1000).toFixed(1)} s` : '[tools] stripe-mock could not be installed; its contract check will be skipped');
}
