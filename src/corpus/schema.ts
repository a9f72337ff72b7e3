/**
 * The format of data/corpus/figures.json (the noun classes of figures.ts): a zod schema from which
 * the loader's type is derived. The loader trusts the shipped file and imports only the type
 * (test/data-files.test.ts validates it), so ingesting does not load zod.
 */
import { z } from 'zod';

export const figuresFileSchema = z.object({ about: z.string(), classes: z.record(z.string(), z.array(z.string().min(1))) });

export type FiguresFile = z.infer<typeof figuresFileSchema>;
