/** The console's one layout: nav, installation selector, a small inline stylesheet with visible focus. */
import { html, type Html } from '../html';

export type Section = 'accounts' | 'portfolio' | 'runs' | null;

export interface LayoutView {
  title: string;
  section: Section;
  /** The installation shown, and every one there is (the selector appears when there are several). */
  installation?: string;
  installations?: readonly string[];
  body: Html;
}

const STYLE = `
:root{color-scheme:light;--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--accent:#1f4e9c;--bg:#fff;--soft:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg)}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.6rem 1.25rem;border-bottom:1px solid var(--line);background:var(--soft)}
header .brand{font-weight:700;margin-right:1rem}
nav ul{display:flex;gap:.25rem;list-style:none;margin:0;padding:0}
nav a{display:inline-block;padding:.3rem .6rem;border-radius:4px;color:var(--accent);text-decoration:none}
nav a[aria-current=page]{background:var(--accent);color:#fff}
header form{display:flex;gap:.4rem;align-items:center;margin:0}
header .spacer{flex:1}
main{padding:1rem 1.25rem;max-width:1400px}
h1{font-size:1.4rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #bf5700;outline-offset:2px}
button,input,select{font:inherit;padding:.25rem .45rem;border:1px solid var(--muted);border-radius:4px;background:#fff;color:var(--ink)}
button{cursor:pointer;background:var(--accent);color:#fff;border-color:var(--accent)}
table{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums}
th,td{padding:.3rem .55rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
thead th{background:var(--soft);white-space:nowrap}
td.n{text-align:right}
caption{text-align:left;font-weight:600;padding:.2rem 0}
.muted{color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin-bottom:.75rem}
.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
.tier-healthy{color:#1b5e20}.tier-watch{color:#7a5600}.tier-at_risk{color:#b3261e;font-weight:600}
.chart-figure{margin:1rem 0;max-width:760px}
.chart-figure figcaption span{display:block;color:var(--muted);font-size:.9rem}
svg.chart{width:100%;height:auto;display:block}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:1rem}
.pager{display:flex;gap:1rem;align-items:center;margin:.75rem 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}
dl.facts dt{color:var(--muted)}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

const SECTIONS: { key: Exclude<Section, null>; label: string; path: string }[] = [
  { key: 'accounts', label: 'Accounts', path: '/console/accounts' },
  { key: 'portfolio', label: 'Portfolio', path: '/console/portfolio' },
  { key: 'runs', label: 'Runs', path: '/console/runs' },
];

export const withInstallation = (path: string, installation: string | undefined): string =>
  installation === undefined ? path : `${path}${path.includes('?') ? '&' : '?'}installation=${encodeURIComponent(installation)}`;

function selector(view: LayoutView): Html {
  const all = view.installations ?? [];
  if (all.length < 2) return html``;
  const target = SECTIONS.find((s) => s.key === view.section)?.path ?? '/console/accounts';
  return html`<form method="get" action="${target}"><label for="installation-select">Installation</label><select id="installation-select" name="installation">${all.map(
    (name) => html`<option value="${name}"${name === view.installation ? html` selected` : ''}>${name}</option>`,
  )}</select><button type="submit">Show</button></form>`;
}

export function layout(view: LayoutView): string {
  const nav =
    view.section === null && view.installations === undefined
      ? html``
      : html`<nav aria-label="Console"><ul>${SECTIONS.map(
          (s) => html`<li><a href="${withInstallation(s.path, view.installation)}"${s.key === view.section ? html` aria-current="page"` : ''}>${s.label}</a></li>`,
        )}</ul></nav>${selector(view)}<span class="spacer"></span><form method="post" action="/console/logout"><button type="submit">Log out</button></form>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${view.title} · Consumption Pulse</title><style>${STYLE}</style></head>
<body><header><span class="brand">Consumption Pulse${view.installation === undefined ? '' : html` <span class="muted">· ${view.installation}</span>`}</span>${nav}</header>
<main id="main">${view.body}</main></body></html>
`.text;
}

/** A page that only says something: an error, a 404, an empty store. */
export function messagePage(title: string, lines: readonly string[], extra: Partial<LayoutView> = {}): string {
  return layout({ section: null, ...extra, title, body: html`<h1>${title}</h1>${lines.map((l) => html`<p>${l}</p>`)}` });
}
