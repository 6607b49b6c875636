#!/usr/bin/env node
// Makes sure an embedded database server can run on this machine, building it once into tools/…/target or
// .tools/. Order matches api/src/db/embedded-mongo.ts: mongod (only if already installed), mongo-java-server
// built with Maven (the default: atomic over a connection pool), FerretDB v1.24.2 from the Go module proxy
// (only when EMBEDDED_DB=ferretdb asks for it, or when no JDK/Maven is on the machine).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const ferretdb = process.env.FERRETDB_BIN ?? path.join(root, '.tools', 'bin', 'ferretdb');
const jar = path.join(root, 'tools', 'mongo-java-server', 'target', 'run', 'mongo-java-server-launcher.jar');
const wanted = process.env.EMBEDDED_DB ?? 'auto';

function run(script) {
  const started = Date.now();
  execFileSync('bash', [path.join(root, 'scripts', script)], { stdio: 'inherit' });
  console.log(`[tools] ${script} finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function buildFerretdb() {
  if (fs.existsSync(ferretdb)) return console.log(`[tools] FerretDB present: ${ferretdb}`);
  if (!has('go')) return console.error('[tools] FerretDB needs Go to build');
  console.log('[tools] building FerretDB v1.24.2 (first run only, about a minute)…');
  try {
    run('build-ferretdb.sh');
  } catch (err) {
    console.error(`[tools] FerretDB build failed: ${err.message}`);
  }
}

if (process.env.MONGODB_URI) {
  console.log('[tools] MONGODB_URI is set: no embedded database needed');
} else {
  if (wanted === 'auto' || wanted === 'mongo-java-server') {
    if (has('mvn') && has('java')) {
      // Idempotent: the script returns at once when the jar is newer than its sources.
      run('build-mongo-java-server.sh');
    } else {
      console.error(
        '[tools] mongo-java-server needs Java 17+ and Maven (apt-get install openjdk-17-jdk-headless maven)',
      );
    }
  }
  if (wanted === 'ferretdb' || (wanted === 'auto' && !fs.existsSync(jar))) buildFerretdb();
  if (!fs.existsSync(jar) && !fs.existsSync(ferretdb)) {
    console.error(
      '[tools] no embedded database can be built: install Java 17 + Maven (mongo-java-server) or Go (FerretDB), or set MONGODB_URI',
    );
    process.exit(1);
  }
}

// stripe-mock: an extra contract check for the payments adapter (api/src/modules/payments/payment-port.test.ts).
// Optional: built from the Go module proxy into .tools/bin once (~40 s); a failure only skips that check.
const stripeMock = path.join(root, '.tools', 'bin', 'stripe-mock');
if (!fs.existsSync(stripeMock) && has('go') && process.env.SKIP_STRIPE_MOCK !== '1') {
  console.log('[tools] installing stripe-mock v0.203.0 (payments contract check; first run only)…');
  const started = Date.now();
  const r = spawnSync('go', ['install', 'github.com/stripe/stripe-mock@v0.203.0'], {
    stdio: 'inherit',
    env: { ...process.env, GOBIN: path.dirname(stripeMock) },
    timeout: 240_000,
  });
  console.log(
    r.status === 0
      ? `[tools] stripe-mock installed in ${((Date.now() - started) / 1000).toFixed(1)} s`
      : '[tools] stripe-mock could not be installed; its contract check will be skipped',
  );
}
