/**
 * Dates and times in the web app go through one formatter (web/src/lib/format.ts: 2026-06-06 13:12), so no
 * page shows "2024/6/6 13:12:45" beside "2024-06-06" elsewhere. Any other way of turning a date into text in a
 * page or component fails here.
 */
import fs from 'node:fs';
import path from 'node:path';

const WEB_SRC = path.resolve(__dirname, '../../web/src');
const ALLOWED = new Set(['lib/format.ts', 'lib/money.ts']);
const FORBIDDEN = [
  /\.toLocaleDateString\(/,
  /\.toLocaleTimeString\(/,
  /new Date\([^)]*\)\.toLocaleString\(/,
  /\.toLocaleString\([^)]*\{[^}]*(year|month|day|hour)/,
  /new Intl\.DateTimeFormat\(/,
];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

test('when a web page shows a date or time, then it uses the one formatter of lib/format.ts', () => {
  const offenders: string[] = [];
  for (const file of files(WEB_SRC)) {
    const rel = path.relative(WEB_SRC, file).split(path.sep).join('/');
    if (ALLOWED.has(rel)) continue;
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (FORBIDDEN.some((re) => re.test(line))) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(offenders).toEqual([]);
});
