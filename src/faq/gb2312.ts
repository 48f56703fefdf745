/**
 * The 3,755 common characters of GB2312 level 1, in code order (which is pinyin order), decoded by
 * the platform's own GBK decoder so that no bundle carries them.
 */
export function commonChars(): string[] {
  const bytes: number[] = [];
  for (let row = 0xb0; row <= 0xd7; row++)
    for (let col = 0xa1; col <= (row === 0xd7 ? 0xf9 : 0xfe); col++) bytes.push(row, col);
  return [...new TextDecoder('gbk').decode(new Uint8Array(bytes))];
}
