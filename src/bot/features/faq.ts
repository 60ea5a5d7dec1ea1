// Union-service answers from the knowledge base. In private chats always; in groups when
// @-mentioned or asked with a prefix (问:) — and in union groups, where people ask without @,
// also when the answer is sure (faq.unmentionedAnswerAt); anything else without @ gets silence.
// Asked: sure -> answer; unsure -> choices; off-topic -> one kind line (nothing kept); an
// in-scope question it cannot answer -> hand-off, kept for the staff digest.
//
// Commands:
//   未解答问题 - staff: the questions handed over to union staff, grouped, with suggested entries
import type { Feature } from '../bot.ts';
import type { MessageContext } from '../context.ts';
import type { BotState, FaqDayCount, Handoff } from '../../store/state.ts';
import { localDate, localTime } from '../../domain/time.ts';
import { maskPhones } from '../../domain/text/privacy.ts';
import { formatQuestionGroups, groupQuestions, type FaqEngine } from '../../domain/faq/index.ts';

const SUGGESTION_MINUTES = 30;
/** In building and grid groups the bot is first the neighbours' helper, not the union desk. */
const COMMUNITY_GREETING =
  '您好!我是邻里小助手:在群里直接说需要什么(如"2号楼老人求退烧药"),有的邻居回复"我家有",我会@两边;发"求助列表"看本群的求助。工会服务的问题也可以@我问。';
const COMMUNITY_HANDOFF = '这个我答不了,已记下请工作人员看看。用药请按说明书或问医生、药师;情况紧急请联系网格员或拨打120。';
const COMMUNITY_OFF_TOPIC = '这个我答不了。用药请按说明书或问医生、药师;情况紧急请联系网格员或拨打120。';
/** Without an @ only a message that asks something is a question for the bot ("这个月又白干了" is not). */
const ASKING =
  /[?？]|吗|么|怎|咋|如何|哪|谁|什么|啥|多少|多久|几[个点天时月年号楼次]|能不能|可不可以|是不是|有没有|算不算|行不行|要不要|找谁|请问/u;
/** 你能干啥 / 工会能帮啥忙 / 能问什么: a question about the bot itself. */
const CAPABILITY_RE =
  /^(?:你|您|小助手|机器人|工会)?(?:都)?(?:能|可以|会)(?:帮(?:我|我们|大家)?|干|做|回答|解答|问)(?:些)?(?:啥|什么|哪些)(?:忙|事|问题)?[?？吗呀啊呢。!！\s]*$|^(?:能|可以)问(?:些)?(?:啥|什么|哪些)(?:问题)?[?？]?$|^(?:你|您)?(?:有)?(?:什么|啥)(?:功能|用)[?？]?$/;
/** Acknowledgements and thanks, alone: 好的,收到 · 谢谢 · 辛苦了 · 明白. */
const ACK_RE =
  /^(?:(?:好的?|好嘞|好滴|行|可以|收到了?|谢谢(?:你|您|啦|了)?|多谢|感谢|辛苦了?|嗯+|哦+|噢+|ok|okay|明白了?|知道了|了解)[\s,，.。!！~～]*)+$/i;
const GREETING =
  '您好!我是工会服务小助手,可以回答欠薪讨薪、法律援助、劳动争议调解、心理咨询、职工之家、户外劳动者服务站、工匠联盟、入会、工伤、加班费、劳动合同等问题。请@我直接提问。';

export const faqFeature: Feature = {
  name: 'faq',
  help: ['工会服务问答:在工会群里@我提问,或以"问:"开头,例如"问:工资被拖欠了怎么办"'],
  staffHelp: ['未解答问题:查看转给工作人员的问题(管理员)'],
  install(bot) {
    const { config } = bot.services;

    bot.on(async (ctx, next) => {
      const asked = questionFor(ctx, config.bot.askPrefixes);
      if (asked === null) {
        // "2" right after 您是想问: 1. … 2. … is a reply to the bot, @ or not.
        if (!ctx.isPrivate && ctx.room?.kind === 'union' && pickSuggestion(ctx, ctx.text.trim())) return;
        return next();
      }
      if (!asked.addressed) {
        if (pickSuggestion(ctx, asked.text) || answerUnaddressed(ctx, asked.text, config.faq.unmentionedAnswerAt)) return;
        return next();
      }
      const question = asked.text;
      if ((ctx.person.role === 'admin' || ctx.person.role === 'union_staff') && /^(未解答|待解答|转人工)的?问题$/.test(question)) {
        ctx.reply(listHandoffs(ctx.state, ctx.services.faq()));
        return;
      }
      if (ACK_RE.test(question)) {
        // "好的,收到" / "谢谢" is not a question: nothing in a private chat, a short word in a group.
        if (!ctx.isPrivate) ctx.reply('不客气!还有问题随时@我。');
        return;
      }
      if (pickSuggestion(ctx, question)) return;
      const community = ctx.room?.kind === 'building' || ctx.room?.kind === 'grid';
      if (CAPABILITY_RE.test(question)) {
        // "你能帮啥忙": say what can be asked, rather than hand it to staff.
        ctx.reply(community ? COMMUNITY_GREETING : GREETING);
        return;
      }
      const engine = ctx.services.faq();
      const answer = engine.ask(question, { context: ctx.msg.quote ?? null });
      if (answer.band === 'suggest') {
        ctx.reply(answer.reply);
        countFaq(ctx, 'suggested');
        ctx.state.suggestions = ctx.state.suggestions.filter(
          (s) => !(s.asker === ctx.msg.sender.name && s.room === (ctx.room?.topic ?? null)),
        );
        ctx.state.suggestions.push({
          asker: ctx.msg.sender.name,
          room: ctx.room?.topic ?? null,
          at: ctx.now.toISOString(),
          answerIds: answer.suggestions.map((s) => s.answerId),
        });
      } else if (answer.handoffReason === 'chitchat') {
        // "你好" is not a question for staff: greet and say what can be asked instead.
        ctx.reply(community ? COMMUNITY_GREETING : GREETING);
      } else if (answer.handoffReason === 'off_topic') {
        // Weather, medicine, "你是真人吗": one kind line on what can be asked; staff never see it.
        ctx.reply(community ? COMMUNITY_OFF_TOPIC : answer.reply);
      } else if (answer.band === 'handoff') {
        ctx.reply(community ? COMMUNITY_HANDOFF : answer.reply);
        keepForStaff(ctx, question);
        countFaq(ctx, 'handedOff');
      } else {
        ctx.reply(answer.reply);
        countFaq(ctx, 'answered');
      }
    });

    bot.job('faq-digest', config.schedule.faqDigest, (job) => {
      const fresh = job.state.handoffs.filter((h) => h.digestedAt === null);
      if (fresh.length === 0) return;
      const admins = job.services.directory.unionStaff();
      if (admins.length === 0) return;
      const engine = job.services.faq();
      // Off-topic questions kept by an older version, or off-topic under today's knowledge base, are not staff work.
      const forStaff = fresh.filter((h) => isStaffWork(engine, h.question));
      for (const h of fresh) h.digestedAt = job.now.toISOString();
      if (forStaff.length === 0) {
        return;
      }
      const groups = groupQuestions(forStaff.map(itemOf), engine);
      const heading = `【待解答问题】今天有${forStaff.length}个问题需要工作人员回复${groups.length < forStaff.length ? `,按问法归成${groups.length}组` : ''}:`;
      const text = formatQuestionGroups(groups, heading, `new-${localDate(job.now)}`);
      for (const a of admins) job.outbox.toPerson(a.name, text);
    });
  },
};

/** The question in this message and whether it was put to the bot (private, @ or prefix); null
 *  when the FAQ should stay silent. In union groups an unaddressed message is a candidate too. */
function questionFor(ctx: MessageContext, prefixes: string[]): { text: string; addressed: boolean } | null {
  const text = ctx.text.trim();
  if (!text) return null;
  if (ctx.isPrivate) return { text, addressed: true };
  const prefix = prefixes.find((p) => text.startsWith(p));
  if (prefix) {
    const rest = text.slice(prefix.length).trim();
    return rest ? { text: rest, addressed: true } : null;
  }
  if (ctx.msg.mentionsBot) return { text, addressed: true };
  if (ctx.room?.kind === 'union') return { text, addressed: false };
  return null;
}

/** A union-group question without @: answered only when the knowledge base is sure; staff
 *  notices, replies quoting someone and talk that asks nothing stay the group's own. */
function answerUnaddressed(ctx: MessageContext, text: string, sureAt: number): boolean {
  if (ctx.person.role === 'admin' || ctx.msg.quote || !ASKING.test(text) || ACK_RE.test(text)) return false;
  const answer = ctx.services.faq().ask(text);
  if (answer.band !== 'answer' || answer.confidence < sureAt) return false;
  ctx.reply(answer.reply);
  countFaq(ctx, 'answered');
  return true;
}

/** "2" after 您是想问: 1. … 2. … gets that answer. */
function pickSuggestion(ctx: MessageContext, question: string): boolean {
  const m = /^[1-9]$/.exec(question.replace(/[.。、\s]/g, ''));
  if (!m) return false;
  const room = ctx.room?.topic ?? null;
  const pending = ctx.state.suggestions.find((s) => s.asker === ctx.msg.sender.name && s.room === room);
  if (!pending || ctx.now.getTime() - Date.parse(pending.at) > SUGGESTION_MINUTES * 60000) return false;
  const id = pending.answerIds[Number(m[0]) - 1];
  const answer = id ? ctx.services.faq().answerById(id) : null;
  if (!answer) return false;
  ctx.state.suggestions = ctx.state.suggestions.filter((s) => s !== pending);
  ctx.reply(answer.reply);
  return true;
}

/**
 * One more union question on today's counter, in the same unit of work as the reply. A choice
 * picked after 您是想问 is not counted again (the question was counted as suggested); greetings,
 * thanks and off-topic talk are not union questions.
 */
function countFaq(ctx: MessageContext, kind: keyof FaqDayCount): void {
  const day = localDate(ctx.now);
  const counts = (ctx.state.stats.faq[day] ??= { answered: 0, suggested: 0, handedOff: 0 });
  counts[kind] += 1;
}

function keepForStaff(ctx: MessageContext, question: string): void {
  const handoffs = ctx.state.handoffs;
  handoffs.push({
    id: `Q${ctx.state.nextHandoffId++}`,
    question: maskPhones(question),
    asker: ctx.msg.sender.name,
    room: ctx.room?.topic ?? null,
    at: ctx.now.toISOString(),
    digestedAt: null,
  });
}

function handoffLabel(h: Handoff): string {
  return `${localDate(new Date(h.at)).slice(5)} ${localTime(new Date(h.at))} ${h.asker}${h.room ? `(${h.room})` : '(私聊)'}`;
}

const itemOf = (h: Handoff) => ({ question: h.question, label: handoffLabel(h) });

function isStaffWork(engine: FaqEngine, question: string): boolean {
  const reason = engine.ask(question).handoffReason;
  return reason !== 'off_topic' && reason !== 'chitchat';
}

function listHandoffs(state: BotState, engine: FaqEngine): string {
  const recent = state.handoffs.slice(-20).filter((h) => isStaffWork(engine, h.question));
  if (recent.length === 0) return '目前没有转给工作人员的问题。';
  const groups = groupQuestions(recent.map(itemOf), engine);
  return formatQuestionGroups(groups, `最近转给工作人员的问题(${recent.length}个,按问法归成${groups.length}组):`, 'new');
}
