import { PulseError } from '../errors';

/**
 * A minimal XML writer for Salesforce metadata. Output matches what `sf project retrieve` writes
 * (4-space indent, declaration, metadata namespace) so a retrieve after deploy shows no noise.
 */
export type XmlNode = readonly [name: string, content: string | number | boolean | readonly XmlNode[]];

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function render(node: XmlNode, depth: number): string[] {
  const [name, content] = node;
  const pad = '    '.repeat(depth);
  if (typeof content !== 'object') return [`${pad}<${name}>${escapeXml(String(content))}</${name}>`];
  return [`${pad}<${name}>`, ...content.flatMap((child) => render(child, depth + 1)), `${pad}</${name}>`];
}

/** `comment`: lines for the admin who opens the file, written before the root element (a deploy ignores them). */
export function metadataDocument(root: string, children: readonly XmlNode[], comment: readonly string[] = []): string {
  const body = children.flatMap((child) => render(child, 1));
  // XML forbids `--` inside a comment: the document would not parse, so no deploy would take it.
  const bad = comment.find((line) => line.includes('--'));
  if (bad !== undefined) throw new PulseError('CATALOG_INVALID', `an XML comment cannot hold "--": ${bad}`, { place: root });
  const head = comment.length === 0 ? [] : ['<!--', ...comment.map((line) => `    ${line}`), '-->'];
  return ['<?xml version="1.0" encoding="UTF-8"?>', ...head, `<${root} xmlns="${METADATA_NS}">`, ...body, `</${root}>`, ''].join('\n');
}
