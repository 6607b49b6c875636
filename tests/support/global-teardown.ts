import fs from 'node:fs';
import type { EmbeddedMongo } from '../../api/src/db/embedded-mongo';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__nekjTestDb as { db: EmbeddedMongo; dataDir: string } | undefined;
  if (!state) return;
  await state.db.stop();
  fs.rmSync(state.dataDir, { recursive: true, force: true });
}
