#!/usr/bin/env node
// `npm run test:repeat -- N [--busy]`: the whole test suite N times on one checkout, to show it is
// deterministic. What `npm test` runs once before Jest (tool check, typecheck, lint, web build) runs once
// here too; then Jest runs N times, each with its own log and JSON report under tests/artifacts/repeat/,
// and each run's time, counts and failing tests are printed. `--busy` keeps one core busy for the whole
// time (a neighbour burning CPU, as on a shared CI machine). Exits non-zero when any run failed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const busy = args.includes('--busy');
const runs = Number.parseInt(args.find((a) => /^\d+$/.test(a)) ?? '3', 10);
const unknown = args.filter((a) => a !== '--busy' && !/^\d+$/.test(a));
if (unknown.length > 0 || runs < 1) {
  console.error(`usage: npm run test:repeat -- N [--busy]   (got: ${args.join(' ')})`);
  process.exit(2);
}

const outDir = path.join(root, 'tests', 'artifacts', 'repeat');
const failuresDir = path.join(root, 'tests', 'artifacts', 'failures');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;
const clock = (ms) => `${Math.floor(ms / 60_000)} min ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')} s`;

function once(label, cmd, cmdArgs) {
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[repeat] ${label} failed (exit ${r.status}): no test run`);
    process.exit(1);
  }
  console.log(`[repeat] ${label}: ${seconds(Date.now() - started)}`);
}

// The neighbour: a separate process spinning on one core until this script ends.
let neighbour = null;
const stopNeighbour = () => {
  if (neighbour && neighbour.exitCode === null) neighbour.kill('SIGKILL');
};
if (busy) {
  neighbour = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  console.log(`[repeat] --busy: process ${neighbour.pid} burns one core until the runs end`);
}
process.on('exit', stopNeighbour);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopNeighbour();
    process.exit(130);
  });
}

const started = Date.now();
once('tools', process.execPath, ['scripts/ensure-tools.mjs']);
once('typecheck', 'npm', ['run', '--silent', 'typecheck']);
once('lint', 'npm', ['run', '--silent', 'lint']);
once('web build', 'npm', ['run', '--silent', 'build', '-w', 'web']);

/** One Jest run of the whole suite; its output goes to a log file, its results to a JSON report. */
function jestRun(i) {
  const log = path.join(outDir, `run-${i}.log`);
  const report = path.join(outDir, `run-${i}.json`);
  const out = fs.openSync(log, 'w');
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--json', `--outputFile=${report}`],
      {
        cwd: root,
        stdio: ['ignore', out, out],
      },
    );
    child.on('exit', (code) => {
      fs.closeSync(out);
      const ms = Date.now() - t0;
      let results = null;
      try {
        results = JSON.parse(fs.readFileSync(report, 'utf8'));
      } catch {
        /* Jest did not get as far as writing its report: the log says why */
      }
      // Failure screenshots are per run (the global setup empties the folder): keep this run's.
      if (fs.existsSync(failuresDir)) fs.renameSync(failuresDir, path.join(outDir, `run-${i}-failures`));
      resolve({ i, code, ms, log, results });
    });
  });
}

function failures(results) {
  if (!results) return ['(no Jest report)'];
  const out = [];
  for (const file of results.testResults) {
    const rel = path.relative(root, file.name);
    const failed = file.assertionResults.filter((a) => a.status === 'failed');
    for (const a of failed) out.push(`${rel} › ${a.fullName}`);
    // A file that failed outside any test (beforeAll, compilation) has a message but no failed test.
    if (file.status === 'failed' && failed.length === 0)
      out.push(`${rel} (${(file.message || 'failed').split('\n').find((l) => l.trim()) ?? 'failed'})`);
  }
  return out;
}

const summary = [];
for (let i = 1; i <= runs; i++) {
  console.log(`[repeat] run ${i}/${runs}: jest (log: ${path.relative(root, path.join(outDir, `run-${i}.log`))})`);
  const r = await jestRun(i);
  const passed = r.results?.numPassedTests ?? 0;
  const failed = r.results?.numFailedTests ?? 0;
  const total = r.results?.numTotalTests ?? 0;
  const names = r.code === 0 ? [] : failures(r.results);
  const green = r.code === 0 && failed === 0;
  summary.push({ ...r, passed, failed, total, names, green });
  console.log(
    `[repeat] run ${i}/${runs}: ${green ? 'green' : 'RED'} in ${clock(r.ms)}: ${passed} passed, ${failed} failed of ${total}${r.code !== 0 && failed === 0 ? ` (jest exit ${r.code})` : ''}`,
  );
  for (const n of names) console.log(`           failed: ${n}`);
  if (!green && fs.existsSync(path.join(outDir, `run-${i}-failures`)))
    console.log(`           screenshots: ${path.join(outDir, `run-${i}-failures`)}`);
}
stopNeighbour();

console.log(`\n[repeat] ${runs} runs${busy ? ' with one core kept busy' : ''}, ${clock(Date.now() - started)} in all:`);
for (const s of summary)
  console.log(
    `  run ${s.i}: ${s.green ? 'green' : 'RED  '}  ${clock(s.ms).padStart(12)}  ${s.passed}/${s.total} passed${s.names.length ? `  failed: ${s.names.join('; ')}` : ''}`,
  );
const red = summary.filter((s) => !s.green).length;
console.log(
  red === 0 ? `[repeat] all ${runs} runs green` : `[repeat] ${red} of ${runs} runs failed (logs in ${outDir})`,
);
process.exit(red === 0 ? 0 : 1);
