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
  lastMissToday,
} from './due.ts';
export { callsStillRead, escalationsStillRead, CALLS_READ_FOR_DAYS } from './history.ts';
export { dayCounts, countsByWorker, sumCounts, workerStats, lastDays, dateRange } from './counts.ts';
export { analyzeReport, findTemperature, type ExtractItems, type ReportAnalysis, type ReportOptions } from './report.ts';
export { readOutcome, clausesOf, type OutcomeReading } from './call-outcome.ts';
export { readNeeds, readDelivery } from './needs.ts';
export { readCorrection, correctionTarget, type CorrectionReading, type CorrectionTarget } from './correction.ts';
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
export {
  FLAG_LABEL,
  OUTCOME_LABEL,
  UNREACHED_LABEL,
  describeFindings,
  describeCall,
  describeMiss,
  describeProxy,
  describeDelivery,
} from './labels.ts';
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
  formatUnclear,
  formatUnreachableList,
  formatFollowups,
  formatCallbacksHelp,
  formatCorrectionAck,
  formatNothingToCorrect,
  formatKeptRequest,
  formatWhichToCorrect,
  exampleReports,
  formatDeliveryNotes,
  type DeliveryNotes,
  type AckOptions,
} from './format-worker.ts';
export {
  formatAdminEscalation,
  formatDangerAlert,
  formatEscalationResolved,
  formatAlertWithdrawn,
  formatGridDigest,
  formatAdminTotals,
  formatStats,
} from './format-admin.ts';
