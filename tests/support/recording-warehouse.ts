import type { Warehouse } from '../../src/warehouse/port';

/** The warehouse, with every statement it is sent recorded in order: tells an incremental run from a full one. */
export function recordingWarehouse(wh: Warehouse): { wh: Warehouse; statements: string[] } {
  const statements: string[] = [];
  const recorded: Warehouse = {
    dialect: wh.dialect,
    displayUrl: wh.displayUrl,
    modelSource: (model) => wh.modelSource(model),
    stream: (sql, params, size) => (statements.push(sql), wh.stream(sql, params, size)),
    all: (sql, params) => (statements.push(sql), wh.all(sql, params)),
    columnTypes: (source) => wh.columnTypes(source),
    close: () => wh.close(),
  };
  return { wh: recorded, statements };
}
