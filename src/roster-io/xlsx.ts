// Reading and writing the first worksheet of an .xlsx file as rows of text.
import ExcelJS from 'exceljs';

/** The text a person sees in a cell, whatever exceljs stored. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return '';
  }
  return String(value);
}

/** Rows with their sheet row numbers (row 1 = header); blank rows are left out. */
export async function readXlsxRows(path: string): Promise<{ line: number; cells: string[] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push({ line: rowNumber, cells });
  });
  return rows;
}

/** One sheet, bold header, every cell stored as text (phone numbers keep their digits). */
export async function writeXlsx(
  path: string,
  sheetName: string,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'linli';
  const sheet = wb.addWorksheet(sheetName);
  sheet.columns = headers.map((h) => ({ header: h, width: Math.max(8, h.length * 3) }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row = sheet.addRow([...r]);
    row.eachCell((cell) => {
      cell.numFmt = '@';
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  await wb.xlsx.writeFile(path);
}
