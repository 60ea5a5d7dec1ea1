// The staff page's 工会问答: the hand-off queue grouped by wording, answers the bot delivers where
// they were asked, wordings and new entries with a preview, the knowledge-base editor.
import { audit, nowOf } from '../env.ts';
import { handoffsWithHistory } from '../history.ts';
import { checkFaqText, type NewEntryForm, previewWordings, readFaqText, saveFaqText, withNewEntry, withWordings } from '../kb-edit.ts';
import { kbEditorPage, newEntryPage, newEntryPreviewPage, openHandoffs, previewPage, unionPage } from '../pages/union.ts';
import { canSeeUnion } from '../staff-access.ts';
import { field, fields, type RouteKit } from './kit.ts';

export function unionRoutes(kit: RouteKit): void {
  const { server, env, staffFor, sendPage, opts } = kit;
  server.get('/union', async (req, reply) => {
    if (!staffFor(req, reply, canSeeUnion)) return;
    return sendPage(
      reply,
      opts(req, '工会问答', '/union', { live: true }),
      unionPage(env, req.session!.csrf, await handoffsWithHistory(env)),
    );
  });
  server.post<{ Params: { id: string } }>('/union/handoffs/:id/answer', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeUnion);
    if (!staff) return;
    const answer = field(req, 'answer').trim().slice(0, 1000);
    const h = openHandoffs(env).find((x) => x.id === req.params.id);
    if (!h) return reply.code(404).type('text/plain; charset=utf-8').send('这个问题不在待解答列表里。');
    if (!answer) return reply.redirect('/union', 303);
    const at = nowOf(env).toISOString();
    const saved = await env.app.bot.change((s, outbox) => {
      const d = s.handoffs.find((x) => x.id === h.id && !x.answeredAt);
      if (!d) return;
      d.answeredAt = at;
      d.answeredBy = staff.name;
      const text = `关于您问的"${d.question}":${answer}(工会工作人员答复)`;
      // In the chat where they asked: the group, with an @, or the private chat.
      if (d.room) outbox.toRoom(d.room, text, [d.asker]);
      else outbox.toPerson(d.asker, text);
    });
    await audit(env, staff, 'handoff.answer', { handoff: h.id, saved });
    return reply.redirect('/union', 303);
  });
  server.post('/union/kb/wording', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeUnion);
    if (!staff) return;
    const entry = field(req, 'entry');
    const questions = fields(req, 'question').slice(0, 50);
    const text = withWordings(readFaqText(env.app.configDir), entry, questions);
    if (text === null) return reply.code(400).type('text/plain; charset=utf-8').send('没有这个条目。');
    const checked = checkFaqText(env.app.configDir, text);
    if (!checked.ok)
      return sendPage(reply, opts(req, '编辑知识库', '/union'), kbEditorPage(text, req.session!.csrf, checked.problem, false), 422);
    if (field(req, 'confirm') !== '1') {
      const preview = previewWordings(checked.kb, env.app.config.faq, entry, questions);
      return sendPage(reply, opts(req, '预览', '/union'), previewPage(preview, req.session!.csrf));
    }
    saveFaqText(env.app.configDir, text);
    env.app.useKnowledgeBase(checked.kb);
    await audit(env, staff, 'kb.wording', { entry, questions: questions.length });
    return reply.redirect('/union', 303);
  });
  // A new entry from a group of handed-off questions: preview first, then saved through the
  // same loader as config/faq.yaml; a refused entry leaves the file and the bot's KB as they were.
  server.post('/union/kb/entry', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeUnion);
    if (!staff) return;
    const form: NewEntryForm = {
      topic: field(req, 'topic').slice(0, 60),
      title: field(req, 'title').slice(0, 60),
      questions: field(req, 'questions').slice(0, 2000),
      keywords: field(req, 'keywords').slice(0, 300),
      answer: field(req, 'answer').slice(0, 1000),
    };
    const made = withNewEntry(readFaqText(env.app.configDir), form);
    if (!made) return reply.code(500).type('text/plain; charset=utf-8').send('知识库文件的格式不对,请先在编辑器里修好。');
    const checked = checkFaqText(env.app.configDir, made.text);
    if (!checked.ok) {
      await audit(env, staff, 'kb.rejected', { problem: checked.problem.slice(0, 300) });
      return sendPage(reply, opts(req, '新条目', '/union'), newEntryPage(req.session!.csrf, form, checked.problem), 422);
    }
    if (field(req, 'confirm') !== '1') {
      const entry = checked.kb.entries.find((e) => e.id === made.id)!;
      const preview = previewWordings(checked.kb, env.app.config.faq, made.id, entry.questions);
      return sendPage(reply, opts(req, '预览新条目', '/union'), newEntryPreviewPage(preview, form, req.session!.csrf));
    }
    saveFaqText(env.app.configDir, made.text);
    env.app.useKnowledgeBase(checked.kb);
    await audit(env, staff, 'kb.entry', { entry: made.id, questions: checked.kb.entries.find((e) => e.id === made.id)?.questions.length });
    return reply.redirect('/union', 303);
  });
  server.get('/union/kb', async (req, reply) => {
    if (!staffFor(req, reply, canSeeUnion)) return;
    return sendPage(reply, opts(req, '编辑知识库', '/union'), kbEditorPage(readFaqText(env.app.configDir), req.session!.csrf, null, false));
  });
  server.post('/union/kb', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeUnion);
    if (!staff) return;
    const text = field(req, 'yaml');
    const checked = checkFaqText(env.app.configDir, text);
    if (!checked.ok) {
      await audit(env, staff, 'kb.rejected', { problem: checked.problem.slice(0, 300) });
      return sendPage(reply, opts(req, '编辑知识库', '/union'), kbEditorPage(text, req.session!.csrf, checked.problem, false), 422);
    }
    saveFaqText(env.app.configDir, text);
    env.app.useKnowledgeBase(checked.kb);
    await audit(env, staff, 'kb.edit', { entries: checked.kb.entries.length });
    return sendPage(reply, opts(req, '编辑知识库', '/union'), kbEditorPage(text, req.session!.csrf, null, true));
  });
}
