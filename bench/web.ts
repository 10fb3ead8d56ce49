/**
 * The first page load, per page and role: which JavaScript files the browser fetches
 * (real Chromium, empty cache, signed in) and how big they are raw, gzipped (level 9)
 * and brotli-compressed (quality 11), as the build precompresses them, plus the bytes
 * that actually crossed the network (what the server negotiated). Builds the client first.
 *
 *   npx tsx bench/web.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchBrowser } from '../test/helpers/browser';
import { startTestServer, type TestServer } from '../test/helpers/server';
import { isScript, isStatic, recordTransfers, untilAssetsSettle } from '../test/helpers/transfers';

const clientDir = join(process.cwd(), 'dist/client');

interface Scenario {
  name: string;
  email: string;
  path: (ids: DemoIds) => string;
}

interface DemoIds {
  meeting: string;
  proposal: string;
}

const scenarios: Scenario[] = [
  { name: 'home (chair)', email: 'chair.investment@forum.demo', path: () => '/' },
  { name: 'proposals list (chair)', email: 'chair.investment@forum.demo', path: () => '/proposals' },
  { name: 'proposal, editor (chair)', email: 'chair.investment@forum.demo', path: (ids) => `/proposals/${ids.proposal}` },
  { name: 'meeting room (chair)', email: 'chair.investment@forum.demo', path: (ids) => `/meetings/${ids.meeting}` },
  { name: 'meeting room (observer)', email: 'observer@forum.demo', path: (ids) => `/meetings/${ids.meeting}` },
  { name: 'meeting room (ministry)', email: 'ministry@forum.demo', path: (ids) => `/meetings/${ids.meeting}` },
  { name: 'projector (ministry)', email: 'ministry@forum.demo', path: (ids) => `/meetings/${ids.meeting}/projector` },
];

export interface WebRow {
  name: string;
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
  /** JS bytes that crossed the network, headers included. */
  transferred: number;
}

const sizes = new Map<string, { raw: number; gzip: number; brotli: number }>();

/** Sizes of one built file, compressed the way the build precompresses it. */
function sizesOf(path: string) {
  let known = sizes.get(path);
  if (!known) {
    const bytes = readFileSync(join(clientDir, path));
    known = {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    sizes.set(path, known);
  }
  return known;
}

async function demoIds(server: TestServer): Promise<DemoIds> {
  const { token } = await server.login('ministry@forum.demo');
  const get = async (path: string) => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return (await res.json()) as Record<string, { id: string }[]>;
  };
  const meeting = (await get('/api/meetings')).meetings?.[0]?.id;
  const proposal = (await get('/api/proposals')).proposals?.[0]?.id;
  if (!meeting || !proposal) throw new Error('the demo data has no meeting or no proposal');
  return { meeting, proposal };
}

async function measure(server: TestServer, scenario: Scenario, ids: DemoIds): Promise<WebRow> {
  const browser = await launchBrowser();
  try {
    const { cookie } = await server.login(scenario.email);
    const [name, ...value] = cookie.split('=');
    await browser.context.addCookies([{ name: name!, value: value.join('='), url: server.url }]);
    const log = await recordTransfers(browser.page);
    await browser.page.goto(`${server.url}${scenario.path(ids)}`);
    await browser.page.locator('main h1').first().waitFor({ state: 'visible', timeout: 30_000 });
    await untilAssetsSettle(log);
    const scripts = log.transfers.filter((t) => isStatic(t) && isScript(t));
    await log.stop();
    const row: WebRow = { name: scenario.name, files: scripts.length, raw: 0, gzip: 0, brotli: 0, transferred: 0 };
    for (const script of scripts) {
      const size = sizesOf(new URL(script.url).pathname.slice(1));
      row.raw += size.raw;
      row.gzip += size.gzip;
      row.brotli += size.brotli;
      row.transferred += script.transferred;
    }
    return row;
  } finally {
    await browser.close();
  }
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

/** A markdown table of the rows, in kB (1,000 bytes). */
export function webTable(rows: WebRow[]): string {
  const lines = [
    '| page (role) | JS files | raw kB | gzip kB | brotli kB | transferred kB |',
    '|---|--:|--:|--:|--:|--:|',
    ...rows.map((r) => `| ${r.name} | ${r.files} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} | ${kb(r.transferred)} |`),
  ];
  return lines.join('\n');
}

/** Builds the client, then loads each page once per role in a fresh Chromium. */
export async function runWeb(options: { log?: (line: string) => void } = {}): Promise<WebRow[]> {
  const log = options.log ?? console.log;
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  const server = await startTestServer({ demo: true });
  try {
    const ids = await demoIds(server);
    const rows: WebRow[] = [];
    for (const scenario of scenarios) rows.push(await measure(server, scenario, ids));
    log(webTable(rows));
    return rows;
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runWeb().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
