// "帮助": what the bot can do here, in the words of each feature's own help lines.
import type { Feature } from '../bot.ts';

const HELP_WORDS = /^(帮助|help|菜单|功能|你能做什么|你会什么|怎么用)[?？!！]?$/i;

export function helpFeature(lines: (staff: boolean) => string[]): Feature {
  return {
    name: 'help',
    install(bot) {
      bot.on((ctx, next) => {
        const addressed = ctx.isPrivate || ctx.msg.mentionsBot;
        if (!addressed || !HELP_WORDS.test(ctx.text.trim())) return next();
        ctx.reply(['我是邻里小助手,可以:', ...lines(ctx.person.role !== 'resident').map((l) => `· ${l}`)].join('\n'));
      });
    },
  };
}
