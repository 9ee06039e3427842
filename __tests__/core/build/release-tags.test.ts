/**
 * The build's tag guard (src/core/build/release-tags.ts) as a table: release tags are never
 * rewritten unless asked, a re-run is a no-op, aliases move forward only (the promote rule),
 * moving tags move as today.
 */
import { describe, expect, it } from '@jest/globals';
import { decideTargetTags, isSemverRelease, releaseConflictMessage, tagDecisionNotes, type ReleaseTagRule, type TargetTagState } from '../../../src/core/build/release-tags.js';

const NEW = `sha256:${'a'.repeat(64)}`;
const OLD = `sha256:${'b'.repeat(64)}`;
const V15 = `sha256:${'c'.repeat(64)}`;
const semverRule: ReleaseTagRule = { isRelease: isSemverRelease, overwriteRelease: false, moveAliases: false };

function state(tags: string[], current: Record<string, string>, existing: string[] | undefined, tagPrefix = ''): TargetTagState {
  return { image: 'reg.example/acme/app', registry: 'reg.example', tagPrefix, digest: NEW, tags, current, existing };
}

type Row = [title: string, gitTag: string | undefined, s: TargetTagState, rule: ReleaseTagRule, expected: Record<string, string>];

const rows: Row[] = [
  ['new release: everything created', 'v1.2.3', state(['v1.2.3', '1.2.3', '1.2', '1'], {}, []), semverRule, { 'v1.2.3': 'create', '1.2.3': 'create', '1.2': 'create', '1': 'create' }],
  [
    'second build of v1.2.3 with other content: release tags conflict, aliases would move',
    'v1.2.3',
    state(['v1.2.3', '1.2.3', '1.2', '1'], { 'v1.2.3': OLD, '1.2.3': OLD, '1.2': OLD, '1': OLD }, ['v1.2.3', '1.2.3', '1.2', '1']),
    semverRule,
    { 'v1.2.3': 'conflict', '1.2.3': 'conflict', '1.2': 'move', '1': 'move' }
  ],
  [
    'same content again: a no-op',
    'v1.2.3',
    state(['v1.2.3', '1.2.3', '1.2', '1'], { 'v1.2.3': NEW, '1.2.3': NEW, '1.2': NEW, '1': NEW }, ['v1.2.3']),
    semverRule,
    { 'v1.2.3': 'unchanged', '1.2.3': 'unchanged', '1.2': 'unchanged', '1': 'unchanged' }
  ],
  [
    'overwrite-release-tags: true moves the release',
    'v1.2.3',
    state(['v1.2.3'], { 'v1.2.3': OLD }, ['v1.2.3']),
    { ...semverRule, overwriteRelease: true },
    { 'v1.2.3': 'move' }
  ],
  [
    'backport v1.4.9 after v1.5.0 and v2.0.0: 1 held (1.5.0), 1.4 moves, latest held',
    'v1.4.9',
    state(['v1.4.9', '1.4.9', '1.4', '1', 'latest'], { '1': V15, latest: OLD, '1.4': OLD }, ['v1.5.0', '1.5.0', '1.5', '1', 'v2.0.0', '2.0.0', '2.0', '2', 'latest', '1.4', 'v1.4.8']),
    semverRule,
    { 'v1.4.9': 'create', '1.4.9': 'create', '1.4': 'move', '1': 'held', latest: 'held' }
  ],
  [
    'backport v1.4.9 after v1.4.10: 1.4 held too',
    'v1.4.9',
    state(['v1.4.9', '1.4', '1'], { '1.4': OLD, '1': OLD }, ['v1.4.10']),
    semverRule,
    { 'v1.4.9': 'create', '1.4': 'held', '1': 'held' }
  ],
  [
    'move-aliases (metadata-action behaviour): the backport moves 1 back',
    'v1.4.9',
    state(['v1.4.9', '1'], { '1': V15 }, ['v1.5.0', '1']),
    { ...semverRule, moveAliases: true },
    { 'v1.4.9': 'create', '1': 'move' }
  ],
  [
    'tag list unreadable: aliases held (fail closed), the release still written',
    'v1.4.9',
    state(['v1.4.9', '1'], { '1': V15 }, undefined),
    semverRule,
    { 'v1.4.9': 'create', '1': 'held' }
  ],
  [
    'branch build: moving tags move (latest, branch, sha)',
    undefined,
    state(['main-abc1234', 'latest', 'develop'], { latest: OLD, develop: OLD }, ['v9.9.9']),
    semverRule,
    { 'main-abc1234': 'create', latest: 'move', develop: 'move' }
  ],
  ['pr-N moves', undefined, state(['pr-12'], { 'pr-12': OLD }, []), semverRule, { 'pr-12': 'move' }],
  [
    'prerelease tag is a release tag by default',
    'v2.0.0-rc.1',
    state(['v2.0.0-rc.1', '2.0.0-rc.1'], { 'v2.0.0-rc.1': OLD }, ['v2.0.0-rc.1']),
    semverRule,
    { 'v2.0.0-rc.1': 'conflict', '2.0.0-rc.1': 'create' }
  ],
  [
    'custom release pattern (release-*): only those are immutable, plain semver moves',
    undefined,
    state(['release-2024.1', '1.2.3'], { 'release-2024.1': OLD, '1.2.3': OLD }, []),
    { ...semverRule, isRelease: (n) => n.startsWith('release-') },
    { 'release-2024.1': 'conflict', '1.2.3': 'move' }
  ],
  [
    'ACR component prefix: the rule reads names without it',
    'v1.4.9',
    state(['backend-v1.4.9', 'backend-1'], { 'backend-v1.4.9': OLD, 'backend-1': V15 }, ['backend-v1.5.0', 'frontend-v9.0.0'], 'backend-'),
    semverRule,
    { 'backend-v1.4.9': 'conflict', 'backend-1': 'held' }
  ]
];

describe('decideTargetTags (table)', () => {
  it.each(rows)('%s', (_title, gitTag, s, rule, expected) => {
    const d = decideTargetTags(s, gitTag, 'latest', rule);
    expect(Object.fromEntries(d.moves.map((m) => [m.tag, m.action]))).toEqual(expected);
    // Object.entries puts integer-like keys ('1') first: compare as sets
    expect([...d.write].sort()).toEqual(Object.entries(expected).filter(([, a]) => a === 'create' || a === 'move').map(([t]) => t).sort());
    expect([...d.names].sort()).toEqual(Object.entries(expected).filter(([, a]) => a !== 'held' && a !== 'conflict').map(([t]) => t).sort());
  });

  it('says which version holds an alias back', () => {
    const d = decideTargetTags(state(['1'], { '1': V15 }, ['v1.5.0', 'v2.0.0']), 'v1.4.9', 'latest', semverRule);
    expect(d.moves[0].reason).toContain('1.5.0 > 1.4.9');
    const notes = tagDecisionNotes([d]);
    expect(notes.info).toEqual([expect.stringContaining(`reg.example/acme/app:1 held back: 1.5.0 > 1.4.9`)]);
    expect(notes.info[0]).toContain(`stays on ${V15}`);
  });
});

describe('releaseConflictMessage', () => {
  it('names registry, tag, both digests and the fix; none when there is no conflict', () => {
    const a = decideTargetTags(state(['v1.2.3'], { 'v1.2.3': OLD }, []), 'v1.2.3', 'latest', semverRule);
    const b = decideTargetTags({ ...state(['v1.2.3'], {}, []), image: '127.0.0.1:5001/acme/app', registry: '127.0.0.1:5001' }, 'v1.2.3', 'latest', semverRule);
    const msg = releaseConflictMessage([a, b]) ?? '';
    expect(msg).toContain(`reg.example: reg.example/acme/app:v1.2.3 names ${OLD}; this build is ${NEW}`);
    expect(msg).toContain('Nothing was tagged in any registry');
    expect(msg).toContain('overwrite-release-tags: true');
    expect(msg).not.toContain('127.0.0.1:5001');
    expect(releaseConflictMessage([b])).toBeUndefined();
  });

  it('warns when a release tag is overwritten and reports a re-run as a no-op', () => {
    const moved = decideTargetTags(state(['v1.2.3'], { 'v1.2.3': OLD }, []), 'v1.2.3', 'latest', { ...semverRule, overwriteRelease: true });
    const same = decideTargetTags(state(['v1.2.3'], { 'v1.2.3': NEW }, []), 'v1.2.3', 'latest', semverRule);
    const notes = tagDecisionNotes([moved, same]);
    expect(notes.warnings).toEqual([`reg.example/acme/app:v1.2.3 was a release tag on ${OLD}; moved to ${NEW} because overwrite-release-tags is true`]);
    expect(notes.info).toEqual([`reg.example/acme/app:v1.2.3 already names ${NEW}: nothing to write (a re-run of the same image)`]);
  });
});
