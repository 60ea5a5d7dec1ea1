// The login pages: ask for a code by name, then type the code the bot sent in WeChat.
import { html, type Html } from '../html.ts';
import { CODE_MINUTES } from '../auth.ts';
import { csrfField } from './layout.ts';
import { when } from '../labels.ts';

export function loginPage(csrf: string, message: string | null = null): Html {
  return html`
${message ? html`<p class="error">${message}</p>` : ''}
<form method="post" action="/login/code" class="stack card">
  ${csrfField(csrf)}
  <label>您的名字(和微信里登记的一致)<input name="name" autocomplete="username" required maxlength="40"></label>
  <button id="ask-code">发送验证码到微信</button>
</form>
<p class="muted">验证码由邻里小助手在微信里私聊发给登记的工作人员。没有密码。</p>`;
}

export function codePage(csrf: string, name: string, message: string | null = null): Html {
  return html`
${message ? html`<p class="error">${message}</p>` : html`<p class="ok">如果「${name}」是登记的工作人员,验证码已通过微信发出,${CODE_MINUTES}分钟内有效。</p>`}
<form method="post" action="/login/verify" class="stack card">
  ${csrfField(csrf)}
  <input type="hidden" name="name" value="${name}">
  <label>验证码<input name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="6"></label>
  <button id="verify-code">登录</button>
</form>
<p><a href="/login">换个名字</a></p>`;
}

export function auditPage(
  entries: readonly { at: string; by: string; action: string; subject: string; detail?: Record<string, unknown> }[],
): Html {
  return html`<section><div class="scroll"><table id="audit"><thead><tr><th>时间</th><th>谁</th><th>做了什么</th><th>详情</th></tr></thead><tbody>
  ${entries.map((e) => html`<tr><td>${when(e.at)}</td><td>${e.by === 'cli' ? '命令行' : e.by}</td><td>${ACTION_LABEL[e.action] ?? e.action}</td><td class="muted">${e.subject} ${e.detail ? JSON.stringify(e.detail) : ''}</td></tr>`)}
  </tbody></table></div></section>`;
}

const ACTION_LABEL: Record<string, string> = {
  login: '登录',
  logout: '退出',
  'request.close': '关闭求助',
  'request.note': '求助备注',
  'request.assign': '交给网格员',
  'handoff.answer': '答复工会问题',
  'kb.wording': '知识库加问法',
  'kb.edit': '编辑知识库',
  'kb.rejected': '知识库修改被拒绝',
  'roster.import': '导入名单',
  'roster.rejected': '名单导入被拒绝',
  'roster.add': '名单添加一人',
  'roster.add.rejected': '名单添加被拒绝',
  'roster.edit': '修改名单一行',
  'roster.edit.rejected': '名单修改被拒绝',
  'roster.remove': '名单删除一人',
  'kb.entry': '知识库新条目',
  'staff.add': '登记员工',
  'staff.enrol': '员工绑定微信',
  'staff.remove': '移除员工',
  'room.bind': '绑定群',
  'stock.update': '更新库存',
};
