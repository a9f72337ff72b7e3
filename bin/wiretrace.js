#!/usr/bin/env -S MALLOC_ARENA_MAX=1 node --max-semi-space-size=16
// How the process runs the pipeline (see README, Speed and memory, and src/heap.ts):
// - a 16 MB nursery: fewer scavenges than V8's small start size, each article's short-lived
//   objects die young, and 32 MB of nursery less than a 32 MB semi-space would take;
// - one glibc malloc arena: the GC's helper threads otherwise each keep an arena of freed memory
//   (about 25 MB of RSS), at no measurable cost in speed.
import { main } from '../dist/src/cli/main.js';

// A reader that stops early (`wiretrace analyze DIR --jsonl | head`) is not an error: stop quietly,
// as Unix tools do, instead of dying with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`wiretrace: cannot write: ${err && err.message}\n`);
    process.exit(1);
  });
}

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`wiretrace: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 1; },
);
