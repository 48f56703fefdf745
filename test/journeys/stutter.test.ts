import { expect } from 'vitest';
import { signInBrowser } from '../browser/helpers/agent';
import { axeViolations } from './helpers/axe';
import { IN_WIDGET, journey } from './helpers/journey';
import { SCREENS } from './helpers/screens';
import { chooseTopic, goBack, openArticle, openHelp, search, ticketNumber } from './helpers/steps';

// The longest journey: a stuttering video, searched, read, not helpful, self-checked, reported
// with a screenshot, answered by an agent in the console, and rated. On every screen.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

journey(
  'stutter',
  [SCREENS['phone-zh'], SCREENS['desktop-en'], SCREENS.tv, SCREENS['keyboard-200'], SCREENS.dark],
  async (trip) => {
    const { page, screen } = trip;
    await openHelp(trip);
    await trip.step('home');

    await search(trip, { zh: '卡顿', en: 'buffering' });
    await trip.step('search');
    await openArticle(trip, screen.lang === 'zh' ? /卡顿/ : /buffer/i);
    await trip.step('article');

    // Not helpful: the thanks takes focus and is said, so the remote and the reader keep their place.
    await trip.press(trip.role('button', { zh: '没帮助', en: 'No' }));
    await trip.focusOn(trip.sayRe({ zh: '感谢你的反馈', en: 'Thanks for telling us' }));
    await trip.step('not-helpful');

    await goBack(trip);
    await trip.focusOn(/^input:/);
    await trip.press(trip.role('button', { zh: '播放自检', en: 'Check my playback' }));
    await trip.press(trip.role('button', { zh: '开始检查', en: 'Run the check' }));
    await trip.page.locator(`${IN_WIDGET} [data-kefu-findings]`).waitFor({ timeout: 30_000 });
    await trip.step('self-check');

    await goBack(trip);
    await trip.focusOn(/^input:/);
    await trip.press(trip.role('button', { zh: '联系客服', en: 'Contact support' }));
    await chooseTopic(trip, { zh: '播放问题', en: 'Playback' });
    const description = `${trip.say({ zh: '第3集一直卡顿', en: 'Episode 3 keeps stuttering' })} ${screen.name}`;
    await trip.type(page.locator(`${IN_WIDGET} textarea[name=description]`), description);
    // Who watches on a TV attaches no files; everyone else adds a screenshot.
    if (screen.input !== 'remote')
      await page
        .locator(`${IN_WIDGET} #kefu-files`)
        .setInputFiles({ name: 'stutter.png', mimeType: 'image/png', buffer: PNG });
    // What is sent, in plain words by section; every raw field one disclosure further.
    await trip.press(trip.role('group', /./).locator('summary').first()).catch(async () => {
      await trip.press(page.locator(`${IN_WIDGET} details > summary`).first());
    });
    await trip.see({ zh: '你的设备', en: 'Your device' });
    await trip.see({ zh: '你的网络', en: 'Your connection' });
    await trip.step('ticket-form');
    await trip.press(page.locator(`${IN_WIDGET} button[type=submit]`));
    await trip.focusOn(trip.sayRe({ zh: '已提交', en: 'Sent' }));
    const number = await ticketNumber(page);
    // No email was given: the confirmation promises a reply where the user will look, not by email.
    await expect(
      page.locator(`${IN_WIDGET} [data-kefu-outcome]`).textContent(),
    ).resolves.not.toMatch(/email|邮件/i);
    await trip.step('ticket-sent');

    // The agent finds the ticket by the number the user was told, answers and solves it.
    const csrf = await signInBrowser(trip.context, trip.server);
    expect(csrf).toBeTruthy();
    const inbox = await trip.context.newPage();
    await inbox.goto(`${trip.server.url}/inbox`);
    const row = inbox.getByRole('row').filter({ hasText: number });
    await expect.poll(() => row.count()).toBe(1);
    // What the user was watching reached the inbox: no "watching –", no 第3集 typed by hand.
    await expect.poll(() => row.textContent()).toMatch(/雨夜来信 · 第 3 集 · drama-42-ep3/);
    expect(await axeViolations(inbox), 'axe on the inbox').toEqual([]);
    await row.getByRole('link').click();
    await inbox.getByText(number).first().waitFor();
    await inbox.getByText(description).first().waitFor();
    expect(await axeViolations(inbox), 'axe on the ticket page').toEqual([]);
    await inbox.fill('#body', `Agent answer for ${screen.name}: lower to 720P.`);
    await inbox.getByRole('button', { name: 'Send reply' }).click();
    await inbox.selectOption('#status', 'solved');
    await inbox.getByRole('button', { name: 'Set status' }).click();
    await inbox.getByText('solved').first().waitFor();
    await inbox.close();

    // Back in the app: My tickets shows it solved with the agent's answer, and asks for a rating.
    await trip.press(trip.role('button', { zh: '返回帮助首页', en: 'Back to help' }));
    await trip.press(trip.role('button', { zh: '我的工单', en: 'My tickets' }));
    await trip.see({ zh: '已解决', en: 'Solved' });
    // Listed by the user's own words (the search, then what they typed on its own line), without
    // the references to the article and the self-check that went to the agent.
    const query = trip.say({ zh: '卡顿', en: 'buffering' });
    await expect
      .poll(() => page.locator(`${IN_WIDGET} .hits button strong`).first().textContent())
      .toBe(`${query} ${description}`.slice(0, 40));
    await trip.step('my-tickets');
    await trip.press(page.locator(`${IN_WIDGET} .hits button`).first());
    await trip.see(new RegExp(`Agent answer for ${screen.name}`));
    await trip.press(trip.role('radio', { zh: '5 星（满分 5 星）', en: '5 of 5' }));
    await trip.press(trip.role('button', { zh: '提交', en: 'Send' }));
    await trip.focusOn(trip.sayRe({ zh: '感谢你的评价', en: 'Thank you for rating us' }));
    await trip.step('survey');
  },
  { timeout: 120_000 },
);
