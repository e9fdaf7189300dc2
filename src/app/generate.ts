import { writeOutput, type WriteResult } from '../io/write.js';
import { fromDefinitions, type DefinitionsStageOptions, type StagesResult } from './stages.js';

export interface GenerateOptions extends DefinitionsStageOptions {
  out: string;
  /** Rebuild a damaged manifest and take back the files it lists (`--repair`). */
  repair?: boolean;
  /** `generate --repair` with the flags in use, for hints. */
  repairCommand?: string;
}

export interface GenerateResult extends StagesResult {
  /** What writing did; absent when the stages produced no files (errors in the definitions). */
  written?: WriteResult;
}

/** `totem-mon generate`: every stage, then the files written to the output folder (src/io/write.ts). */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const result = await fromDefinitions(options);
  if (!result.files) return result;
  return { ...result, written: writeOutput(options.out, result.files, { repair: Boolean(options.repair), ...(options.repairCommand ? { repairCommand: options.repairCommand } : {}) }) };
}
