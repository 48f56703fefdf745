import { expect } from 'vitest';
import { IN_WIDGET, journey } from './helpers/journey';
import { SCREENS } from './helpers/screens';
import { openHelp } from './helpers/steps';

// Reporting the video on screen: one form at a time, Send with no reason says what is missing
// and sends nothing, then the report goes with a detail and the form is cleared.
journey(
  'report-video',
  [SCREENS['phone-zh'], SCREENS['desktop-en'], SCREENS.dark],
  async (trip) => {
    const { page } = trip;
    await openHelp(trip);
    await trip.press(trip.role('button', { zh: '意见反馈', en: 'Give feedback' }));
    await trip.focusOn(trip.sayRe({ zh: '意见反馈', en: 'Feedback' }));
    await trip.press(trip.role('button', { zh: '举报这个视频', en: 'Report this video' }));
    // One form: one Send button on screen.
    expect(await page.locator(`${IN_WIDGET} button[type=submit]`).count()).toBe(1);
    await trip.press(page.locator(`${IN_WIDGET} button[type=submit]`));
    await trip.see({
      zh: '请先选择这个视频的问题。',
      en: 'Choose what is wrong with the video first.',
    });
    await trip.focusOn(/^select:/);
    await trip.step('report-missing-reason');
    await page.locator(`${IN_WIDGET} #kefu-fb-reason`).selectOption('copyright');
    await trip.type(
      page.locator(`${IN_WIDGET} #kefu-fb-text`),
      trip.say({ zh: '这是电影院偷拍的盗版', en: 'A pirated copy filmed in a cinema' }),
    );
    await trip.press(page.locator(`${IN_WIDGET} button[type=submit]`));
    await trip.focusOn(trip.sayRe({ zh: '谢谢，已提交', en: 'Thank you: sent' }));
    // Sent: the detail is cleared, so nothing invites sending the same report twice.
    expect(await page.locator(`${IN_WIDGET} #kefu-fb-text`).inputValue()).toBe('');
    await trip.step('report-sent');
  },
);
