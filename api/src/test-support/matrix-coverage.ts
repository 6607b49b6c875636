import fs from 'node:fs';
import path from 'node:path';

/**
 * Route coverage of an authorization matrix split over several files (`payments.matrix.reading.test.ts`,
 * `payments.matrix.paying.test.ts`, …). A test names the routes it checks with `cover('METHOD', '/api/path')`;
 * the files run apart (each in its own worker, with its own app), so the one test that asks whether every
 * declared route has a row reads the rows from the sources of all the files of its matrix, not from what ran
 * in its own process. A row counts only as a literal `cover('METHOD', '/path')` call in a file that skips and
 * focuses nothing: a call it cannot read or a skipped test fails the check rather than passing it silently.
 */
export const cover = (_method: string, _path: string): void => undefined;

/** The `METHOD /path` rows named in the files of `dir` whose names match `files`. */
export function matrixRows(dir: string, files: RegExp): Set<string> {
  const names = fs.readdirSync(dir).filter((f) => files.test(f));
  if (names.length === 0) throw new Error(`no matrix files matching ${files} in ${dir}`);
  const rows = new Set<string>();
  for (const name of names) {
    // Whole-line comments and block comments may mention cover() in prose.
    const text = fs
      .readFileSync(path.join(dir, name), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const skipped = /\b(?:test|it|describe)\.(?:skip|only|todo)\b|\bx(?:test|it|describe)\(|\bf(?:it|describe)\(/.exec(
      text,
    );
    if (skipped) throw new Error(`${name}: ${skipped[0]} — every row of a matrix runs, or it does not count`);
    for (const call of text.matchAll(/\bcover\(([^)]*)\)/g)) {
      const literal = /^\s*'([A-Z]+)',\s*'(\/[^'$]*)',?\s*$/.exec(call[1]);
      if (!literal) throw new Error(`${name}: cover(${call[1]}) — a row names its method and path as literals`);
      rows.add(`${literal[1]} ${literal[2]}`);
    }
  }
  return rows;
}
