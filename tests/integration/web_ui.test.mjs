// The kernel serves the built web UI at / on its own port: content types, cache
// headers, SPA fallback, no directory traversal, and a help page when unbuilt.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startGateway } from './lib/gateway.mjs';

// A raw request line, so that the path reaches the server exactly as written
// (fetch would normalise "/../").
function rawGet(baseUrl, target) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nhost: ${hostname}:${port}\r\nconnection: close\r\n\r\n`);
    });
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => (data += d));
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1]), text: data }));
    socket.on('error', reject);
  });
}

async function makeUi() {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'gateos-ui-'));
  await fsp.mkdir(path.join(dir, 'assets'));
  await fsp.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>GateOS test UI</title><script type="module" src="/assets/app-1a2b3c.js"></script>');
  await fsp.writeFile(path.join(dir, 'assets', 'app-1a2b3c.js'), 'console.log("ui")');
  await fsp.writeFile(path.join(dir, 'assets', 'app-1a2b3c.css'), 'body{}');
  await fsp.writeFile(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await fsp.writeFile(path.join(os.tmpdir(), path.basename(dir) + '-outside.txt'), 'outside secret');
  return dir;
}

describe('web UI serving', { timeout: 60000 }, () => {
  let gw;
  let uiDir;
  before(async () => {
    uiDir = await makeUi();
    gw = await startGateway({ env: { GATEOS_UI_DIR: uiDir } });
  });
  after(async () => {
    await gw?.stop();
    await fsp.rm(uiDir, { recursive: true, force: true });
    await fsp.rm(path.join(os.tmpdir(), path.basename(uiDir) + '-outside.txt'), { force: true });
  });

  test('GET / is the UI page, revalidated on every load, with a strict content security policy', async () => {
    const r = await fetch(gw.url('/'));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(r.headers.get('cache-control'), 'no-cache');
    assert.match(r.headers.get('content-security-policy'), /default-src 'self'/);
    assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await r.text(), /GateOS test UI/);
  });

  test('hashed assets have their content type and are cached for a year; the etag gives 304', async () => {
    const js = await fetch(gw.url('/assets/app-1a2b3c.js'));
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await js.text(), 'console.log("ui")');
    const css = await fetch(gw.url('/assets/app-1a2b3c.css'));
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    const svg = await fetch(gw.url('/favicon.svg'));
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
    const again = await fetch(gw.url('/assets/app-1a2b3c.js'), { headers: { 'if-none-match': js.headers.get('etag') } });
    assert.equal(again.status, 304);
  });

  test('client-side routes get index.html; missing files get 404', async () => {
    for (const p of ['/plugins', '/security', '/workspaces']) {
      const r = await fetch(gw.url(p));
      assert.equal(r.status, 200, p);
      assert.match(await r.text(), /GateOS test UI/, p);
    }
    assert.equal((await fetch(gw.url('/assets/missing-000.js'))).status, 404);
  });

  test('no path reaches a file outside the UI folder', async () => {
    const outside = path.basename(uiDir) + '-outside.txt';
    for (const target of [`/../${outside}`, `/assets/../../${outside}`, `/%2e%2e/${outside}`, `/..%2f${outside}`, '/../../../../etc/passwd', '//etc/passwd']) {
      const r = await rawGet(gw.baseUrl, target);
      assert.ok(r.status === 404 || r.status === 400, `${target}: ${r.status}`);
      assert.ok(!r.text.includes('outside secret') && !r.text.includes('root:'), target);
    }
  });

  test('HEAD / answers 200 (client probes) and the APIs keep their own answers', async () => {
    const head = await fetch(gw.url('/'), { method: 'HEAD' });
    assert.equal(head.status, 200);
    const v1 = await fetch(gw.url('/v1/nothing-here'));
    assert.equal(v1.status, 404);
    assert.match(v1.headers.get('content-type'), /application\/json/);
    const admin = await fetch(gw.url('/admin/api/v1/status'));
    assert.equal(admin.status, 401);
    assert.equal((await fetch(gw.url('/healthz'))).status, 200);
    assert.equal((await fetch(gw.url('/'), { method: 'POST' })).status, 404);
  });
});

describe('web UI not built', { timeout: 60000 }, () => {
  let gw;
  let empty;
  before(async () => {
    empty = await fsp.mkdtemp(path.join(os.tmpdir(), 'gateos-noui-'));
    gw = await startGateway({ env: { GATEOS_UI_DIR: empty } });
  });
  after(async () => {
    await gw?.stop();
    await fsp.rm(empty, { recursive: true, force: true });
  });

  test('every UI path explains how to build the UI and where the kernel looked', async () => {
    for (const p of ['/', '/plugins']) {
      const r = await fetch(gw.url(p));
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
      const text = await r.text();
      assert.match(text, /web UI is not built/);
      assert.match(text, /npm ci/);
      assert.ok(text.includes(empty), 'the page names the folder it looked in');
    }
    assert.equal((await fetch(gw.url('/healthz'))).status, 200);
  });
});
