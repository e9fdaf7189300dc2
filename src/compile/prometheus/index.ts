import type { Model } from '../../model/types.js';
import type { OutputFile } from '../output.js';
import { compilePrometheusConfig } from './config.js';
import { compileRuleFiles } from './rules.js';
import { compileRuleTests } from './tests.js';

export function compilePrometheus(model: Model): OutputFile[] {
  return [compilePrometheusConfig(model), ...compileRuleFiles(model), ...compileRuleTests(model)];
}
