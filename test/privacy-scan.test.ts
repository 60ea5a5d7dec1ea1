// The replay privacy scanner itself must catch a leak, or its silence proves nothing.
import { describe, expect, it } from 'vitest';
import { findPrivacyLeaks } from './support/privacy.ts';

const input = [
  { setup: { roster: [{ name: '张桂兰', phone: '13800001001', building: '1', room: '201' }] } },
  { at: '2022-12-21T09:40:00+08:00', dm: true, from: '邵婷婷', text: '张桂兰发烧38度5' },
  { at: '2022-12-21T10:00:00+08:00', room: '1号楼群', from: '邵婷婷', text: '1号楼201需要退烧药' },
];

describe('privacy scanner', () => {
  it('flags a roster name, a phone or a private temperature in a group message', () => {
    const leaks = findPrivacyLeaks(input, [{ at: '2022-12-21T10:01:00+08:00', room: '1号楼群', text: '张桂兰 13800001001 烧到38度5' }]);
    expect(leaks.join('\n')).toMatch(/张桂兰/);
    expect(leaks.join('\n')).toMatch(/13800001001/);
    expect(leaks.join('\n')).toMatch(/38度5/);
  });

  it('allows what was posted in that group before', () => {
    expect(findPrivacyLeaks(input, [{ at: '2022-12-21T10:01:00+08:00', room: '1号楼群', text: '1号楼201 有人响应' }])).toEqual([]);
  });

  it('covers the people of a visit campaign too', () => {
    const campaign = [{ name: '王建国', phone: '', building: '3', room: '201' }];
    const out = [{ at: '2022-12-21T10:01:00+08:00', room: '1号楼群', text: '王建国家暖气不热' }];
    expect(findPrivacyLeaks(input, out)).toEqual([]);
    expect(findPrivacyLeaks(input, out, campaign).join('\n')).toMatch(/王建国/);
  });
});
