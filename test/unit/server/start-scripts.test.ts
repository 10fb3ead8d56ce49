import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serverNodeFlags } from '../../helpers/process';

/** The servers the tests and benchmarks spawn must run as `npm start` runs it, flags included. */
describe('start scripts', () => {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const entry = `node ${serverNodeFlags.join(' ')} --import tsx server/main.ts`;

  it('npm start and npm run demo run the entry point with the flags spawned servers get', () => {
    expect(scripts.start).toBe(entry);
    expect(scripts.demo).toBe(`${entry} --demo`);
  });
});
