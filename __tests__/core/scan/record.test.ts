import { describe, expect, it } from '@jest/globals';
import { SCAN_SCANNER_ANNOTATION, SCAN_VERDICT_ANNOTATION, scanVerdictAnnotations, withAnnotations } from '../../../src/core/scan/record.js';
import { SCAN_VERDICT_ANNOTATION as PROMOTE_KEY, verdictRefusal } from '../../../src/core/promote.js';

describe('scanVerdictAnnotations: the gate verdict recorded on the pushed image', () => {
  it('records pass and warn with the scanner', () => {
    expect(scanVerdictAnnotations('pass', 'trivy')).toEqual({ 'org.aim-build.scan.verdict': 'pass', 'org.aim-build.scan.scanner': 'trivy' });
    expect(scanVerdictAnnotations('warn', 'builtin')).toEqual({ 'org.aim-build.scan.verdict': 'warn', 'org.aim-build.scan.scanner': 'builtin' });
  });

  it('records nothing when no gate ran (scan: none) or when it blocked (never pushed)', () => {
    expect(scanVerdictAnnotations('skipped', 'none')).toEqual({});
    expect(scanVerdictAnnotations('pass', 'none')).toEqual({});
    expect(scanVerdictAnnotations('blocked', 'grype')).toEqual({});
    expect(scanVerdictAnnotations('skipped', 'trivy')).toEqual({});
  });

  it('uses the key promote reads: a recorded warn is refused, a recorded pass is not', () => {
    expect(SCAN_VERDICT_ANNOTATION).toBe(PROMOTE_KEY);
    expect(SCAN_SCANNER_ANNOTATION).toBe('org.aim-build.scan.scanner');
    expect(verdictRefusal(scanVerdictAnnotations('warn', 'trivy'))).toMatch(/org\.aim-build\.scan\.verdict=warn/);
    expect(verdictRefusal(scanVerdictAnnotations('pass', 'trivy'))).toBeUndefined();
  });
});

describe('withAnnotations', () => {
  const index = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ digest: 'sha256:aa' }], annotations: { 'org.opencontainers.image.version': '1.0.0' } });

  it('adds the annotations next to the existing ones, keeping everything else', () => {
    const out = JSON.parse(withAnnotations(index, { [SCAN_VERDICT_ANNOTATION]: 'warn' }) ?? '{}');
    expect(out).toEqual({ ...JSON.parse(index), annotations: { 'org.opencontainers.image.version': '1.0.0', [SCAN_VERDICT_ANNOTATION]: 'warn' } });
  });

  it('replaces a value of the same key and adds to a manifest without annotations', () => {
    const annotated = withAnnotations(index, { [SCAN_VERDICT_ANNOTATION]: 'pass' }) ?? '';
    expect(JSON.parse(withAnnotations(annotated, { [SCAN_VERDICT_ANNOTATION]: 'warn' }) ?? '{}').annotations[SCAN_VERDICT_ANNOTATION]).toBe('warn');
    const manifest = JSON.stringify({ schemaVersion: 2, config: { digest: 'sha256:cc' }, layers: [] });
    expect(JSON.parse(withAnnotations(manifest, { a: 'b' }) ?? '{}')).toEqual({ ...JSON.parse(manifest), annotations: { a: 'b' } });
  });

  it('answers undefined when every annotation is already there (the digest stays)', () => {
    const annotated = withAnnotations(index, { a: 'b' }) ?? '';
    expect(withAnnotations(annotated, { a: 'b' })).toBeUndefined();
    expect(withAnnotations(index, {})).toBeUndefined();
  });
});
