import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { defineConfig, runnerImport, type Plugin } from 'vite';
import { precompressDir } from './server/http/encodings.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const server = 'http://127.0.0.1:3000';

/**
 * Writes brotli and gzip copies beside each built asset, so the server negotiates
 * Accept-Encoding without compressing per request (server/http/static.ts).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'forum:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDir(join(outDir, 'assets'));
    },
  };
}

/**
 * The browser gets shared/api/endpoints without its zod schemas: the client only
 * reads an endpoint's method and path (shared/api/client.ts) and never validates,
 * while the schemas would bring zod, a third of the first page's JavaScript. Types
 * still come from the real module; this replaces only what the bundle contains.
 */
function endpointsWithoutSchemas(): Plugin {
  const source = here('./shared/api/endpoints.ts');
  const routesOnly = (exported: string, value: unknown) => {
    if (typeof value !== 'object' || value === null) throw new Error(`shared/api/endpoints: export ${exported} is not a map of endpoints`);
    return Object.fromEntries(
      Object.entries(value).map(([name, e]: [string, { method?: unknown; path?: unknown; status?: unknown }]) => {
        if (typeof e.method !== 'string' || typeof e.path !== 'string') throw new Error(`shared/api/endpoints: ${exported}.${name} is not an endpoint`);
        return [name, e.status === undefined ? { method: e.method, path: e.path } : { method: e.method, path: e.path, status: e.status }];
      }),
    );
  };
  return {
    name: 'forum:endpoints-without-schemas',
    apply: 'build',
    async load(id) {
      if (id !== source) return null;
      // Evaluated in Node by Vite's module runner, apart from the config's own bundle.
      const { module } = await runnerImport<Record<string, unknown>>(source);
      return Object.entries(module)
        .map(([exported, value]) => `export const ${exported} = ${JSON.stringify(routesOnly(exported, value))};`)
        .join('\n');
    },
  };
}

/**
 * The browser client. `npx vite` serves it with the API, Socket.IO and Yjs
 * proxied to a server on port 3000 (`npm start`); `npx vite build` writes
 * dist/client, which the server serves from `/`.
 */
export default defineConfig(({ command }) => {
  // A build is a production build even when a test run (NODE_ENV=test) starts it;
  // otherwise Lit's development build, with its warnings and checks, is shipped.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: here('./client'),
    plugins: [endpointsWithoutSchemas(), precompress()],
    server: {
      // index.html lives in client/, but the sources import ../shared
      fs: { allow: [here('.')] },
      proxy: {
        '/api': { target: server },
        '/socket.io': { target: server, ws: true },
        '/yjs': { target: server, ws: true },
      },
    },
    build: {
      outDir: here('./dist/client'),
      emptyOutDir: true,
      target: 'es2022',
      // Written for reading stack traces, but not referenced from the scripts: the server does not serve them.
      sourcemap: 'hidden',
      // The editor chunk (Tiptap, ProseMirror, Yjs; ~590 kB, ~180 kB gzipped) loads only on
      // proposal and meeting pages; the first page needs about a third of that.
      chunkSizeWarningLimit: 650,
    },
    // Lit's decorators are TypeScript's legacy ones (tsconfig: experimentalDecorators,
    // useDefineForClassFields false). Said here too, so the build never depends on
    // which tsconfig the transformer happens to find.
    oxc: {
      decorator: { legacy: true },
      assumptions: { setPublicClassFields: true },
      typescript: { removeClassFieldsWithoutInitializer: true },
    },
  };
});
