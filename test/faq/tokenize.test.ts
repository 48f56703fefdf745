import { describe, expect, it } from 'vitest';
import { tokenize } from 'kefu/faq';

describe('tokenize', () => {
  it('splits Chinese into characters and adjacent pairs', () => {
    expect(tokenize('续费')).toEqual(['续', '费', '续费']);
    expect(tokenize('取消续费')).toEqual(['取', '消', '取消', '续', '消续', '费', '续费']);
  });

  it('keeps Latin words and digits whole inside Chinese text', () => {
    expect(tokenize('VIP会员')).toEqual(['vip', '会', '员', '会员']);
    expect(tokenize('4K画质')).toEqual(['4k', '画', '质', '画质']);
    expect(tokenize('iPhone投屏')).toEqual(['iphon', '投', '屏', '投屏']);
  });

  it('folds full-width forms, case and diacritics', () => {
    expect(tokenize('ＶＩＰ　１０８０Ｐ')).toEqual(['vip', '1080p']);
    expect(tokenize('Café RÉSUMÉ')).toEqual(tokenize('cafe resume'));
    expect(tokenize('ｶﾀｶﾅ')).toEqual(tokenize('カタカナ'));
  });

  it('stems English inflections to one key', () => {
    const [a] = tokenize('cancelled');
    expect(tokenize('cancel cancelling cancels')).toEqual([a, a, a]);
    expect(tokenize('devices')).toEqual(tokenize('device'));
  });

  it('joins apostrophes and also indexes hyphenated words as one', () => {
    expect(tokenize("can't")).toEqual(['cant']);
    expect(tokenize('Wi-Fi')).toEqual(['wi', 'fi', 'wifi']);
  });

  it('drops punctuation and whitespace, Chinese or Latin', () => {
    expect(tokenize('忘记密码？！ 。，')).toEqual(tokenize('忘记密码'));
    expect(tokenize('  ')).toEqual([]);
  });
});

describe('tokenize with Traditional folding', () => {
  it('folds Traditional characters to Simplified when given the table', async () => {
    const { traditionalChinese } = await import('kefu/faq');
    expect(tokenize('會員續費', { traditional: traditionalChinese })).toEqual(tokenize('会员续费'));
    expect(tokenize('會員續費')).not.toEqual(tokenize('会员续费'));
    // One character at a time: 帳 becomes 帐, a Simplified character in its own right; the
    // videoAppSynonyms set joins 帐号 and 账号.
    expect(tokenize('帳號', { traditional: traditionalChinese })).toEqual(tokenize('帐号'));
  });
});
