// CSV as spreadsheets write it: UTF-8 with or without BOM, quoted fields, CRLF or LF.

/** Records of fields; a quoted field may hold commas, quotes ("") and line breaks. */
export function parseCsv(input: string): string[][] {
  const text = input.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function guardFormula(value: string): string {
  return /^[=+\-@]/.test(value) && !/^\+?\d[\d\s-]*$/.test(value) ? `'${value}` : value;
}

/** Undo guardFormula on the way back in. */
export function unguardFormula(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** With a BOM so Excel opens the Chinese correctly; CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map((v) => quote(guardFormula(v))).join(',')).join('\r\n') + '\r\n';
}
