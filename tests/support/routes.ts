/** The routes an app serves, read from Fastify's route tree (`printRoutes` without common prefixes). */
import type { App } from '../../src/web/app.ts';

/** Every route as `METHOD /path` (HEAD left out: Fastify adds it to every GET). */
export function servedRoutes(app: App): string[] {
  const stack: string[] = [];
  const served: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│   | {4})*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (stack[depth - 1] ?? '') + (match[2] ?? '');
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter((name) => name !== '' && name !== 'HEAD')) served.push(`${method} ${path}`);
  }
  return served;
}
