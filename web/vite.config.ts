/**
 * Builds the browser apps (the informatics console and the EMD timeline SMART app) from
 * npm packages only, so they work offline: `npm run build:web` writes dist/web/, which the
 * service serves at /console/ and /timeline/ (assets at /assets/).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the served build: the console is behind a credential, not secret, but
    // maps would only add weight.
    sourcemap: false,
    rollupOptions: {
      input: {
        console: here('console/index.html'),
        timeline: here('timeline/index.html'),
        'timeline-launch': here('timeline/launch.html'),
      },
      onwarn(warning, warn) {
        // fhirclient's dependency isomorphic-webcrypto assigns `module.exports` in an .mjs
        // file; the shim is unused where WebCrypto exists (every supported browser), and the
        // warning would greet every `npm start`.
        if (
          warning.code === 'COMMONJS_VARIABLE_IN_ESM' &&
          warning.id?.includes('isomorphic-webcrypto')
        )
          return;
        warn(warning);
      },
    },
  },
});
