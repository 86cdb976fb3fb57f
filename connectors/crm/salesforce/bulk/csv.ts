import { PulseError } from '../../../../src/errors';

/** A cell needs quotes when it holds the delimiter, a quote or a line break (RFC 4180), or edge spaces a reader may trim. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell as RFC 4180 writes it: quoted only when needed, a quote inside doubled. */
export function csvCell(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, without its line ending. */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * Parses RFC 4180 CSV (comma-separated, LF or CRLF, quoted cells may hold commas, quotes and line
 * breaks) into rows of cells. A final line ending adds no empty row. Throws INPUT_INVALID on a quote
 * left open or text after a closing quote: a half-read answer must never pass as a short one.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let afterQuote = false;
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
    afterQuote = false;
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        cell += char;
      }
      i += 1;
      continue;
    }
    if (char === ',') {
      endCell();
    } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      endCell();
      rows.push(row);
      row = [];
      i += char === '\r' ? 1 : 0;
    } else if (char === '"' && cell === '' && !afterQuote) {
      quoted = true;
    } else if (afterQuote) {
      throw new PulseError('INPUT_INVALID', `CSV: text after a closing quote at character ${i}`, { place: `character ${i}` });
    } else {
      cell += char;
    }
    i += 1;
  }
  if (quoted) throw new PulseError('INPUT_INVALID', 'CSV: a quoted cell is never closed (the text is cut short)');
  // The last line, when the text does not end with a line break.
  if (cell !== '' || afterQuote || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/**
 * CSV with a header line as records (column name → cell). Throws INPUT_INVALID on a row whose cell
 * count differs from the header's.
 */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) return [];
  return rows.map((cells, index) => {
    if (cells.length !== header.length) {
      throw new PulseError('INPUT_INVALID', `CSV: line ${index + 2} has ${cells.length} cells, the header ${header.length}`, { place: `line ${index + 2}` });
    }
    return Object.fromEntries(header.map((name, column) => [name, cells[column] as string]));
  });
}
