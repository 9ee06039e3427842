/**
 * The scan gate's verdict as recorded on the pushed image: annotations on the root (the image
 * index, or the single manifest when there is no index). The promote sub-action reads them back
 * and refuses a `warn` (or `blocked`) image unless `force`.
 */
import type { ScannerChoice } from './scanners.js';
import type { VerdictWord } from './result.js';

/** The annotation on the image index (or single manifest) that records the scan gate's verdict. */
export const SCAN_VERDICT_ANNOTATION = 'org.aim-build.scan.verdict';
/** The scanner that gave that verdict (`trivy`, `grype`, `builtin`). */
export const SCAN_SCANNER_ANNOTATION = 'org.aim-build.scan.scanner';

/**
 * What the push records for a gate's verdict: `pass` or `warn` with the scanner. Nothing for
 * `scan: none` (no gate ran) and nothing for `blocked` (a blocked image is never pushed).
 */
export function scanVerdictAnnotations(verdict: VerdictWord, scanner: ScannerChoice): Record<string, string> {
  if (scanner === 'none' || (verdict !== 'pass' && verdict !== 'warn')) return {};
  return { [SCAN_VERDICT_ANNOTATION]: verdict, [SCAN_SCANNER_ANNOTATION]: scanner };
}

/**
 * The manifest or index text with `annotations` added (existing keys of the same name replaced),
 * or undefined when they are all there already. The caller stores it under its new digest.
 */
export function withAnnotations(body: string, annotations: Record<string, string>): string | undefined {
  const doc = JSON.parse(body) as { annotations?: Record<string, string> };
  if (Object.entries(annotations).every(([k, v]) => doc.annotations?.[k] === v)) return undefined;
  return JSON.stringify({ ...doc, annotations: { ...doc.annotations, ...annotations } });
}
