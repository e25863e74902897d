/**
 * Page-weight benchmark for the first reporter page (/report), as served by a real server on
 * loopback (PGlite in a temporary folder): bytes transferred — status line, headers and body,
 * compressed as served when the server compresses (the request says it accepts gzip) — and the
 * number of requests, for the HTML plus the assets it references, with JavaScript (scripts
 * fetched) and without (Tor Browser "Safest": no scripts). Then the round trips from landing to
 * the receipt for a one-page questionnaire: GET the form, POST it, follow any redirect until
 * the receipt shows.
 *
 * Floors: bytes — the HTML document alone (nothing smaller can show the form); requests — 1;
 * round trips — 2 (one to get the form, one to send it). ratio_to_floor = floor / value.
 * Targets: ≤ 60 KB and ≤ 4 requests; 2 round trips.
 *
 * Run: `npm run bench -- page-weight` (bench/page-weight.ts runs this module).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server.ts';
import { completeSetup } from '../src/usecases/setup/completeSetup.ts';
import type { Line } from './_lines.ts';


function print(name: string, value: number, unit: string, floor: number): void {
  const line: Line = { name, value, unit, floor, ratio_to_floor: Math.round((floor / value) * 100) / 100 };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

type Fetched = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; bytes: number };

/** One request as a browser makes it, counting the bytes on the wire (headers included, body as sent). */
function request(base: string, target: string, options: { method?: string; body?: string } = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      new URL(target, base),
      {
        method: options.method ?? 'GET',
        headers: { 'accept-encoding': 'gzip, br', ...(options.body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(options.body) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const headerBytes = `HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n`.length + response.rawHeaders.reduce((total, item, index) => total + item.length + (index % 2 === 0 ? 2 : 2), 0) + 2;
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, bytes: headerBytes + body.length });
        });
      },
    );
    outgoing.on('error', reject);
    if (options.body) outgoing.write(options.body);
    outgoing.end();
  });
}

function assetsOf(html: string): { styles: string[]; scripts: string[]; images: string[] } {
  const attribute = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
  const external = (url: string | undefined): url is string => url !== undefined && !url.startsWith('data:');
  const links = [...html.matchAll(/<link\b[^>]*>/g)].map((match) => match[0]);
  return {
    styles: links.filter((tag) => /rel="(stylesheet|icon|preload)"/.test(tag)).map((tag) => attribute(tag, 'href')).filter(external),
    scripts: [...html.matchAll(/<script\b[^>]*>/g)].map((match) => attribute(match[0], 'src')).filter(external),
    images: [...html.matchAll(/<img\b[^>]*>/g)].map((match) => attribute(match[0], 'src')).filter(external),
  };
}

function field(html: string, name: string): string {
  const match = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html) ?? new RegExp(`value="([^"]*)"[^>]*name="${name}"`).exec(html);
  if (!match?.[1]) throw new Error(`no ${name} on the report page`);
  return match[1].replace(/&amp;/g, '&');
}

export async function run(): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-page-'));
  const printed: string[] = [];
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', REDRESS_DATA_DIR: folder }), (line) => printed.push(line));
  try {
    const token = /\/setup\/([A-Za-z0-9_-]+)/.exec(printed.join('\n'))?.[1];
    if (!token) throw new Error('the server printed no setup link');
    await completeSetup(server.app.redress.context, { token, networkName: 'Benchmark Network', defaultLanguage: 'en', adminName: 'Rosa Vega', adminEmail: 'rosa.vega@example.org', password: 'a benchmark passphrase of some length' });
    const address = server.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const page = await request(base, '/report');
    if (page.status !== 200) throw new Error(`GET /report answered ${page.status}`);
    const compressed = page.headers['content-encoding'] !== undefined;
    process.stderr.write(`page-weight: the server ${compressed ? `compresses (${page.headers['content-encoding']})` : 'does not compress; raw bytes counted'}\n`);
    const html = page.body.toString('utf8');
    const assets = assetsOf(html);
    const fetchAll = async (urls: string[]) => Promise.all(urls.map((url) => request(base, url)));
    const styles = await fetchAll([...assets.styles, ...assets.images]);
    const scripts = await fetchAll(assets.scripts);
    for (const asset of [...styles, ...scripts]) if (asset.status !== 200) throw new Error(`an asset answered ${asset.status}`);
    const sum = (list: Fetched[]) => list.reduce((total, item) => total + item.bytes, 0);

    const withoutJs = page.bytes + sum(styles);
    const withJs = withoutJs + sum(scripts);
    print('page_weight.report.without_js.bytes', withoutJs, 'bytes', page.bytes);
    print('page_weight.report.without_js.requests', 1 + styles.length, 'requests', 1);
    print('page_weight.report.with_js.bytes', withJs, 'bytes', page.bytes);
    print('page_weight.report.with_js.requests', 1 + styles.length + scripts.length, 'requests', 1);

    // Landing to receipt: every request a browser without JavaScript makes for documents.
    let trips = 1;
    const body = new URLSearchParams({
      formToken: field(html, 'formToken'),
      questionnaire: field(html, 'questionnaire'),
      q_account: 'My manager keeps sending me messages at night that make me uncomfortable.',
      path: 'not_sure',
      identity: 'anonymous',
      intent: 'submit',
    }).toString();
    let answer = await request(base, '/report', { method: 'POST', body });
    trips += 1;
    while (answer.status >= 300 && answer.status < 400 && answer.headers.location) {
      answer = await request(base, answer.headers.location);
      trips += 1;
    }
    if (!answer.body.toString('utf8').includes('receipt-code')) throw new Error(`no receipt after ${trips} round trips (status ${answer.status})`);
    print('page_weight.report.landing_to_receipt.round_trips', trips, 'round trips', 2);
  } finally {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
