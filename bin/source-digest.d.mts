/** A hash of every file under src/ (paths and contents). */
export function sourceDigest(root: string): string;
