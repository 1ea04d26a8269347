// The same grid contract, run against both adapters.
import { ExcelHost } from "../../src/excel/ExcelHost";
import { readXlsxWorkbook } from "../../src/xlsx/readXlsxWorkbook";
import { FakeExcel } from "./fakeExcel";
import { gridContract } from "./gridContract";

gridContract("xlsx adapter (readXlsxWorkbook)", (file) => readXlsxWorkbook(file));

// The fake is loaded with the file's cells (values, strike-through, error values) as Excel would
// hold them; the adapter then has to find the used range and read it back block by block.
gridContract("Excel adapter (ExcelHost over the fake)", async (file) => {
  const excel = FakeExcel.fromGrids(await readXlsxWorkbook(file));
  const host = new ExcelHost(excel.run, { limits: { cells: 97, firstBytesPerCell: 300 } });
  return host.readSheets(await host.sheetNames());
});
