/** The small HTML page an admin sees at the end of an install: what happened and what to do next. */
import type { Response } from 'express';
import { escapeHtml } from '../../console/html';


export function sendPage(res: Response, status: number, title: string, lines: readonly string[]): void {
  const body = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  res
    .status(status)
    .type('html')
    // Nothing on this page may be cached or framed: it ends an authorization.
    .set('cache-control', 'no-store')
    .send(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`);
}
