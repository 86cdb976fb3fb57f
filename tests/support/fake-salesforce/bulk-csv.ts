/**
 * CSV as Bulk API 2.0 answers it: every cell quoted, quotes doubled, LF line endings. Written here
 * apart from the connector's writer (which quotes only when needed), so a test reads both styles.
 */
export function quotedCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\n') + (rows.length > 0 ? '\n' : '');
}

/** A record error as Bulk API 2.0 writes `sf__Error`: `CODE:message:fields --`, or `CODE:message:--` without fields. */
export function bulkErrorText(statusCode: string, message: string, fields: readonly string[]): string {
  return `${statusCode}:${message}:${fields.length > 0 ? `${fields.join(',')} ` : ''}--`;
}
