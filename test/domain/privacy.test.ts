import { describe, expect, it } from 'vitest';
import { containsPhone, maskPhones } from '../../src/domain/text/privacy.ts';

describe('phone masking', () => {
  it('masks mobile numbers, with or without separators', () => {
    expect(maskPhones('电话13912345678,急')).toBe('电话139****5678,急');
    expect(maskPhones('139-1234-5678')).toBe('139****5678');
    expect(maskPhones('139 1234 5678')).toBe('139****5678');
  });

  it('keeps only the area code of a landline', () => {
    expect(maskPhones('座机0535-6123456')).toBe('座机0535-****');
  });

  it('leaves room numbers, temperatures and the 12351 hotline alone', () => {
    const text = '3号楼2单元1102,烧到39.5度,可拨12351';
    expect(maskPhones(text)).toBe(text);
    expect(containsPhone(text)).toBe(false);
    expect(containsPhone('打13800001001')).toBe(true);
  });
});
