/**
 * "Did you mean": the known names closest to a misspelt one, by edit distance. A person who typed
 * `spend_7d` needs `spend_30d` named, not all 58 signal fields to read through.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps each cost 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/**
 * Up to `max` known names close enough to `input` to be what was meant: names the input begins
 * first, then by edit distance (ties keep the order of `known`). Close enough: the start of the name
 * (4 characters or more), or at most 40% of the input's length in edits (at least 2). So `growth_pct`
 * finds `growth_30d_pct` and `cooldown` finds `cooldown_days`, while `owner` finds nothing rather
 * than three unrelated names.
 */
export function closestNames(input: string, known: readonly string[], max = 3): string[] {
  const typed = input.trim().toLowerCase();
  if (typed === '') return [];
  const limit = Math.max(2, Math.ceil(typed.length * 0.4));
  const candidates = known.map((name, order) => {
    const lower = name.toLowerCase();
    // A name the input starts is what a half-remembered name looks like: it ranks before any edit.
    const prefix = typed.length >= 4 && lower.startsWith(typed);
    return { name, order, prefix, distance: editDistance(typed, lower) };
  });
  return candidates
    .filter((c) => c.prefix || c.distance <= limit)
    .sort((a, b) => Number(b.prefix) - Number(a.prefix) || a.distance - b.distance || a.order - b.order)
    .slice(0, max)
    .map((c) => c.name);
}

/** `did you mean a, b or c?`, or null when nothing is close. */
export function didYouMean(input: string, known: readonly string[]): string | null {
  const names = closestNames(input, known);
  if (names.length === 0) return null;
  const last = names[names.length - 1] ?? '';
  const listed = names.length === 1 ? last : `${names.slice(0, -1).join(', ')} or ${last}`;
  return `did you mean ${listed}?`;
}
