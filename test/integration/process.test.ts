import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../helpers/process';
import { freePort } from '../helpers/redis';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'forum-process-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the server process', () => {
  it('starts on its embedded defaults, prints how to sign in, and stops cleanly on SIGTERM', async () => {
    const server = await spawnServer({ DATA_DIR: tempDir() }, ['--demo']);
    expect(server.output()).toContain('Password for every demo account: forum-demo');
    const health = await fetch(`${server.url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', store: { kind: 'sqlite', ok: true }, ephemeral: { kind: 'memory' } });
    expect(await server.stop()).toBe(0);
  });

  it('prints a one-time setup link on first start without demo data', async () => {
    const dataDir = tempDir();
    const server = await spawnServer({ DATA_DIR: dataDir }, []);
    const link = /(http:\/\/\S+\/invite\/\S+)/.exec(server.output())?.[1];
    expect(link).toBeTruthy();
    const token = link!.split('/invite/')[1];
    const invitation = await fetch(`${server.url}/api/invitations/${token}`);
    expect(((await invitation.json()) as { invitation: { role: string } }).invitation.role).toBe('ministry');
    expect(server.output()).not.toContain('forum-demo');
    expect(await server.stop()).toBe(0);
  });

  it('answers /api/health only once the demo accounts exist: the first sign-in after it succeeds', async () => {
    // A fixed port, so that health can be asked before the server says it is running.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const starting = spawnServer({ DATA_DIR: tempDir(), PORT: String(port) }, ['--demo']);
    let failed: unknown;
    starting.catch((error: unknown) => (failed = error));
    for (;;) {
      if (failed) throw failed;
      const health = await fetch(`${base}/api/health`).catch(() => null);
      if (health?.status === 200 && ((await health.json()) as { status: string }).status === 'ok') break;
      await new Promise((r) => setTimeout(r, 2));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'chair.global@forum.demo', password: 'forum-demo' }),
    });
    const exitCode = await (await starting).stop();
    expect(login.status).toBe(200);
    expect(exitCode).toBe(0);
  });

  it('refuses a bad configuration with a message naming the variable', () => {
    const result = spawnSync(process.execPath, [join(process.cwd(), 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'], {
      env: { ...process.env, PORT: 'eighty', SKIP_CLIENT_BUILD: '1', DATA_DIR: tempDir() },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('"eighty"');
  });
});
