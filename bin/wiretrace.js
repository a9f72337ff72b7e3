#!/usr/bin/env -S MALLOC_ARENA_MAX=1 node --max-semi-space-size=8
// How the process runs the pipeline (see README, Speed and memory, and src/heap.ts):
// - 8 MB semi-spaces: fewer scavenges than V8's small start size, and each article's short-lived
//   objects still die young (16 MB ran no faster and took 25 MB more RSS);
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
