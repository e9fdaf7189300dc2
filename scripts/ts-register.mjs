// `node --import ./scripts/ts-register.mjs src/…/x.ts`: runs totem-mon's own TypeScript sources
// without a build (scripts/dev.mjs, and the loader process when totem-mon runs from src/ in tests).
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
