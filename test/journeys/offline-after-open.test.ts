import { expect } from 'vitest';
import { IN_WIDGET, journey } from './helpers/journey';
import { SCREENS } from './helpers/screens';
import { chooseTopic, openHelp } from './helpers/steps';

// Offline after the first open: the ticket is kept on the device with its number, said
// honestly as not sent yet, and turns into "sent" by itself when the network is back.
journey('offline-after-open', [SCREENS['phone-zh'], SCREENS['desktop-en']], async (trip) => {
  const { page, context } = trip;
  await openHelp(trip);
  await trip.press(trip.role('button', { zh: '联系客服', en: 'Contact support' }));
  await chooseTopic(trip, { zh: '下载与投屏', en: 'Downloads and casting' });
  await context.setOffline(true);
  await trip.type(
    page.locator(`${IN_WIDGET} textarea[name=description]`),
    trip.say({
      zh: '在地铁里没网，下载的剧打不开',
      en: 'Offline on the train, downloads will not open',
    }),
  );
  await trip.press(page.locator(`${IN_WIDGET} button[type=submit]`));
  await trip.focusOn(
    trip.sayRe({ zh: '已保存在本机，工单号 K-', en: 'Saved on this device as ticket K-' }),
  );
  const outcome = page.locator(`${IN_WIDGET} [data-kefu-outcome]`);
  const queuedNumber = await outcome.getAttribute('data-kefu-number');
  expect(queuedNumber).toMatch(/^K-[0-9A-Z]{5}$/);
  await trip.step('queued-offline');
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect
    .poll(() => outcome.getAttribute('data-kefu-outcome'), { timeout: 30_000 })
    .toBe('sent');
  // The number the user was told offline is the number of the delivered ticket.
  expect(await outcome.getAttribute('data-kefu-number')).toBe(queuedNumber);
  await trip.step('sent-when-online');
});
