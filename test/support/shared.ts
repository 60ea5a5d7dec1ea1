// Files the tests read from ../shared (the dev sets and the replay transcripts), beside the project as in
// CI. A missing one fails the test that needs it, naming the file: a test that skipped would pass on a
// machine that checked nothing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DIR = resolve(import.meta.dirname, '../../../shared');

export class MissingSharedFile extends Error {
  override name = 'MissingSharedFile';
}

/** The absolute path of `relativePath` under ../shared, or an error that names what is missing. */
export function sharedPath(relativePath: string, root: string = SHARED_DIR): string {
  const path = resolve(root, relativePath);
  if (!existsSync(path)) {
    throw new MissingSharedFile(
      `missing ${path} (shared/${relativePath}): this test reads it from the shared/ folder beside the project; ` +
        'check shared/ out next to the repository (CI puts it there) instead of skipping the test',
    );
  }
  return path;
}

/** The files of a ../shared folder that end with `ext`; an error when the folder is missing or has none. */
export function sharedFiles(relativeDir: string, ext: string, root: string = SHARED_DIR): string[] {
  const dir = sharedPath(relativeDir, root);
  const files = statSync(dir).isDirectory()
    ? readdirSync(dir)
        .filter((f) => f.endsWith(ext))
        .sort()
    : [];
  if (files.length === 0) throw new MissingSharedFile(`no ${ext} file in ${dir} (shared/${relativeDir}): this test reads them`);
  return files.map((f) => join(dir, f));
}
