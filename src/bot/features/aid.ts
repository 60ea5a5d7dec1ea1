// Mutual aid in building and grid groups: requests, offers, matches, follow-through.
//
// Commands:
//   求助列表 - open requests of this group (in a private chat, grid workers get their grid's)
//   我的求助 - your own open requests
//   完成 / 取消 - close your latest request (完成 2 / 取消 2 for the second one)
//   库存 布洛芬 +20 - grid workers, privately: update the pickup point's stock
import type { Feature } from '../bot.ts';
import type { MessageContext } from '../context.ts';
import {
  aidSeenBy,
  applyAidChanges,
  applyStock,
  attachIndex,
  escalateAndExpire,
  fulfil,
  gridRequestList,
  handleAidPost,
  isOpen,
  recallPost,
  renameRoom,
  mentionedNames,
  noChanges,
  noteSpeaker,
  ownRequestList,
  ownRequests,
  recogniseAidCommand,
  roomRequestList,
  stockReport,
  withdraw,
  type AidCommand,
  type AidEnv,
  type AidPost,
  type AidRequest,
} from '../../domain/aid/index.ts';
import { aidEnv } from './aid-env.ts';
import { keepAidIndex } from './aid-index.ts';
import { aidView, applyAid } from './aid-apply.ts';
import type { BotState, PendingMessage } from '../../store/state.ts';

/** A relay or alert about a request that has since closed is not worth sending any more. */
export function staleNotice(message: PendingMessage, state: BotState): boolean {
  if (!message.whileOpen) return false;
  const request = state.aid.requests.find((r) => r.id === message.whileOpen);
  return !request || !isOpen(request);
}

export const aidFeature: Feature = {
  name: 'aid',
  help: ['求助:在楼栋群里直接说需要什么,例如"2号楼老人求退烧药";有的邻居回复"我家有"即可', '求助列表 / 我的求助 / 完成 / 取消'],
  staffHelp: ['网格员私聊:求助列表(本网格的求助)、库存 布洛芬 +20(爱心药领取处库存)'],
  install(bot) {
    const env = aidEnv(bot.services);
    const index = keepAidIndex(bot, env.settings);
    bot.onRoomRenamed((state, from, to) => {
      attachIndex(state.aid, index);
      applyAidChanges(state.aid, renameRoom(state.aid, from, to).changes);
    });

    bot.on(async (ctx, next) => {
      // Later features (callbacks) reach the aid state through the same draft: they use it too.
      attachIndex(ctx.state.aid, index);
      // The domain returns what changed and what to say; applyAid writes both into this unit.
      if (ctx.msg.recalls) {
        applyAid(ctx, recallPost(aidView(ctx.state.aid), ctx.msg.recalls, ctx.now, env));
        return;
      }
      if (ctx.room?.kind === 'union') return next();
      if (ctx.isPrivate) return privateCommand(ctx, env) ? undefined : next();
      applyAid(ctx, { changes: noteSpeaker(aidView(ctx.state.aid), ctx.room!.topic, ctx.msg.sender.name) });
      if (groupCommand(ctx, env)) return;
      const post = toAidPost(ctx);
      applyAid(ctx, handleAidPost(aidView(ctx.state.aid), post, env));
      // A message that @-mentions the bot and meant nothing to aid may be a question.
      if (ctx.outbox.messages.length === 0 && ctx.msg.mentionsBot) return next();
    });

    bot.job('aid-escalation', '* * * * *', (job) => {
      attachIndex(job.state.aid, index);
      applyAid(job, escalateAndExpire(aidView(job.state.aid), job.now, env));
    });
  },
};

function toAidPost(ctx: MessageContext): AidPost {
  const { parser, directory } = ctx.services;
  const room = ctx.room!;
  const alias = ctx.msg.sender.alias ?? null;
  const analysis = parser.parse(ctx.text, {
    senderAlias: alias,
    personLocation: directory.personLocation(ctx.msg.sender.name),
    roomBuilding: room.building,
  });
  const posted = parser.parse(ctx.text, { senderAlias: alias }).location;
  return {
    id: ctx.msg.id,
    text: ctx.text,
    sender: ctx.msg.sender.name,
    senderIsStaff: ctx.person.role !== 'resident',
    room: room.topic,
    roomKind: room.kind === 'union' ? 'other' : room.kind,
    roomBuilding: room.building,
    grid: room.grid,
    quote: ctx.msg.quote ?? null,
    mentionsBot: ctx.msg.mentionsBot,
    at: ctx.now,
    analysis,
    postedLocation: posted,
    mentioned: mentionedNames(ctx.text),
  };
}

function groupCommand(ctx: MessageContext, env: AidEnv): boolean {
  const cmd = recogniseAidCommand(ctx.text);
  if (!cmd || cmd.kind === 'stock') return false;
  const aid = aidView(ctx.state.aid);
  const sender = ctx.msg.sender.name;
  if (cmd.kind === 'list') ctx.reply(roomRequestList(aid, ctx.room!.topic, ctx.room!.building));
  else if (cmd.kind === 'mine') ctx.reply(ownRequestList(aid, sender));
  else
    closeOwn(
      ctx,
      env,
      cmd,
      ownRequests(aid, sender).filter((r) => r.room === ctx.room!.topic),
      '您在本群没有待解决的求助。',
    );
  return true;
}

/** 完成 / 取消 (2): closes the sender's latest (or numbered) request; helpers hear of a cancel. */
function closeOwn(ctx: MessageContext, env: AidEnv, cmd: Extract<AidCommand, { kind: 'close' }>, mine: AidRequest[], none: string): void {
  const target = cmd.index ? mine[cmd.index - 1] : mine[mine.length - 1];
  if (!target) return ctx.reply(none);
  ctx.reply(cmd.status === 'fulfilled' ? '好的,这条求助已标记为解决。' : '好的,这条求助已取消。');
  if (cmd.status === 'fulfilled') return applyAid(ctx, fulfil(aidView(ctx.state.aid), target, ctx.now));
  const { changes, effects } = withdraw(aidView(ctx.state.aid), target, ctx.now, env);
  // Helpers hear of a cancel in their groups; private notices are not part of a cancel.
  applyAid(ctx, { changes, effects: effects.filter((e) => e.kind === 'room') });
}

/** A resident asking the bot privately for something: neighbours only see the group. */
function privateRequest(ctx: MessageContext): boolean {
  if (ctx.person.role !== 'resident') return false;
  const a = ctx.services.parser.parse(ctx.text, {});
  if (a.intent !== 'request' || a.items.length === 0) return false;
  ctx.reply(
    '私聊里的求助邻居们看不到。请在您的楼栋群里直接说需要什么(比如"3号楼老人求退烧药"),有邻居回应时我会@您;情况紧急请直接联系网格员或拨打120。',
  );
  return true;
}

function privateCommand(ctx: MessageContext, env: AidEnv): boolean {
  const cmd = recogniseAidCommand(ctx.text);
  if (!cmd) return privateRequest(ctx);
  const staff = ctx.person.role !== 'resident';
  const aid = aidView(ctx.state.aid);
  const sender = ctx.msg.sender.name;
  // A resident's own requests, in whichever group they were posted.
  if (cmd.kind === 'mine' || (!staff && cmd.kind === 'list')) {
    ctx.reply(ownRequestList(aid, sender));
    return true;
  }
  const mine = ownRequests(aid, sender);
  if (cmd.kind === 'close' && (!staff || mine.length)) {
    closeOwn(ctx, env, cmd, mine, '您现在没有待解决的求助。');
    return true;
  }
  if (!staff) return false;
  if (cmd.kind === 'list') {
    if (ctx.person.role === 'admin') ctx.reply(gridRequestList(aid, null));
    else ctx.reply(gridRequestList(aidSeenBy(aid, ctx.person.name), ctx.person.grid));
  } else if (cmd.kind === 'stock') {
    if (cmd.item && cmd.delta !== null) {
      const result = applyStock(aid.stock, ctx.person.grid, cmd.item, cmd.delta);
      if (result) applyAidChanges(ctx.state.aid, { ...noChanges(), stock: [result.point] });
      if (result)
        ctx.audit.push({
          at: ctx.now.toISOString(),
          by: ctx.person.name,
          action: 'stock.update',
          subject: result.point.name,
          detail: { item: cmd.item, delta: cmd.delta, count: result.count },
        });
      ctx.reply(
        result
          ? `已更新:${result.point.name} ${cmd.item} 现有 ${result.count}`
          : '还没有登记爱心药领取处,请先在 config/linli.yaml 的 pickupPoints 里添加。',
      );
    } else ctx.reply(stockReport(aid.stock));
  }
  return true;
}
