import util from 'node:util';

/**
 * What a failing test prints besides its assertion: each source (a running test app's server log, a
 * browser's open pages) registers a hook here; the Jest environment (tests/support/diagnostics-environment.ts)
 * calls every hook when a test or hook fails and appends what they return to the failure.
 */
export interface FailureInfo {
  /** The test's full name ("describe › test"), or the hook's when a hook failed. */
  name: string;
  /** When the failing test (or hook) started, ms since the epoch: logs before it belong to other tests. */
  startedAt: number;
  /** The test file, relative to the repository root. */
  file: string;
}

export type FailureHook = (info: FailureInfo) => Promise<string | null> | string | null;

interface Registry {
  hooks: Set<FailureHook>;
}

const KEY = '__nekjDiagnostics';

/** One registry per test file (the environment gives each file its own global object). */
export function diagnostics(): Registry {
  const g = globalThis as unknown as Record<string, Registry | undefined>;
  return (g[KEY] ??= { hooks: new Set() });
}

/** Adds a hook for this file's failures; returns the function that removes it. */
export function onFailure(hook: FailureHook): () => void {
  diagnostics().hooks.add(hook);
  return () => diagnostics().hooks.delete(hook);
}

/** A value as a failure message shows it: deep enough to tell what it was, short enough to read. */
export function preview(value: unknown): string {
  return util.inspect(value, { depth: 5, maxArrayLength: 50, maxStringLength: 500, breakLength: 120 });
}

/**
 * Server log lines kept in memory (the newest `capacity`), so that a failing test can print the lines of
 * its requests (by `reqId`) and the warnings of the background workers, whatever the console level.
 */
export class LogCapture {
  private lines: string[] = [];

  constructor(private readonly capacity = 20_000) {}

  /** pino's destination interface: one JSON line per call. */
  write(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }

  /** Parsed lines logged at or after `since` (ms since the epoch). */
  since(since: number): LogLine[] {
    const out: LogLine[] = [];
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const parsed = parse(this.lines[i]);
      if (!parsed) continue;
      if (parsed.time < since) break;
      out.push(parsed);
    }
    return out.reverse();
  }

  /**
   * The report for a failure since `since`: every request that failed (status ≥ 400) or logged a warning,
   * with all its lines; warnings and errors of background work (no request id); and the last requests.
   */
  report(since: number, label: string): string | null {
    const lines = this.since(since);
    if (lines.length === 0) return null;
    const byRequest = new Map<string, LogLine[]>();
    const background: LogLine[] = [];
    for (const l of lines) {
      if (l.reqId) byRequest.set(l.reqId, [...(byRequest.get(l.reqId) ?? []), l]);
      else if (l.level >= 40) background.push(l);
    }
    const accessLines = lines.filter((l) => l.msg === 'request');
    const troubled = [...byRequest.entries()].filter(([, ls]) =>
      ls.some((l) => l.level >= 40 || (typeof l.status === 'number' && l.status >= 400)),
    );
    const out: string[] = [`server log of ${label} during this test (${accessLines.length} requests):`];
    if (troubled.length > 0) {
      out.push(`  requests that failed or warned (${troubled.length}), every line of each:`);
      for (const [id, ls] of troubled.slice(-15)) {
        out.push(`    request ${id}:`);
        for (const l of ls) out.push(`      ${formatLine(l)}`);
      }
    }
    if (background.length > 0) {
      out.push(`  warnings of background work (${background.length}):`);
      for (const l of background.slice(-15)) out.push(`    ${formatLine(l)}`);
    }
    // The app's own files (scripts, styles, fonts) would crowd out the API calls.
    const apiCalls = accessLines.filter((l) => !String(l.url ?? '').startsWith('/assets/') || (l.status ?? 0) >= 400);
    out.push(`  last API requests (newest last; reqId, method, url → status, ms):`);
    for (const l of apiCalls.slice(-20)) out.push(`    ${l.reqId} ${l.method} ${l.url} → ${l.status} (${l.ms} ms)`);
    return out.join('\n');
  }
}

export interface LogLine {
  time: number;
  level: number;
  msg?: string;
  reqId?: string;
  method?: string;
  url?: string;
  status?: number;
  ms?: number;
  [key: string]: unknown;
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

function parse(line: string): LogLine | null {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return null;
  }
}

function formatLine(l: LogLine): string {
  const { time, level, msg, pid: _pid, hostname: _hostname, service: _service, ...rest } = l;
  const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  return `${new Date(time).toISOString().slice(11, 23)} ${LEVELS[level] ?? level} ${msg ?? ''}${extra}`;
}
