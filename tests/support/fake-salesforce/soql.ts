/** The SOQL the connector sends: `SELECT f, … FROM Object [WHERE Field IN ('a', …) | WHERE Field = 'a']`. */
export interface ParsedQuery {
  fields: string[];
  object: string;
  where?: { field: string; values: string[] };
}

export class SoqlError extends Error {
  constructor(readonly errorCode: 'MALFORMED_QUERY', message: string) {
    super(message);
  }
}

const SHAPE = /^\s*SELECT\s+([\w\s,]+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(\w+)\s*(?:IN\s*\((.*)\)|=\s*('(?:[^'\\]|\\.)*'))\s*)?\s*$/is;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** SOQL string-literal escapes: `\'`, `\\`, `\"`, `\n`…; anything else stands for itself. */
function unescape(literal: string): string {
  return literal.replace(/\\(.)/gs, (_match, char: string) => ESCAPES[char] ?? char);
}

/** The values of an `IN (…)` list: quoted strings separated by commas, nothing else. */
function parseList(list: string): string[] {
  const item = /\s*'((?:[^'\\]|\\.)*)'\s*(,|$)/y;
  const values: string[] = [];
  let separator = ',';
  while (separator === ',') {
    const match = item.exec(list);
    if (match === null) throw new SoqlError('MALFORMED_QUERY', `unexpected token in IN list: (${list})`);
    values.push(unescape(match[1] ?? ''));
    separator = match[2] ?? '';
  }
  return values;
}

/** Parses just the shapes above, so a query the connector should not send fails loudly, as `MALFORMED_QUERY`. */
export function parseSoql(soql: string): ParsedQuery {
  const match = SHAPE.exec(soql);
  if (match === null) throw new SoqlError('MALFORMED_QUERY', `The fake Salesforce does not understand this query: ${soql}`);
  const [, fieldList = '', object = '', whereField, inList, eqLiteral] = match;
  const fields = fieldList.split(',').map((field) => field.trim());
  if (fields.some((field) => !/^\w+$/.test(field))) throw new SoqlError('MALFORMED_QUERY', `unexpected token in field list: ${fieldList}`);
  if (whereField === undefined) return { fields, object };
  const values = inList !== undefined ? parseList(inList) : [unescape((eqLiteral ?? "''").slice(1, -1))];
  return { fields, object, where: { field: whereField, values } };
}
