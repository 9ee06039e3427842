import { describe, expect, it } from '@jest/globals';
import { fc, test } from '@fast-check/jest';
import {
  MAX_SCAN_BYTES,
  imagePath,
  isProbablyBinary,
  redact,
  scanFile,
  scanImageConfig,
  wantsContent
} from '../../../src/core/scan/builtin-rules.js';
import type { Finding } from '../../../src/core/scan/findings.js';

const LAYER = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';
const scan = (path: string, content: string, layer = LAYER): Finding[] => scanFile({ path, size: Buffer.byteLength(content), layer, content });
const ids = (findings: Finding[]) => findings.map((f) => [f.id, f.severity]);

/** Fake key material: random-looking base64, wrapped like PEM. Not a real key. */
const BODY = Buffer.from(Array.from({ length: 180 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
const pem = (type: string, body = BODY, headers = ''): string =>
  `-----BEGIN ${type}-----\n${headers}${body.match(/.{1,64}/g)?.join('\n')}\n-----END ${type}-----\n`;
const openssh = (cipher: string): string => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(cipher.length);
  const blob = Buffer.concat([Buffer.from('openssh-key-v1\0'), len, Buffer.from(cipher), Buffer.from(BODY, 'base64')]);
  return pem('OPENSSH PRIVATE KEY', blob.toString('base64'));
};

const AWS = 'AKIA' + 'Q3EGRHVN4KXJ7LBS';
const ALIBABA = 'LTAI' + '5tQ2wJp7Hb9ZkXyRmN4a';
const GHP = 'ghp_' + 'Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2';
const FINE = 'github_pat_' + '11ABCDEFG0123456789abc' + '_' + 'Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa'.padEnd(59, 'Q');

describe('content rules', () => {
  it.each<[string, string, Array<[string, string]>, string]>([
    ['unencrypted RSA PEM', pem('RSA PRIVATE KEY'), [['private-key', 'CRITICAL']], 'RSA private key'],
    ['PKCS#8 PEM', pem('PRIVATE KEY'), [['private-key', 'CRITICAL']], 'Private key'],
    ['EC PEM', pem('EC PRIVATE KEY'), [['private-key', 'CRITICAL']], 'EC private key'],
    ['encrypted PKCS#8', pem('ENCRYPTED PRIVATE KEY'), [['private-key', 'HIGH']], 'Encrypted private key'],
    ['legacy encrypted RSA', pem('RSA PRIVATE KEY', BODY, 'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0011\n\n'), [['private-key', 'HIGH']], 'Encrypted RSA private key'],
    ['OpenSSH, cipher none', openssh('none'), [['private-key', 'CRITICAL']], 'OpenSSH private key'],
    ['OpenSSH, cipher aes256-ctr', openssh('aes256-ctr'), [['private-key', 'HIGH']], 'Encrypted OpenSSH private key'],
    ['PGP private key block', pem('PGP PRIVATE KEY BLOCK', BODY, 'Version: GnuPG v2\n\n'), [['private-key', 'CRITICAL']], 'PGP private key block'],
    ['a PEM header string in code, no key', 'if line.startswith("-----BEGIN RSA PRIVATE KEY-----"):\n    pass\n', [], ''],
    ['BEGIN without END', '-----BEGIN RSA PRIVATE KEY-----\n' + BODY + '\n', [], ''],
    ['AWS access key id', `aws_access_key_id = ${AWS}\n`, [['aws-access-key-id', 'CRITICAL']], 'AWS access key id'],
    ['AWS STS key id', `ASIA${'Q3EGRHVN4KXJ7LBS'}`, [['aws-access-key-id', 'CRITICAL']], ''],
    ['AWS documentation example key', 'AKIAIOSFODNN7EXAMPLE', [], ''],
    ['AKIA inside a longer token', `x${AWS}`, [], ''],
    ['Alibaba AccessKey id', `ALIBABA_CLOUD_ACCESS_KEY_ID=${ALIBABA}`, [['alibaba-access-key-id', 'CRITICAL']], 'Alibaba Cloud AccessKey id'],
    ['GitHub classic PAT', `token: ${GHP}`, [['github-pat', 'CRITICAL']], 'GitHub personal access token'],
    ['GitHub OAuth token', GHP.replace('ghp_', 'gho_'), [['github-oauth', 'CRITICAL']], ''],
    ['GitHub App token', GHP.replace('ghp_', 'ghs_'), [['github-app-token', 'CRITICAL']], ''],
    ['GitHub fine-grained PAT', `"${FINE}"`, [['github-fine-grained-pat', 'CRITICAL']], ''],
    ['a ghp_ token one character short', GHP.slice(0, -1), [], ''],
    ['an encrypted then an unencrypted key: one finding, the worse one', pem('ENCRYPTED PRIVATE KEY') + pem('EC PRIVATE KEY'), [['private-key', 'CRITICAL']], 'EC private key'],
    ['two tokens of one kind: one finding per rule per file', `${AWS}\n${'AKIA' + 'ZZZZZZZZZZZZZZZZ'}`, [['aws-access-key-id', 'CRITICAL']], '']
  ])('%s', (_name, text, expected, title) => {
    const findings = scan('/app/config/settings.txt', text);
    expect(ids(findings)).toEqual(expected);
    if (title) expect(findings[0].title).toBe(title);
    for (const f of findings) expect(f).toMatchObject({ kind: 'secret', target: '/app/config/settings.txt', path: '/app/config/settings.txt', layer: LAYER, scanner: 'builtin', fixState: 'unknown' });
  });

  it('reports the line and a redacted fingerprint, never the value', () => {
    const [f] = scan('/srv/deploy.sh', `#!/bin/sh\n\nexport AWS_ACCESS_KEY_ID=${AWS}\n`);
    expect(f).toMatchObject({ id: 'aws-access-key-id', line: 3, match: 'AKIA…(20 chars)' });
    expect(JSON.stringify(f)).not.toContain(AWS);
  });

  it('skips binary files (NUL in the first 8000 bytes) and trivy allow-listed paths', () => {
    const binary = new Uint8Array([...Buffer.from(`${AWS}\n`), 0, 1, 2]);
    expect(isProbablyBinary(binary)).toBe(true);
    expect(scanFile({ path: '/app/bin/tool', size: binary.length, content: binary })).toEqual([]);
    expect(scan('/usr/share/doc/openssl/example.pem', pem('RSA PRIVATE KEY'))).toEqual([]);
    expect(scan('/app/node_modules/x/test/fixtures/key.pem', pem('RSA PRIVATE KEY'))).toEqual([]);
    expect(scan('/usr/local/lib/python3.12/site-packages/a.py', AWS)).toEqual([]);
    expect(scan('/app/README.md', AWS)).toEqual([]);
    expect(ids(scan('/root/.ssh/id_rsa', pem('RSA PRIVATE KEY')))).toEqual([['private-key', 'CRITICAL']]);
  });

  it.each([
    ['/root/.ssh/id_rsa', 100, true],
    ['/root/.ssh/id_rsa', 0, false],
    ['/root/.ssh/id_rsa', MAX_SCAN_BYTES, true],
    ['/root/.ssh/id_rsa', MAX_SCAN_BYTES + 1, false],
    ['/usr/share/doc/a.txt', 100, false],
    ['/usr/lib/node_modules/npm/.npmrc', 100, true],
    ['/home/app/.env', 100, true]
  ])('wantsContent(%s, %d) = %s', (path, size, expected) => {
    expect(wantsContent(path, size)).toBe(expected);
  });

  it.each([
    ['AKIAQ3EGRHVN4KXJ7LBS', 'AKIA…(20 chars)'],
    ['hunter2!', 'hu…(8 chars)'],
    ['abc', '…(3 chars)'],
    ['', '…(0 chars)']
  ])('redact(%j) = %j', (value, expected) => {
    expect(redact(value)).toBe(expected);
  });
});

describe('path rules', () => {
  it('.env: secret-looking assignments only, not pointers, placeholders or plain settings', () => {
    const env = [
      'DEBUG=true',
      'DB_PASSWORD=s3cr3t-Passw0rd',
      'export API_KEY="k-123456789"',
      'POSTGRES_PASSWORD_FILE=/run/secrets/pg',
      'GITHUB_TOKEN=${GITHUB_TOKEN}',
      'SECRET_KEY=<change me>',
      "AUTHOR='Jane'",
      'SESSION_SECRET=abc # inline comment',
      'EMPTY_TOKEN='
    ].join('\n');
    const findings = scan('/app/.env.production', env);
    expect(findings.map((f) => [f.id, f.severity, f.line, f.title, f.match])).toEqual([
      ['dotenv-secret', 'HIGH', 2, 'Secret-looking assignment DB_PASSWORD in .env file', 's3c…(15 chars)'],
      ['dotenv-secret', 'HIGH', 3, 'Secret-looking assignment API_KEY in .env file', 'k-…(11 chars)'],
      ['dotenv-secret', 'HIGH', 8, 'Secret-looking assignment SESSION_SECRET in .env file', '…(3 chars)']
    ]);
    expect(scan('/app/.env.example', 'DB_PASSWORD=s3cr3t-Passw0rd')).toEqual([]);
  });

  it('.npmrc: _authToken / _auth / _password, but not ${ENV} references', () => {
    const npmrc = ['registry=https://registry.npmjs.org/', '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789', '//npm.pkg.github.com/:_authToken=${NODE_AUTH_TOKEN}', '_auth=dXNlcjpwYXNz'].join('\n');
    expect(scan('/home/node/.npmrc', npmrc).map((f) => [f.id, f.severity, f.line, f.title])).toEqual([
      ['npm-auth-token', 'HIGH', 2, 'npm credential _authToken for registry.npmjs.org/ in .npmrc'],
      ['npm-auth-token', 'HIGH', 4, 'npm credential _auth in .npmrc']
    ]);
  });

  it('.docker/config.json: one finding per registry with auth, none for a credential helper', () => {
    const config = JSON.stringify({ auths: { 'ghcr.io': { auth: 'dXNlcjpnaHBfc2VjcmV0' }, 'registry.cn-hangzhou.aliyuncs.com': { auth: 'YWxpOnB3ZA==' }, 'docker.io': {} }, credsStore: 'desktop' }, null, 2);
    expect(scan('/root/.docker/config.json', config).map((f) => [f.id, f.severity, f.title])).toEqual([
      ['docker-config-auth', 'HIGH', 'Registry credentials for ghcr.io in docker config'],
      ['docker-config-auth', 'HIGH', 'Registry credentials for registry.cn-hangzhou.aliyuncs.com in docker config']
    ]);
    expect(scan('/root/.docker/config.json', JSON.stringify({ credsStore: 'ecr-login' }))).toEqual([]);
    expect(ids(scan('/root/.docker/config.json', '{"auths":{"x":{"auth":"abc"}'))).toEqual([['docker-config-auth', 'HIGH']]);
  });

  it.each(['.bash_history', '.zsh_history', '.ash_history'])('%s is reported (MEDIUM) when not empty, even unread', (name) => {
    expect(ids(scan(`/root/${name}`, 'ls\n'))).toEqual([['shell-history', 'MEDIUM']]);
    expect(scanFile({ path: `/root/${name}`, size: 0, content: '' })).toEqual([]);
    expect(ids(scanFile({ path: `/root/${name}`, size: MAX_SCAN_BYTES + 1 }))).toEqual([['shell-history', 'MEDIUM']]);
  });

  it('a token typed into shell history is reported too', () => {
    expect(ids(scan('/root/.bash_history', `export GH_TOKEN=${GHP}\n`))).toEqual([['shell-history', 'MEDIUM'], ['github-pat', 'CRITICAL']]);
  });
});

describe('scanImageConfig', () => {
  it.each([
    [{ config: {} }, "Image runs as root: no USER is set"],
    [{ config: { User: '' } }, 'Image runs as root: no USER is set'],
    [{ config: { User: 'root' } }, "Image runs as root: USER is 'root'"],
    [{ config: { User: '0' } }, "Image runs as root: USER is '0'"],
    [{ config: { User: '0:0' } }, "Image runs as root: USER is '0:0'"],
    [{ config: { User: 'root:wheel' } }, "Image runs as root: USER is 'root:wheel'"],
    [{}, 'Image runs as root: no USER is set'],
    ['not an object', 'Image runs as root: no USER is set']
  ])('%j → root-user MEDIUM', (config, title) => {
    expect(scanImageConfig(config)).toEqual([
      { kind: 'misconfig', id: 'root-user', severity: 'MEDIUM', fixState: 'unknown', title, target: 'image config', path: 'config.User', scanner: 'builtin' }
    ]);
  });

  it.each(['1000', 'app', '1000:1000', 'nobody'])('User %s is not root', (User) => {
    expect(scanImageConfig({ config: { User } })).toEqual([]);
  });

  it('secrets in Env and build args in history, each reported once and redacted', () => {
    const config = {
      config: { User: 'app', Env: ['PATH=/usr/bin', `NPM_TOKEN=npm_${'a'.repeat(36)}`, `GH=${GHP}`] },
      history: [
        { created_by: `ENV NPM_TOKEN=npm_${'a'.repeat(36)}` },
        { created_by: 'RUN |1 DB_PASSWORD=topsecret-123 /bin/sh -c ./migrate' },
        { created_by: 'RUN /bin/sh -c export DB_PASSWORD=$(cat /run/secrets/pw) API_TOKEN=${TOKEN} && ./seed' },
        { created_by: '/bin/sh -c #(nop)  CMD ["app"]', empty_layer: true }
      ]
    };
    const findings = scanImageConfig(config);
    expect(findings.map((f) => [f.id, f.severity, f.path, f.title])).toEqual([
      ['env-secret', 'HIGH', 'config.Env', 'Secret-looking assignment NPM_TOKEN in the image config Env'],
      ['github-pat', 'CRITICAL', 'config.Env', 'GitHub personal access token'],
      ['env-secret', 'HIGH', 'history', 'Secret-looking assignment DB_PASSWORD in the image history (build args)']
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/topsecret|aaaaaaaa|Ab1Cd2Ef3/);
  });
});

describe('property: the rules never emit the secret string itself', () => {
  const alnum = fc.stringMatching(/^[A-Za-z0-9]{16,40}$/).filter((s) => !/^x+$/i.test(s)); // `xxxx…` is a placeholder
  const filler = fc.string({ maxLength: 200 });
  const upper16 = fc.stringMatching(/^[A-Z0-9]{16}$/);
  const alnum36 = fc.stringMatching(/^[A-Za-z0-9]{36}$/);
  const base64Body = fc.uint8Array({ minLength: 48, maxLength: 600 }).map((b) => Buffer.from(b).toString('base64'));

  const cases = fc.oneof(
    upper16.filter((s) => !s.endsWith('EXAMPLE')).map((s) => ({ secret: `AKIA${s}`, path: '/app/run.sh', make: (x: string) => x, found: true })),
    alnum36.map((s) => ({ secret: `ghp_${s}`, path: '/app/ci.yml', make: (x: string) => x, found: true })),
    base64Body.map((s) => ({ secret: s, path: '/etc/ssl/private/server.key', make: (x: string) => pem('RSA PRIVATE KEY', x), found: true })),
    alnum.map((s) => ({ secret: s, path: '/app/.env', make: (x: string) => `DB_PASSWORD=${x}`, found: true })),
    alnum.map((s) => ({ secret: s, path: '/root/.npmrc', make: (x: string) => `//r.example.com/:_authToken=${x}`, found: true })),
    alnum.map((s) => ({ secret: s, path: '/root/.docker/config.json', make: (x: string) => JSON.stringify({ auths: { 'r.example.com': { auth: x } } }), found: true })),
    alnum.map((s) => ({ secret: s, path: '/root/.bash_history', make: (x: string) => `mysql -uroot -p${x}`, found: false }))
  );

  test.prop([cases, filler, filler], { numRuns: 300 })('any rule, any surrounding text', (c, before, after) => {
    const inner = c.make(c.secret);
    const text = c.path.endsWith('.json') ? inner : `${before}\n${inner}\n${after}`;
    const findings = scan(c.path, text);
    if (c.found) expect(findings.some((f) => f.kind === 'secret' && f.id !== 'shell-history')).toBe(true);
    for (const f of findings) {
      for (const value of Object.values(f)) expect(String(value)).not.toContain(c.secret);
    }
  });

  test.prop([fc.stringMatching(/^[A-Za-z0-9+/=_-]{12,60}$/)])('image config Env values never appear', (value) => {
    const findings = scanImageConfig({ config: { Env: [`API_TOKEN=${value}`, `AWS_SECRET_ACCESS_KEY=${value}`] }, history: [{ created_by: `RUN |1 PASSWORD=${value} sh` }] });
    expect(findings.filter((f) => f.id === 'env-secret').length).toBeGreaterThan(0);
    expect(JSON.stringify(findings)).not.toContain(value);
  });
});

describe('imagePath: the path every rule sees', () => {
  it.each([
    ['usr/share/doc/../../../root/.ssh/id_rsa', '/root/.ssh/id_rsa'],
    ['./etc/passwd', '/etc/passwd'],
    ['../../../../etc/shadow', '/etc/shadow'],
    ['a//b/./c/', '/a/b/c'],
    ['usr/share/..', '/usr'],
    ['..', '/']
  ])('%s → %s', (name, path) => {
    expect(imagePath(name)).toBe(path);
  });

  it('allow-listed only after resolving: usr/share/../../root is read', () => {
    expect(wantsContent(imagePath('usr/share/doc/../../../root/.ssh/id_rsa'), 100)).toBe(true);
    // the rules resolve the path themselves too, whoever calls them
    expect(wantsContent('usr/share/doc/../../../root/.ssh/id_rsa', 100)).toBe(true);
    expect(scanFile({ path: 'usr/share/../../root/.env', size: 20, content: 'DB_PASSWORD=hunter2hunter2\n' }).map((f) => f.path)).toEqual(['/root/.env']);
    expect(wantsContent('usr/share/doc/readme', 100)).toBe(false);
  });
});
