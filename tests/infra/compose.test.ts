import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

describe('docker-compose.yml', () => {
  test('when validated offline with docker-compose, then it is a valid production stack with two api replicas', () => {
    // Debian's docker-compose validates without a Docker engine; .ci/run installs it.
    execFileSync('docker-compose', ['config', '-q'], { cwd: root, stdio: 'pipe' });
    const resolved = execFileSync('docker-compose', ['config'], { cwd: root, encoding: 'utf8' });
    for (const service of ['mongo', 'meilisearch', 'redis', 'api', 'search-sync', 'web']) {
      expect(resolved).toMatch(new RegExp(`\\n  ${service}:`));
    }
    expect(resolved).toMatch(/replicas: 2/);
    expect(resolved).toMatch(/replicaSet=rs0/);
  });
});
