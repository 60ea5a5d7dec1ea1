// Daily callbacks: roster, due logic, reading workers' reports, and the Chinese messages.
export * from './types.ts';
export { parseFrequency, formatFrequency } from './frequency.ts';
export { rosterEntryId, formatAddress, formatDateCn, surnameOf } from './entry.ts';
export {
  isDue,
  dueToday,
  statusToday,
  unreachableAttempts,
  attemptCount,
  lastResult,
  lastSuccess,
  openFlags,
  openNeeds,
  buildDueItems,
  notCalled,
  callsFor,
} from './due.ts';
export { dayCounts, countsByWorker, sumCounts, workerStats, lastDays, dateRange } from './counts.ts';
export { analyzeReport, findTemperature, type ExtractItems, type ReportAnalysis } from './report.ts';
export { findMentions, nicknamesFromNote, resolveAmbiguity, narrowByAddress, type Mention } from './resolve.ts';
export {
  interpretWorkerMessage,
  interpretFor,
  reportFor,
  type CallbackInterpretation,
  type CallbackReport,
  type CallbackQuery,
  type InterpretContext,
} from './interpret.ts';
export { FLAG_LABEL, OUTCOME_LABEL, describeFindings, describeCall } from './labels.ts';
export {
  formatMorningList,
  formatDueReply,
  formatNotCalled,
  formatChase,
  formatReportAck,
  formatReportAllAck,
  formatPersonStatus,
  formatAmbiguous,
  formatUnknownPerson,
  formatNotYet,
  type AckOptions,
} from './format-worker.ts';
export {
  formatAdminEscalation,
  formatDangerAlert,
  formatEscalationResolved,
  formatGridDigest,
  formatAdminTotals,
  formatStats,
} from './format-admin.ts';
