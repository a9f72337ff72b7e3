/**
 * `wiretrace eval polnear DIR [--json] [--annotators]`: attribution figures on a PolNeAR-style
 * folder (DIR/text and DIR/attributions), scored by the protocol in src/eval/protocol.ts; with
 * `--annotators`, the same figures for the folder's annotators against each other.
 */
import type { Command } from 'commander';
import { EXIT } from './exit-codes.js';
import type { Io } from './main.js';
import { annotatorAgreement, evaluatePolnear, EvalDirError } from '../eval/polnear.js';
import { formatAgreement, formatEval } from '../eval/format.js';

export function registerEval(program: Command, io: Io, setExit: (code: number) => void): void {
  const evalCmd = program.command('eval').description('Measure the analysis against annotated corpora.');
  evalCmd
    .command('polnear')
    .description('Score attribution (source, cue, content) on a PolNeAR folder holding text/ and attributions/.')
    .argument('<dir>', 'a folder with text/*.txt and attributions/*.ann, like PolNeAR dev')
    .option('--json', 'print the figures as JSON')
    .option('--annotators', 'score the annotators against each other instead of wiretrace: on articles with several .ann files, each further one against the first (the ceiling the protocol allows)')
    .action(async (dir: string, opts: { json?: boolean; annotators?: boolean }) => {
      try {
        if (opts.annotators) {
          const result = annotatorAgreement(dir);
          io.stdout(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatAgreement(result));
          setExit(EXIT.ok);
          return;
        }
        // the pipeline is loaded by the command that runs it
        const { loadResources } = await import('../resources.js');
        const { analyzeDoc } = await import('../pipeline.js');
        const res = loadResources();
        const result = evaluatePolnear(dir, (article) => analyzeDoc(article, res).attributions);
        io.stdout(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatEval(result));
        setExit(EXIT.ok);
      } catch (e) {
        if (e instanceof EvalDirError) {
          io.stderr(`wiretrace: ${e.message}\n`);
          setExit(EXIT.input);
          return;
        }
        throw e;
      }
    });
}
