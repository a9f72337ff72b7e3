/**
 * The server's defaults that the command line needs before it starts the server (kept apart from
 * app.ts, so that `wiretrace --help` and the other commands do not load Fastify and the pipeline).
 */

/** Largest article body the API accepts by default (the CLI's limit is larger: files are trusted more). */
export const DEFAULT_BODY_BYTES = 2 * 1024 * 1024;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}
