import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactText, redactUrl } from 'kefu/diagnostics';
import { hostOf } from '../../src/diagnostics/redact';

const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk';

describe('redactUrl', () => {
  it('drops the query string and the fragment by default', () => {
    expect(redactUrl('https://cdn.example.com/v/1/seg_001.m4s?token=abc&expires=1#t=3')).toBe(
      'https://cdn.example.com/v/1/seg_001.m4s',
    );
  });

  it('keeps allow-listed query keys', () => {
    expect(
      redactUrl('https://x.example/a.m3u8?lang=en&sig=zz&bitrate=800', {
        keepParams: ['lang', 'bitrate'],
      }),
    ).toBe('https://x.example/a.m3u8?lang=en&bitrate=800');
  });

  it('scrubs a token-like value even under an allow-listed key', () => {
    expect(redactUrl(`https://x.example/a?lang=${JWT}`, { keepParams: ['lang'] })).toBe(
      'https://x.example/a?lang=[redacted]',
    );
  });

  it('removes JWTs, long hex, base64 and UUIDs from the path', () => {
    expect(redactUrl(`https://x.example/auth/${JWT}/seg.ts`)).toBe(
      'https://x.example/auth/[redacted]/seg.ts',
    );
    expect(redactUrl('https://x.example/s/9f86d081884c7d659a2feaa0c55ad015/seg.ts')).toBe(
      'https://x.example/s/[redacted]/seg.ts',
    );
    expect(redactUrl('https://x.example/p/Zm9vYmFyQmF6cXV4MTIzNDU2Nzg5/v.mp4')).toBe(
      'https://x.example/p/[redacted]/v.mp4',
    );
    expect(redactUrl('https://x.example/u/123e4567-e89b-12d3-a456-426614174000/v.mp4')).toBe(
      'https://x.example/u/[redacted]/v.mp4',
    );
  });

  it('keeps descriptive path segments', () => {
    expect(
      redactUrl('https://x.example/video_1080p_h264_aac_stereo/the-quick-brown-fox/seg_00042.ts'),
    ).toBe('https://x.example/video_1080p_h264_aac_stereo/the-quick-brown-fox/seg_00042.ts');
  });

  it('drops credentials and matrix parameters', () => {
    expect(redactUrl('https://user:pass@x.example/a;jsessionid=ABC123/b.ts')).toBe(
      'https://x.example/a/b.ts',
    );
  });

  it('drops a matrix parameter whole, a line break inside it included', () => {
    expect(redactUrl('https://x.example/a;jsessionid=S3cr3tAbc\n9/b.ts')).toBe(
      'https://x.example/a/b.ts',
    );
  });

  it('applies rules the app adds', () => {
    expect(redactUrl('https://x.example/users/alice/v.mp4', { rules: [/alice/g] })).toBe(
      'https://x.example/users/[redacted]/v.mp4',
    );
    expect(
      redactUrl('https://x.example/a', { rules: [(t) => t.replace('x.example', 'host')] }),
    ).toBe('https://host/a');
  });
});

describe('redactText', () => {
  it('removes emails and phone numbers from free text by default', () => {
    const out = redactText(
      'mail me at jane.doe+tv@example.com or call +44 20 7946 0958 / 13812345678',
    );
    expect(out).not.toMatch(/jane|7946|13812345678/);
    expect(out).toContain('[email]');
    expect(out).toContain('[phone]');
  });

  it('removes a quoted secret value whole, keeping its quotes, and what follows it', () => {
    expect(redactText('retry sig="e2Planted" token=\'tk Planted 9\' then ok')).toBe(
      'retry sig="[redacted]" token=\'[redacted]\' then ok',
    );
    expect(redactText('sig="" after')).toBe('sig="[redacted]" after');
  });

  it('keeps contacts when told to', () => {
    expect(redactText('jane@example.com', { keepContacts: true })).toBe('jane@example.com');
  });

  it('redacts URLs and tokens inside error messages', () => {
    const out = redactText(
      `Failed to load https://cdn.example/seg.ts?sig=SECRET123 with Bearer ${JWT}`,
    );
    expect(out).toBe('Failed to load https://cdn.example/seg.ts with Bearer [redacted]');
  });

  it('leaves numbers that are not contacts alone', () => {
    expect(redactText('Playback stalling at @3.960233 (len 0.08000000000000002), HTTP 503')).toBe(
      'Playback stalling at @3.960233 (len 0.08000000000000002), HTTP 503',
    );
  });
});

describe('redaction of signed and secret URL parts', () => {
  it('removes Akamai ~hmac= tokens, Cloud CDN signatures and expiring-signature path segments', () => {
    expect(
      redactUrl('https://cdn.example/hdnts=exp=1700000000~acl=/*~hmac=9f8e7d6c5b4a/v/seg_1.ts'),
    ).toBe('https://cdn.example/[redacted]/[redacted]/v/seg_1.ts'); // the acl's / splits it in two
    expect(
      redactUrl(
        'https://cdn.example/v/Expires=1700000000~KeyName=k1~Signature=c2lnbmF0dXJl/a.m3u8',
      ),
    ).toBe('https://cdn.example/v/[redacted]/a.m3u8');
    expect(redactUrl('https://cdn.example/exp=1700000000/v/seg_2.ts')).toBe(
      'https://cdn.example/[redacted]/v/seg_2.ts',
    );
    // Descriptive segments that merely start like a key stay.
    expect(redactUrl('https://cdn.example/export/expires-soon/token_refresh.js')).toBe(
      'https://cdn.example/export/expires-soon/token_refresh.js',
    );
  });

  it('blanks password= and secret= even in kept query keys, and in free text', () => {
    expect(
      redactUrl('https://cdn.example/a.ts?password=hunter2&secret=s3&cdn=edge1', {
        keepParams: ['password', 'secret', 'cdn'],
      }),
    ).toBe('https://cdn.example/a.ts?password=[redacted]&secret=[redacted]&cdn=edge1');
    const text = redactText('login failed: password=hunter2 secret=opensesame token=abc retry=3');
    expect(text).toBe(
      'login failed: password=[redacted] secret=[redacted] token=[redacted] retry=3',
    );
  });

  it('removes credentials written in a URL', () => {
    expect(redactUrl('https://root:hunter2@rt.example/REST/2.0/ticket')).toBe(
      'https://rt.example/REST/2.0/ticket',
    );
    expect(redactText('cannot reach http://root:hunter2@rt.example/REST')).not.toContain('hunter2');
  });
});

describe('redaction of each secret key, and only of those keys', () => {
  it('blanks the value of every key that grants access, in free text', () => {
    const keys = [
      'hmac',
      'sig',
      'signature',
      'token',
      'hdnts',
      'exp',
      'expires',
      'policy',
      'keyname',
      'key-pair-id',
      'password',
      'passwd',
      'pwd',
      'secret',
      'auth',
      'apikey',
      'api_key',
      'api-key',
      'accesskey',
      'access_key',
      'access-key',
    ];
    const text = keys.map((key, i) => `${key}=v${i}q`).join(' ');
    expect(redactText(text)).toBe(keys.map((key) => `${key}=[redacted]`).join(' '));
  });

  it('keeps keys that only contain or start like a secret key, and matches keys in any case', () => {
    expect(redactText('xtoken=d1 author=d2 tokens=d3 keys=d4 expo=d5 TOKEN=d6 Sig=d7')).toBe(
      'xtoken=d1 author=d2 tokens=d3 keys=d4 expo=d5 TOKEN=[redacted] Sig=[redacted]',
    );
  });

  it('ends a secret value at &, ;, ~, /, whitespace and <, keeping what follows', () => {
    expect(redactText('token=a1&x=1 sig=a2;y sig=a3~z sig=a4/w sig=a5<b> sig=a6\tt')).toBe(
      'token=[redacted]&x=1 sig=[redacted];y sig=[redacted]~z sig=[redacted]/w ' +
        'sig=[redacted]<b> sig=[redacted]\tt',
    );
  });

  it('removes a path segment holding a secret key after any of ~ & ; , ! or at its start', () => {
    expect(
      redactUrl('https://x.example/a~token=1/b&sig=2/c;auth=3/d,exp=4/e!hmac=5/ftoken=6/g.ts'),
    ).toBe(
      'https://x.example/[redacted]/[redacted]/[redacted]/[redacted]/[redacted]/ftoken=6/g.ts',
    );
  });

  it('reads percent-encoded path segments and query keys before judging them', () => {
    expect(redactUrl('https://x.example/g%7Etoken=7/exp%3D1700000000/v.ts')).toBe(
      'https://x.example/[redacted]/[redacted]/v.ts',
    );
    expect(
      redactUrl('https://x.example/a?l%61ng=en&pass%77ord=x', {
        keepParams: ['lang', 'password'],
      }),
    ).toBe('https://x.example/a?l%61ng=en&pass%77ord=[redacted]');
  });

  it('compares a key that does not decode as it is written, and keeps such a segment', () => {
    expect(
      redactUrl('https://x.example/a%E0%A4%A/b?%E0%A4%A=1', { keepParams: ['%E0%A4%A'] }),
    ).toBe('https://x.example/a%E0%A4%A/b?%E0%A4%A=1');
  });

  it('blanks a kept query value only for a whole secret key, in any case', () => {
    expect(
      redactUrl('https://x.example/a?tokens=1&mytoken=2&TOKEN=3', {
        keepParams: ['tokens', 'mytoken', 'TOKEN'],
      }),
    ).toBe('https://x.example/a?tokens=1&mytoken=2&TOKEN=[redacted]');
  });
});

describe('what counts as a token, at each boundary', () => {
  it('takes hex from 16 characters with a digit, in either case, and not 15 or all letters', () => {
    expect(
      redactUrl(
        'https://x.example/deadbeef0123abcd/deadbeef0123abc/deadbeefdeadbeef/DEADBEEF0123ABCD',
      ),
    ).toBe('https://x.example/[redacted]/deadbeef0123abc/deadbeefdeadbeef/[redacted]');
  });

  it('takes hex only when the whole segment is hex, not 16 hex digits before a suffix', () => {
    expect(redactUrl('https://x.example/deadbeef0123abcd.m3u8/deadbeef0123abcd')).toBe(
      'https://x.example/deadbeef0123abcd.m3u8/[redacted]',
    );
  });

  it('takes base64 only when the whole segment is base64, from its first character to its last', () => {
    // Each side of the dot alone would be a token (20 characters, a digit, both cases).
    expect(
      redactUrl('https://x.example/Season_Two_Episode_4.mp4/Trailer.Hls_master_playlist_v2'),
    ).toBe('https://x.example/Season_Two_Episode_4.mp4/Trailer.Hls_master_playlist_v2');
  });

  it('takes base64 from 20 characters with a digit and both cases, + = - _ included', () => {
    expect(redactUrl('https://x.example/Ab1+Cd2=Ef3-Gh4_Ij5k/Ab1+Cd2=Ef3-Gh4_Ij5/v.ts')).toBe(
      'https://x.example/[redacted]/Ab1+Cd2=Ef3-Gh4_Ij5/v.ts',
    );
    expect(redactUrl('https://x.example/Ab1xCd2xEf3xGh4xIj5k/v.ts')).toBe(
      'https://x.example/[redacted]/v.ts',
    );
  });

  it('takes one-case base64 only from 40 characters, and never without a digit', () => {
    const lower40 = 'xyz0'.repeat(10);
    const upper40 = 'XYZ0'.repeat(10);
    expect(redactUrl(`https://x.example/${lower40}/${upper40}/v.ts`)).toBe(
      'https://x.example/[redacted]/[redacted]/v.ts',
    );
    const lower39 = lower40.slice(1);
    const upper20 = 'XYZ0'.repeat(5);
    const noDigit = 'AbcdEfghIjklMnopQrstUvwx';
    expect(redactUrl(`https://x.example/${lower39}/${upper20}/${noDigit}/v.ts`)).toBe(
      `https://x.example/${lower39}/${upper20}/${noDigit}/v.ts`,
    );
  });

  it('takes a UUID in either case only when it is the whole segment', () => {
    expect(
      redactUrl(
        'https://x.example/123E4567-E89B-12D3-A456-426614174000/' +
          'v123e4567-e89b-12d3-a456-426614174000/123e4567-e89b-12d3-a456-42661417400/v.ts',
      ),
    ).toBe(
      'https://x.example/[redacted]/v123e4567-e89b-12d3-a456-426614174000/' +
        '123e4567-e89b-12d3-a456-42661417400/v.ts',
    );
    expect(redactUrl('https://x.example/123e4567-e89b-12d3-a456-426614174000.m3u8')).toBe(
      'https://x.example/123e4567-e89b-12d3-a456-426614174000.m3u8',
    );
  });

  it('takes a kept query value that starts like a JWT (eyJ, a part, a dot, a part, a dot)', () => {
    expect(
      redactUrl('https://x.example/a?l=eyJa.b.&m=eyJ.b.c&n=eyJa.b&o=eyJa..', {
        keepParams: ['l', 'm', 'n', 'o'],
      }),
    ).toBe('https://x.example/a?l=[redacted]&m=eyJ.b.c&n=eyJa.b&o=eyJa..');
    // eyJ inside a value is not its start.
    expect(redactUrl('https://x.example/a?l=monkeyJs.v2.final', { keepParams: ['l'] })).toBe(
      'https://x.example/a?l=monkeyJs.v2.final',
    );
  });

  it('takes a JWT in text from four characters per part, with its whole signature', () => {
    expect(
      redactText('a eyJabcd.efgh. b eyJabc.efgh.x c eyJabcd.efg.x d eyJabcd.efgh.sig-nat_ure e'),
    ).toBe('a [redacted] b eyJabc.efgh.x c eyJabcd.efg.x d [redacted] e');
  });

  it('takes long words in text by the same rules, from 16 characters', () => {
    expect(
      redactText(
        'k deadbeef0123abcd k deadbeef0123abc k Ab1+Cd2=Ef3-Gh4_Ij5k k v9deadbeef0123abcdef',
      ),
    ).toBe('k [redacted] k deadbeef0123abc k [redacted] k v9deadbeef0123abcdef');
  });
});

describe('contacts in free text', () => {
  it('replaces a whole email, dots, plus and subdomains included, and not a bare user@host', () => {
    expect(redactText('first.last+tag@mail.example.co.uk a@b x_y@host-1.example')).toBe(
      '[email] a@b [email]',
    );
  });

  it('replaces international numbers from eight characters, not seven', () => {
    expect(redactText('+12345678 | +1234567 | +86 (10) 6552-9988')).toBe(
      '[phone] | +1234567 | [phone]',
    );
  });

  it('replaces Chinese mobile numbers: 1, then 3 to 9, then nine digits, as a whole word', () => {
    expect(redactText('13812345678 | 19912345678 | 12812345678 | 1381234567 | 138123456789')).toBe(
      '[phone] | [phone] | 12812345678 | 1381234567 | 138123456789',
    );
  });

  it('replaces grouped local numbers (3, 3 or 4, then 4 digits) and not other groupings', () => {
    expect(
      redactText('(415) 555-0100 | 415.555.0100 | 020 7946 0958 | 41 555 0100 | 415 555 01000'),
    ).toBe('[phone] | [phone] | [phone] | 41 555 0100 | 415 555 01000');
  });
});

describe('URLs and limits in free text', () => {
  it('redacts http(s) and ws(s) URLs in any case, ending them at quotes, brackets and spaces', () => {
    expect(
      redactText(
        '(see https://x.example/a?lang=1) "wss://live.example/ws?lang=2" ' +
          "<HTTPS://X.EXAMPLE/A?lang=3> 'ws://h.example/b?lang=4' blob://h/c?lang=5",
      ),
    ).toBe(
      '(see https://x.example/a) "wss://live.example/ws" <HTTPS://X.EXAMPLE/A> ' +
        "'ws://h.example/b' blob://h/c",
    );
  });

  it('drops the query and fragment of an http URL in text as of an https one', () => {
    expect(redactText('GET http://cdn.example/v/a.m3u8?user=alice#t=3 failed')).toBe(
      'GET http://cdn.example/v/a.m3u8 failed',
    );
  });

  it('leaves URLs of other schemes to the other rules', () => {
    expect(redactText('ftp://h.example/a?lang=5')).toBe('ftp://h.example/a?lang=5');
  });

  it('cuts text to 500 characters after redacting it', () => {
    expect(redactText('a'.repeat(499))).toHaveLength(499);
    expect(redactText('b'.repeat(600))).toBe('b'.repeat(500));
    expect(redactText(`${'c'.repeat(490)} jane@example.com`)).toBe(`${'c'.repeat(490)} [email]`);
  });

  it('applies the app’s rules after its own, in the order given, to text and URLs alike', () => {
    const rules = [(s: string) => `${s}!`, /!/g];
    expect(redactText('x', { rules })).toBe('x[redacted]');
    expect(redactText('mail jane@example.com', { rules: [/\[email\]/g] })).toBe('mail [redacted]');
    expect(redactUrl('https://x.example/a', { rules })).toBe('https://x.example/a[redacted]');
  });
});

describe('the parts of a URL', () => {
  it('trims the URL and drops the fragment even with nothing kept', () => {
    expect(redactUrl('  https://x.example/a#frag  ')).toBe('https://x.example/a');
  });

  it('redacts relative URLs the same way', () => {
    expect(redactUrl('/v/seg.ts?lang=1#x')).toBe('/v/seg.ts');
    expect(redactUrl('v/9f86d081884c7d659a2feaa0c55ad015/seg.ts')).toBe('v/[redacted]/seg.ts');
  });

  it('drops every credential before the host, even one holding an @', () => {
    expect(redactUrl('https://a@b@host.example/a')).toBe('https://host.example/a');
  });

  it('writes no ? when no query key is kept, and keeps a bare kept key as key=', () => {
    expect(redactUrl('https://x.example/a?b=1', { keepParams: ['lang'] })).toBe(
      'https://x.example/a',
    );
    expect(redactUrl('https://x.example/a?flag&lang=en', { keepParams: ['flag'] })).toBe(
      'https://x.example/a?flag=',
    );
  });
});

describe('hostOf', () => {
  it('gives the host without credentials, port, path, query or fragment', () => {
    expect(hostOf('https://user:pw@cdn.example:8443/a')).toBe('cdn.example');
    expect(hostOf('HTTPS://CDN.Example?x=1')).toBe('CDN.Example');
    expect(hostOf('wss://a.example#c')).toBe('a.example');
  });

  it('gives undefined for nothing, relative URLs and URLs without a scheme', () => {
    expect(hostOf(undefined)).toBeUndefined();
    expect(hostOf('')).toBeUndefined();
    expect(hostOf('/a')).toBeUndefined();
    expect(hostOf('cdn.example/a')).toBeUndefined();
    // A URL inside a relative one (a redirect target) is not its host.
    expect(hostOf('/login?next=https://evil.example/a')).toBeUndefined();
  });
});

// Last in the file: the slowest test, so a mutant an exact test kills is known before it runs.
describe('redactUrl over generated URLs', () => {
  it('never lets a planted token through, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.webUrl(),
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 64 }),
        (url, secret) => {
          const planted = `${url.replace(/[?#].*$/, '')}/${secret}1a/x.ts?key=${secret}`;
          expect(redactUrl(planted)).not.toContain(secret + '1a');
        },
      ),
      { numRuns: 200 },
    );
    // 200 generated URLs: about a second on a quiet machine, 14 s seen under a load of 30, and
    // over 30 s instrumented by Stryker under a load of 47.
  }, 60_000);
});
