/**
 * Step outputs derived from a plan, compatible with docker/metadata-action (`version`, `tags`,
 * `tag-names`, `labels`, `annotations`, `json`) plus ours (`plan`).
 */
import type { TagPlan } from './plan.js';

export interface Separators {
  tags: string;
  labels: string;
  annotations: string;
}

/** Tag names without image names: version, the rest, then latest when any target gets it. */
export function tagNames(plan: TagPlan): string[] {
  const names = plan.tags.map((t) => t.name);
  const latest = plan.targets.length === 0 ? plan.latest.enabled : plan.targets.some((t) => t.latest.enabled);
  if (latest && !names.includes(plan.latest.tag)) names.push(plan.latest.tag);
  return names;
}

/** Full references, all of image 1 before image 2; bare tag names when no image was given. */
export function references(plan: TagPlan): string[] {
  if (plan.targets.length === 0) return tagNames(plan);
  return plan.targets.flatMap((t) => t.references.map((r) => r.ref));
}

export function labelLines(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`);
}

export function annotationLines(plan: TagPlan): string[] {
  return plan.annotationLevels.flatMap((level) => labelLines(plan.annotations).map((a) => `${level}:${a}`));
}

export function metadataJson(plan: TagPlan): { tags: string[]; labels: Record<string, string>; annotations: string[] } {
  return { tags: references(plan), labels: plan.labels, annotations: annotationLines(plan) };
}

export function planOutputs(plan: TagPlan, sep: Separators): Record<string, string> {
  return {
    version: plan.version,
    tags: references(plan).join(sep.tags),
    'tag-names': tagNames(plan).join(sep.tags),
    labels: labelLines(plan.labels).join(sep.labels),
    annotations: annotationLines(plan).join(sep.annotations),
    json: JSON.stringify(metadataJson(plan)),
    plan: JSON.stringify(planJson(plan))
  };
}

/** The `plan` output: every reference per registry with the rule that produced it. */
export function planJson(plan: TagPlan): object {
  return {
    version: plan.version,
    preset: plan.preset,
    event: { name: plan.event.eventName, ref: plan.event.ref, sha: plan.event.sha, kind: plan.event.kind },
    latest: { policy: plan.latest.policy, enabled: plan.latest.enabled, reason: plan.latest.reason, tag: plan.latest.tag },
    tags: plan.tags.map((t) => ({ tag: t.name, rule: t.rule })),
    targets: plan.targets.map((t) => ({
      input: t.input,
      registry: t.registry,
      kind: t.kind,
      repository: t.repository,
      image: t.image,
      component: t.component ?? null,
      tagPrefix: t.tagPrefix,
      latest: t.latest,
      references: t.references
    })),
    labels: plan.labels,
    annotations: plan.annotations
  };
}
