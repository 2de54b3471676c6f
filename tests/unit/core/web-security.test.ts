import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, resolveStaticPath } from '../../../main/core/web-security.js';

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('contentSecurityPolicy', () => {
  const plain = contentSecurityPolicy();
  const bridge = contentSecurityPolicy({ connectSources: ['ws://127.0.0.1:4321', 'ws://localhost:4321'] });

  it('never allows eval or inline code', () => {
    for (const csp of [plain, bridge]) {
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-hashes');
      expect(csp).not.toContain('wasm-unsafe-eval');
    }
  });

  it("limits scripts to 'self' and blocks plugins, base and framing", () => {
    const d = directives(plain);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('adds the given connect sources and nothing else', () => {
    expect(directives(plain).get('connect-src')).toEqual(["'self'"]);
    expect(directives(bridge).get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4321', 'ws://localhost:4321']);
    // The extra sources appear only in connect-src.
    expect(bridge.match(/ws:\/\/127\.0\.0\.1:4321/g)).toHaveLength(1);
  });
});

describe('resolveStaticPath', () => {
  const root = path.resolve('/srv/app/renderer');

  it("maps '/' and '' to index.html", () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/?token=abc')).toBe(path.join(root, 'index.html'));
  });

  it('maps ordinary paths under the root, ignoring the query', () => {
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/assets/app.js?v=2')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/assets/my%20font.woff2')).toBe(path.join(root, 'assets', 'my font.woff2'));
  });

  it.each([
    '/../secret.txt',
    '/../../etc/passwd',
    '/assets/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E/secret.txt',
    '/..%2f..%2fetc%2fpasswd',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/../renderer-evil/x.js', // a sibling folder whose name starts with the root's
    '/.', // the root folder itself is not a file
  ])('refuses the traversal %s', (urlPath) => {
    expect(resolveStaticPath(root, urlPath)).toBeNull();
  });

  it('refuses NUL bytes and undecodable escapes', () => {
    expect(resolveStaticPath(root, '/index.html%00.png')).toBeNull();
    expect(resolveStaticPath(root, '/index.html\0')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });

  it('keeps absolute-looking paths inside the root', () => {
    for (const urlPath of ['//etc/passwd', '/etc/passwd', '/%2Fetc%2Fpasswd']) {
      const resolved = resolveStaticPath(root, urlPath);
      expect(resolved).toBe(path.join(root, 'etc', 'passwd'));
    }
  });
});
