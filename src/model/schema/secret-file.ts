import { z } from 'zod';
import { source } from './common.js';
import { withHint } from './hint.js';

/** `secretFile(path)`: a file on the host of `program` holding a secret; the hints name a path under `dir`. */
export function secretFileSchema(program: string, dir: string, example: string) {
  return z.strictObject(
    {
      kind: z.literal('secretFile'),
      path: z.string().refine((p) => p.startsWith('/'), {
        message: withHint('a secret file path must be absolute', `e.g. secretFile('${dir}/${example}')`),
      }),
      source,
    },
    { error: withHint('expected secretFile(…)', `e.g. secretFile('${dir}/name'): ${program} reads the secret from that file`) },
  );
}
