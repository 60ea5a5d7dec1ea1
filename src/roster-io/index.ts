// Roster spreadsheets and config: import with full validation, export roster and call log.
export { importRosterFile, rosterFromRows, describeImportErrors, type RowError, type RosterImportResult } from './import.ts';
export { exportRoster, exportCallLog, rosterRows, callLogRows } from './export.ts';
export { rosterFromConfig, describeRosterConfigErrors, type ConfigRosterError, type RosterConfigResult } from './config.ts';
export { validateRosterRow, normalizePhone, normalizeBuilding, type RawRosterRow } from './validate.ts';
export { parseCsv, toCsv } from './csv.ts';
export { ROSTER_HEADERS, CALL_LOG_HEADERS } from './columns.ts';
