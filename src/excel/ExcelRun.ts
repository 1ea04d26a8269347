/**
 * Runs a batch against the workbook: `Excel.run`, or a fake in tests.
 *
 * @example
 * const run: ExcelRun = (batch) => Excel.run(batch);
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
