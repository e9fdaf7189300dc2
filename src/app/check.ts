import { checkOutput, type CheckResult } from '../io/write.js';
import { fromDefinitions, type DefinitionsStageOptions, type StagesResult } from './stages.js';

export interface CheckGeneratedOptions extends DefinitionsStageOptions {
  out: string;
}

export interface CheckGeneratedResult extends StagesResult {
  /** How the output folder differs from what generate would write; absent when the stages produced no files. */
  check?: CheckResult;
}

/** `totem-mon generate --check`: every stage, then the output folder compared with the files, nothing written. */
export async function checkGenerated(options: CheckGeneratedOptions): Promise<CheckGeneratedResult> {
  const result = await fromDefinitions(options);
  if (!result.files) return result;
  return { ...result, check: checkOutput(options.out, result.files) };
}
