import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import { IN_WIDGET, journey, openVideoApp, type Trip } from './helpers/journey';
import { SCREENS } from './helpers/screens';
import { chooseTopic, openArticle, search, sendTicket, stillNeedHelp } from './helpers/steps';

// Help from a player in full screen: the example app's player (video, title, its help button)
// goes full screen; help opens from the player's own button, and kefu's panel shows inside the
// full-screen player, above the video. The person reads an answer, leaves a ticket, closes help
// with their own way of closing, and is back at the video, still in full screen, with focus on
// the button they left from.

/** Presses a control of the app's page (outside the widget) as this screen's person does. */
async function pressInApp(trip: Trip, target: Locator): Promise<void> {
  // The app's own focus system brings a remote to its controls (as openHelp says); OK presses.
  if (trip.screen.input === 'remote') {
    await target.focus();
    await trip.page.keyboard.press('Enter');
  } else await trip.press(target);
}

/** Whether the point 100 px into the panel is the panel's: nothing covers it. */
const panelOnTop = (trip: Trip) =>
  trip.page.evaluate(() => {
    const dialog = document
      .querySelector('[data-kefu-widget]')
      ?.shadowRoot?.querySelector('dialog');
    if (!dialog?.open) return false;
    const box = dialog.getBoundingClientRect();
    return !!document
      .elementFromPoint(box.x + box.width / 2, box.y + 100)
      ?.hasAttribute('data-kefu-widget');
  });

const inFullScreen = (trip: Trip) =>
  trip.page.evaluate(() => document.fullscreenElement?.matches('section.player') ?? false);

journey(
  'full-screen',
  [SCREENS['phone-zh'], SCREENS['desktop-en'], SCREENS.tv, SCREENS['keyboard-200'], SCREENS.dark],
  async (trip) => {
    const { page, screen } = trip;
    await openVideoApp(trip);
    const fullScreenButton = page.locator('#fullscreen');
    await pressInApp(trip, fullScreenButton);
    await expect.poll(() => inFullScreen(trip)).toBe(true);
    await expect.poll(() => fullScreenButton.getAttribute('aria-pressed')).toBe('true');
    await trip.step('player-full-screen');

    // Help from the player's own button: the panel opens inside the full-screen player, on top.
    const help = page.locator('#help');
    await pressInApp(trip, help);
    await trip.role('heading', { zh: '帮助与反馈', en: 'Help & feedback' }).waitFor();
    await trip.focusOn(/^input:/);
    expect(
      await page.evaluate(() =>
        document.querySelector('[data-kefu-widget]')?.parentElement?.matches('section.player'),
      ),
    ).toBe(true);
    expect(await panelOnTop(trip)).toBe(true);
    expect(await inFullScreen(trip)).toBe(true);
    await trip.step('help-over-video');

    await search(trip, { zh: '卡顿', en: 'buffering' });
    await openArticle(trip, screen.lang === 'zh' ? /卡顿/ : /buffer/i);
    expect(await panelOnTop(trip)).toBe(true);
    await trip.step('article');

    await stillNeedHelp(trip);
    await chooseTopic(trip, { zh: '播放问题', en: 'Playback' });
    await trip.type(
      page.locator(`${IN_WIDGET} textarea[name=description]`),
      `${trip.say({ zh: '全屏看第3集时一直缓冲', en: 'Episode 3 keeps buffering in full screen' })} ${screen.name}`,
    );
    await trip.step('ticket');
    expect(await sendTicket(trip)).toMatch(/^K-[0-9A-Z]{5}$/);
    expect(await inFullScreen(trip)).toBe(true);
    await trip.step('ticket-sent');

    // Closing help as this person does: Escape on a keyboard, the close button elsewhere (on
    // a remote reached by arrows: its Back deletes text while focus is in the search box). The
    // video is still full screen, and focus is back on the player's help button.
    const dialogOpen = () =>
      page.evaluate(
        () =>
          document.querySelector('[data-kefu-widget]')?.shadowRoot?.querySelector('dialog')?.open ??
          false,
      );
    if (screen.input === 'keyboard') await page.keyboard.press('Escape');
    else await trip.press(trip.role('button', { zh: '关闭', en: 'Close' }));
    await expect.poll(dialogOpen).toBe(false);
    await trip.focusOn(trip.sayRe({ zh: '帮助与反馈', en: 'Help & feedback' }));
    expect(await inFullScreen(trip)).toBe(true);
    // The video is what is seen again: nothing of help covers its middle.
    expect(
      await page.evaluate(() => {
        const box = document.querySelector('video')!.getBoundingClientRect();
        return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.tagName;
      }),
    ).toBe('VIDEO');
    await trip.step('back-to-video');

    await pressInApp(trip, fullScreenButton);
    await expect.poll(() => inFullScreen(trip)).toBe(false);
    await expect.poll(() => fullScreenButton.getAttribute('aria-pressed')).toBe('false');
  },
  { timeout: 150_000 },
);
