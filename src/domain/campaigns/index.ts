// Visit campaigns: rosters with a deadline and a visitor per person, plain-word visit reports,
// reminders on the campaign's own calendar, and a final report to admins.
export * from './types.ts';
export * from './progress.ts';
export {
  interpretVisitMessage,
  readVisit,
  nameCues,
  soundsLikeCampaign,
  type VisitInterpretation,
  type VisitReading,
} from './interpret.ts';
export { recordVisit, undoLastVisit, openFollowups, type Recorded } from './record.ts';
export * from './format.ts';
export { campaignId } from './build.ts';
