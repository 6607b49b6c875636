import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Where uploaded bytes live: local disk in the embedded setup, object storage in production (same port). */
export interface FileStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  read(key: string): Readable;
  remove(key: string): Promise<void>;
}

export class LocalDiskStorage implements FileStorage {
  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  private pathFor(key: string): string {
    if (!/^[a-f0-9]{2}\/[a-f0-9]{24,64}$/.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(this.dir, key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathFor(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so a crash never leaves a half file under the final name.
    const tmp = `${target}.${process.pid}.tmp`;
    await fs.promises.writeFile(tmp, bytes);
    await fs.promises.rename(tmp, target);
  }

  read(key: string): Readable {
    return fs.createReadStream(this.pathFor(key));
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathFor(key), { force: true });
  }
}
