/**
 * Loads the optional engines of the tag plan as lazily loaded chunks of the bundle, only when a
 * plan needs them: Handlebars when an expression needs more than `{{name}}` (helpers with
 * arguments such as `{{date 'YYYYMMDD' tz='Asia/Shanghai'}}`, blocks, paths), and the linear-time
 * regular-expression engine (RE2JS) when a rule has a pattern (`type=match`, `match=`).
 */
import { planNeedsPatternEngine, planNeedsTemplateCompiler, type PlanInputs } from '../core/plan.js';
import { useTemplateCompiler, type TemplateCompiler } from '../core/template.js';
import { usePatternEngine } from '../core/pattern.js';

let loaded = false;
let patternsLoaded = false;

export async function loadTemplateCompiler(): Promise<void> {
  if (loaded) return;
  const hb = (await import('handlebars/dist/handlebars.min.js')).default as unknown as TemplateCompiler;
  useTemplateCompiler(hb);
  loaded = true;
}

export async function loadPatternEngine(): Promise<void> {
  if (patternsLoaded) return;
  usePatternEngine((await import('re2js')).RE2JS);
  patternsLoaded = true;
}

export async function prepareTemplates(inputs: PlanInputs): Promise<void> {
  if (planNeedsTemplateCompiler(inputs)) await loadTemplateCompiler();
  if (planNeedsPatternEngine(inputs)) await loadPatternEngine();
}
