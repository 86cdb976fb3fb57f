/** SOQL string literal: a backslash and a single quote are escaped, so a warehouse value can never end the literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `SELECT fields FROM object WHERE field IN ('a','b')`: one chunk of values (the caller chunks by the lookup size). */
export function soqlIn(object: string, fields: readonly string[], field: string, values: readonly string[]): string {
  return `SELECT ${fields.join(', ')} FROM ${object} WHERE ${field} IN (${values.map(soqlString).join(', ')})`;
}

/** A Salesforce record id: 15 or 18 letters and digits. Anything else from the warehouse is a typo, not an id to send. */
export const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
