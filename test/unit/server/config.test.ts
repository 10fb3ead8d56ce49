import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config';

describe('configuration from the environment', () => {
  it('has embedded defaults: port 3000, ./data, no Redis', () => {
    const result = loadConfig({});
    expect(result.ok && result.config).toMatchObject({ PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info', demo: false });
    expect(result.ok && result.config.REDIS_URL).toBeUndefined();
  });

  it('reads and normalises values', () => {
    const result = loadConfig({ PORT: '8080', REDIS_URL: 'redis://10.0.0.1:6379', PUBLIC_ORIGIN: 'https://forum.example.kr/path' }, true);
    expect(result.ok && result.config).toMatchObject({ PORT: 8080, REDIS_URL: 'redis://10.0.0.1:6379', PUBLIC_ORIGIN: 'https://forum.example.kr', demo: true });
  });

  it('names every bad variable and what it got', () => {
    const result = loadConfig({ PORT: 'eighty', REDIS_URL: 'localhost:6379', LOG_LEVEL: 'loud' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/PORT/);
    expect(result.message).toMatch(/"eighty"/);
    expect(result.message).toMatch(/REDIS_URL: must start with redis:\/\//);
    expect(result.message).toMatch(/LOG_LEVEL/);
  });
});
