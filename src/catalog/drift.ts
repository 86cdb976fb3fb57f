/**
 * Compares generated files with what is on disk, naming each difference so a reviewer knows where to look:
 * the file, and for a changed file the first line that differs.
 */
export function firstDifferentLine(expected: string, actual: string): string {
  const want = expected.split('\n');
  const have = actual.split('\n');
  for (let i = 0; i < Math.max(want.length, have.length); i += 1) {
    if (want[i] !== have[i]) {
      const show = (line: string | undefined): string => (line === undefined ? '(end of file)' : JSON.stringify(line));
      return `line ${i + 1}: expected ${show(want[i])}, found ${show(have[i])}`;
    }
  }
  return 'content differs';
}

/** `actual` holds what is on disk under the generated folders (path → content); `expected` what generation gives. */
export function compareFiles(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>): string[] {
  const differences: string[] = [];
  for (const [path, content] of expected) {
    const found = actual.get(path);
    if (found === undefined) differences.push(`${path}: missing (run \`pulse manifests\`)`);
    else if (found !== content) differences.push(`${path}: ${firstDifferentLine(content, found)}`);
  }
  for (const path of actual.keys()) {
    if (!expected.has(path)) differences.push(`${path}: not generated from the catalog (remove it, or add the field to src/catalog)`);
  }
  return differences;
}
