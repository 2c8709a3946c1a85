/**
 * Imported first by the benches that time the engine in their own process. tsx turns source maps
 * on, and Node then keeps every loaded module's map on the heap (~90 MB of arrays here), a heap the
 * sidecar's own process (plain `node sidecar/dist/cli.js`) does not have and every full garbage
 * collection would trace. Stack traces in these benches show compiled positions instead.
 */
process.setSourceMapsEnabled(false);
