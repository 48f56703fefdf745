import { expect } from 'vitest';
import { signInBrowser } from '../browser/helpers/agent';
import { axeViolations } from './helpers/axe';
import { IN_WIDGET, journey, openVideoApp } from './helpers/journey';
import { followKefuRequests } from './helpers/prefetch';
import { SCREENS } from './helpers/screens';
import { chooseTopic } from './helpers/steps';

// Offline before the first open: the example app mounts the widget with `prefetch`, so while the
// page is idle help's code and the FAQ come to the device. The network then goes before the user
// ever opens help: the panel opens all the same, says plainly that the device is offline, that
// the saved articles are shown and that a ticket goes by itself later; the ticket is kept with
// its number, and reaches the inbox once when the network is back.

journey(
  'offline-before-open',
  [SCREENS['phone-zh'], SCREENS['desktop-en'], SCREENS.tv, SCREENS['keyboard-200'], SCREENS.dark],
  async (trip) => {
    const { page, context, screen } = trip;
    const requests = await followKefuRequests(page);
    await openVideoApp(trip);
    await requests.prefetched();
    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);

    // First open, offline: the panel opens, focus on the search box, and says where things stand.
    const launcher = page.locator('[data-kefu-launcher] button');
    if (screen.input === 'remote') await launcher.focus();
    await trip.press(launcher);
    await trip.role('heading', { zh: '帮助与反馈', en: 'Help & feedback' }).waitFor();
    await trip.focusOn(/^input:/);
    await trip.see({ zh: '当前没有网络', en: 'You are offline' });
    await trip.see({
      zh: '下面是本机保存的帮助文章。',
      en: 'Help articles saved on this device are shown below.',
    });
    await trip.see({
      zh: '你仍可联系客服：留言会在恢复联网后自动发送。',
      en: 'You can still contact support: your message is sent automatically when you are back online.',
    });
    await trip.step('offline-home');

    // The saved articles answer a search with no network.
    await trip.type(page.locator(`${IN_WIDGET} #kefu-q`), trip.say({ zh: '下载', en: 'download' }));
    await page.locator(`${IN_WIDGET} .hits button`).first().waitFor();
    await trip.step('offline-search');

    // A ticket, written offline: kept with its number, said honestly as not sent yet.
    await trip.press(trip.role('button', { zh: '联系客服', en: 'Contact support' }));
    await chooseTopic(trip, { zh: '下载与投屏', en: 'Downloads and casting' });
    const description = `${trip.say({
      zh: '没网的时候打不开已下载的第3集',
      en: 'Downloaded episode 3 will not open with no network',
    })} ${screen.name}`;
    await trip.type(page.locator(`${IN_WIDGET} textarea[name=description]`), description);
    await trip.step('offline-ticket');
    await trip.press(page.locator(`${IN_WIDGET} button[type=submit]`));
    await trip.focusOn(
      trip.sayRe({ zh: '已保存在本机，工单号 K-', en: 'Saved on this device as ticket K-' }),
    );
    const outcome = page.locator(`${IN_WIDGET} [data-kefu-outcome]`);
    const number = await outcome.getAttribute('data-kefu-number');
    expect(number).toMatch(/^K-[0-9A-Z]{5}$/);
    await trip.step('queued');

    // The network is back: the same ticket is sent by itself, once.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect
      .poll(() => outcome.getAttribute('data-kefu-outcome'), { timeout: 30_000 })
      .toBe('sent');
    expect(await outcome.getAttribute('data-kefu-number')).toBe(number);
    await trip.step('sent-when-online');

    await signInBrowser(trip.context, trip.server);
    const inbox = await trip.context.newPage();
    await inbox.goto(`${trip.server.url}/inbox`);
    const rows = inbox.getByRole('row').filter({ hasText: number! });
    await expect.poll(() => rows.count()).toBe(1);
    await rows.getByRole('link').click();
    await inbox.getByText(description).first().waitFor();
    expect(await axeViolations(inbox), 'axe on the ticket page').toEqual([]);
    await inbox.close();
  },
  { timeout: 180_000 },
);
