// `node:path` for the browser bundles (esbuild alias in scripts/build.mjs): secretlint's
// preset imports it for `basename` of a file name in its GCP messages, which Playbook Lint
// never shows. POSIX only, as the engine speaks.
export function basename(path: string, ext?: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

export function dirname(path: string): string {
  const at = path.replace(/\/+$/, '').lastIndexOf('/');
  return at < 0 ? '.' : at === 0 ? '/' : path.slice(0, at);
}

export function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}

export function join(...parts: string[]): string {
  return parts.filter(Boolean).join('/').replace(/\/{2,}/g, '/') || '.';
}

export const sep = '/';

export default { basename, dirname, extname, join, sep, posix: { basename, dirname, extname, join, sep } };
