// 工会问答: the hand-off queue grouped by similar wording, answering an asker through the bot,
// adding the group's wordings to an entry (with a preview of the bot's new answers), and the
// knowledge-base editor.
import { groupQuestions } from '../../domain/faq/index.ts';
import type { Handoff } from '../../store/state.ts';
import { html, type Html } from '../html.ts';
import { TOPIC_LABEL, when } from '../labels.ts';
import { FAQ_TOPICS } from '../../domain/faq/kb.ts';
import type { WebEnv } from '../env.ts';
import { csrfField } from './layout.ts';
import type { KbPreview, NewEntryForm } from '../kb-edit.ts';

export const openHandoffs = (env: WebEnv): Handoff[] => env.app.bot.state.handoffs.filter((h) => !h.answeredAt);

/** `handoffs`: live and archived (answered ones move to history a day after the answer). */
export function unionPage(env: WebEnv, csrf: string, handoffs: readonly Handoff[] = env.app.bot.state.handoffs): Html {
  const engine = env.app.bot.services.faq();
  const pending = openHandoffs(env);
  const byLabel = new Map(pending.map((h) => [h.id, h]));
  const groups = groupQuestions(
    pending.map((h) => ({ question: h.question, label: h.id })),
    engine,
  );
  const entries = engine.kb.entries;
  const answered = handoffs
    .filter((h) => h.answeredAt)
    .sort((a, b) => Date.parse(a.answeredAt!) - Date.parse(b.answeredAt!))
    .slice(-10)
    .reverse();
  return html`
<section>
  <h2>待解答(${pending.length}个问题,${groups.length}组)</h2>
  ${groups.length === 0 ? html`<p class="muted">没有待解答的问题。</p>` : ''}
  ${groups.map(
    (g, gi) => html`<div class="card" data-group="${gi}">
    <p><span class="tag">${g.entryTitle ? `接近:${g.entryTitle}` : '可能需要新条目'}</span></p>
    ${g.items.map((it) => {
      const h = byLabel.get(it.label)!;
      return html`<div class="handoff" data-handoff="${h.id}">
        <p><strong>${h.question}</strong><br><span class="muted">${when(h.at)} · ${h.asker} · ${h.room ?? '私聊'}</span></p>
        <form method="post" action="/union/handoffs/${h.id}/answer" class="stack">
          ${csrfField(csrf)}
          <textarea name="answer" rows="2" maxlength="1000" required placeholder="输入答复,机器人会发给提问的人"></textarea>
          <button>发送答复</button>
        </form></div>`;
    })}
    <form method="post" action="/union/kb/wording" class="filters">
      ${csrfField(csrf)}
      ${g.items.map((it) => html`<input type="hidden" name="question" value="${byLabel.get(it.label)!.question}">`)}
      <label>把这些问法加到条目<br><select name="entry">${entries.map(
        (e) => html`<option value="${e.id}"${e.id === g.entryId ? html` selected` : ''}>${e.title}</option>`,
      )}</select></label>
      <button>预览</button>
    </form>
    <details class="new-entry"><summary>或者:用这些问法建一个新条目</summary>
      ${newEntryForm(
        csrf,
        {
          topic: engine.kb.entries.find((e) => e.id === g.entryId)?.topic ?? '',
          title: '',
          questions: g.items.map((it) => byLabel.get(it.label)!.question).join('\n'),
          keywords: '',
          answer: '',
        },
        `new-entry-${gi}`,
      )}
    </details>
  </div>`,
  )}
</section>
<section>
  <h2>最近的答复</h2>
  ${answered.length === 0 ? html`<p class="muted">还没有。</p>` : html`<ul>${answered.map((h) => html`<li>${h.question} — ${h.answeredBy}(${when(h.answeredAt)})</li>`)}</ul>`}
  <p><a href="/union/kb">编辑知识库</a></p>
</section>
<section>
  <details class="new-entry"><summary>新建一个条目</summary>
    ${newEntryForm(csrf, { topic: '', title: '', questions: '', keywords: '', answer: '' }, 'new-entry')}
  </details>
</section>`;
}

export function previewPage(preview: KbPreview, csrf: string): Html {
  return html`
<section>
  <p>把 ${preview.questions.length} 个问法加到「${preview.entryTitle}」后,机器人会这样回答:</p>
  ${preview.answers.map(
    (
      a,
    ) => html`<div class="card"><p><strong>${a.question}</strong> <span class="tag">${a.band === 'answer' ? '直接回答' : a.band === 'suggest' ? '给出选项' : '转人工'}</span></p>
    <p class="muted" style="white-space:pre-wrap">${a.reply}</p></div>`,
  )}
  <form method="post" action="/union/kb/wording" class="stack">
    ${csrfField(csrf)}
    <input type="hidden" name="entry" value="${preview.entryId}">
    <input type="hidden" name="confirm" value="1">
    ${preview.questions.map((q) => html`<input type="hidden" name="question" value="${q}">`)}
    <button>确认保存到知识库</button>
  </form>
</section>`;
}

export function kbEditorPage(text: string, csrf: string, problem: string | null, saved: boolean): Html {
  return html`
${problem ? html`<div class="error" id="kb-error"><p>没有保存,知识库保持原样:</p><pre style="white-space:pre-wrap">${problem}</pre></div>` : ''}
${saved ? html`<div class="ok" id="kb-saved">已保存,机器人已使用新的知识库。</div>` : ''}
<form method="post" action="/union/kb" class="stack" style="max-width:none">
  ${csrfField(csrf)}
  <p class="muted">config/faq.yaml:和配置文件同样的检查,不合格的修改会被拒绝。</p>
  <textarea name="yaml" rows="24" spellcheck="false" style="font-family:monospace">${text}</textarea>
  <button id="kb-save">保存</button>
</form>`;
}

/** The new-entry form: posted without confirm it previews, with confirm it saves. */
export function newEntryForm(csrf: string, form: NewEntryForm, id: string): Html {
  return html`<form method="post" action="/union/kb/entry" class="stack" id="${id}">
  ${csrfField(csrf)}
  <label>类别<br><select name="topic" required>${FAQ_TOPICS.map(
    (t) => html`<option value="${t}"${t === form.topic ? html` selected` : ''}>${TOPIC_LABEL[t]}</option>`,
  )}</select></label>
  <label>标题(机器人给出选项时显示)<br><input name="title" value="${form.title}" maxlength="60"></label>
  <label>问法(一行一个,至少两个)<br><textarea name="questions" rows="4" maxlength="2000">${form.questions}</textarea></label>
  <label>关键词(用顿号或空格隔开,可不填)<br><input name="keywords" value="${form.keywords}" maxlength="300"></label>
  <label>答复<br><textarea name="answer" rows="4" maxlength="1000" required>${form.answer}</textarea></label>
  <button class="preview-entry">预览</button>
</form>`;
}

/** A refused new entry: the loader's reason and the form as typed; the knowledge base unchanged. */
export function newEntryPage(csrf: string, form: NewEntryForm, problem: string): Html {
  return html`<div class="error" id="kb-error"><p>新条目没有保存,知识库保持原样:</p><pre style="white-space:pre-wrap">${problem}</pre></div>
<section>${newEntryForm(csrf, form, 'new-entry-retry')}</section>`;
}

/** How the bot would answer the listed questions with the new entry, and the button to save it. */
export function newEntryPreviewPage(preview: KbPreview, form: NewEntryForm, csrf: string): Html {
  return html`
<section>
  <p>加上新条目「${preview.entryTitle}」后,机器人会这样回答:</p>
  ${preview.answers.map(
    (a) => html`<div class="card"><p><strong>${a.question}</strong> <span class="tag">${BAND_LABEL[a.band] ?? a.band}</span></p>
    <p class="muted" style="white-space:pre-wrap">${a.reply}</p></div>`,
  )}
  <form method="post" action="/union/kb/entry" class="stack">
    ${csrfField(csrf)}
    <input type="hidden" name="confirm" value="1">
    ${(Object.keys(form) as (keyof NewEntryForm)[]).map((k) => html`<input type="hidden" name="${k}" value="${form[k]}">`)}
    <button id="save-entry">确认保存到知识库</button>
  </form>
  <p><a href="/union">返回修改</a></p>
</section>`;
}

const BAND_LABEL: Record<string, string> = { answer: '直接回答', suggest: '给出选项', handoff: '转人工' };
