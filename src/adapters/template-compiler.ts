/**
 * Loads Handlebars (a lazily loaded chunk of the bundle) when a plan's expressions need more than
 * `{{name}}`: helpers with arguments (`{{date 'YYYYMMDD' tz='Asia/Shanghai'}}`), blocks, paths.
 */
import { planNeedsTemplateCompiler, type PlanInputs } from '../core/plan.js';
import { useTemplateCompiler, type TemplateCompiler } from '../core/template.js';

let loaded = false;

export async function loadTemplateCompiler(): Promise<void> {
  if (loaded) return;
  const hb = (await import('handlebars/dist/handlebars.min.js')).default as unknown as TemplateCompiler;
  useTemplateCompiler(hb);
  loaded = true;
}

export async function prepareTemplates(inputs: PlanInputs): Promise<void> {
  if (planNeedsTemplateCompiler(inputs)) await loadTemplateCompiler();
}
