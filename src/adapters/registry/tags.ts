/** Tag lists, paged with `Link: <…>; rel="next"` on the registry's own origin only. */
import { parseErrorBody } from './errors.js';
import type { Session } from './session.js';
import { describe, sameOrigin, type RequestSpec } from './transport.js';

/** A tag-list page is capped (a registry ignoring `n` still fits: ~100k tags). */
const MAX_TAG_PAGE = 8 * 1024 * 1024;

/** `<\/v2/r/tags/list?last=x&n=2>; rel="next"` → the URL, or undefined. */
export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/** All tags, following `Link` pages. A repository that does not exist yet has no tags. */
export async function listTags(s: Session, repository: string, pageSize = 100): Promise<string[]> {
  const tags: string[] = [];
  let path: string | undefined = `/v2/${repository}/tags/list?n=${pageSize}`;
  for (let page = 0; path && page < 10_000; page++) {
    const spec: RequestSpec = { method: 'GET', path, op: 'list', repository, actions: ['pull'], retry: true, maxBody: MAX_TAG_PAGE, bodyWhat: 'tag list' };
    const res = await s.send(spec);
    if (res.status === 404 && page === 0 && parseErrorBody(res.body.toString('utf8')).code === 'NAME_UNKNOWN') return [];
    if (res.status !== 200) throw s.fail(spec, res);
    let parsed: { tags?: unknown } | undefined;
    try {
      parsed = JSON.parse(res.body.toString('utf8')) as { tags?: unknown };
    } catch {
      throw s.protocolError(spec, 'tag list is not JSON');
    }
    const list = parsed?.tags ?? [];
    if (!Array.isArray(list) || list.some((t) => typeof t !== 'string')) throw s.protocolError(spec, 'tag list is not a list of strings');
    tags.push(...(list as string[]));
    const next = nextLink(res.headers.get('link'));
    if (next !== undefined) {
      const url = new URL(next, res.url);
      // A page on another host would get no credentials anyway; a registry never needs that.
      if (!sameOrigin(s.origin, url)) throw s.protocolError(spec, `the next page of the tag list is on another host (${describe(url.origin)}); refusing to follow it`);
      path = url.toString();
    } else {
      path = undefined;
    }
  }
  return tags;
}
