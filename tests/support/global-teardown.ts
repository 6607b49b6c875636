import fs from 'node:fs';
import path from 'node:path';
import type { EmbeddedMongo } from '../../api/src/db/embedded-mongo';

const FAILURES_DIR = path.resolve(__dirname, '../artifacts/failures');

export default async function globalTeardown(): Promise<void> {
  // The CI log names the folder of failure screenshots, so they can be collected as artifacts.
  const shots = fs.existsSync(FAILURES_DIR)
    ? fs.readdirSync(FAILURES_DIR, { recursive: true }).filter((f) => String(f).endsWith('.png'))
    : [];
  if (shots.length > 0) console.log(`\n[tests] ${shots.length} failure screenshots in ${FAILURES_DIR}`);
  const state = (globalThis as Record<string, unknown>).__nekjTestDb as
    { db: EmbeddedMongo; dataDir: string } | undefined;
  if (!state) return;
  await state.db.stop();
  fs.rmSync(state.dataDir, { recursive: true, force: true });
}
