// Writing a file the safe way: the whole text to a temporary file beside it (same
// folder, so the same file system), then a rename over the original, which keeps its
// mode. A failure leaves the original as it was and removes the temporary file.
import { lstat, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Write `text` as UTF-8 (a BOM, if wanted, is the text's first character) through a temporary file and a rename. */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  const info = await lstat(path);
  const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.playbook-lint.tmp`);
  try {
    await writeFile(tmp, text, { encoding: 'utf8', mode: info.mode });
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
