// Which account sends a message: a reply pinned to one contact (chatOf's `to:name#id`) belongs to the
// chat the account registered by name; groups and plain private chats are their own keys.
import { describe, expect, it } from 'vitest';
import { chatOf } from '../../src/bot/sender.ts';
import { deliveryChat } from '../../src/store/postgres/district.ts';

describe('deliveryChat', () => {
  it('drops the pinned contact id of a private reply, and only that', () => {
    const pinned = chatOf({ kind: 'private', to: '陈思雨', text: '收到', contactId: 'wxid_42' });
    expect(pinned).toBe('to:陈思雨#wxid_42');
    expect(deliveryChat(pinned)).toBe('to:陈思雨');
    expect(deliveryChat(chatOf({ kind: 'private', to: '邵婷婷', text: '名单' }))).toBe('to:邵婷婷');
    expect(deliveryChat(chatOf({ kind: 'room', room: '楚凤社区#1号楼群', text: 'x', mentions: [] }))).toBe('room:楚凤社区#1号楼群');
  });
});
