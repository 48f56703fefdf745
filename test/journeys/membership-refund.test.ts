import { expect } from 'vitest';
import { IN_WIDGET, journey } from './helpers/journey';
import { SCREENS } from './helpers/screens';
import {
  chooseOption,
  openArticle,
  openHelp,
  search,
  sendTicket,
  stillNeedHelp,
} from './helpers/steps';

// A member wants a refund: the article answers the rules, the ticket asks for the order number
// and what happened (a list of options on a TV), and the confirmation names the ticket.
journey(
  'membership-refund',
  [SCREENS['phone-zh'], SCREENS['desktop-en'], SCREENS.tv],
  async (trip) => {
    const { page } = trip;
    await openHelp(trip);
    await search(trip, { zh: '会员退款', en: 'refund membership' });
    await trip.step('search');
    await openArticle(trip, trip.screen.lang === 'zh' ? /会员可以退款吗/ : /Can I get a refund/);
    await trip.step('article');
    await stillNeedHelp(trip);
    // The article's topic is chosen: membership and payment, with its own fields.
    const order = page.locator(`${IN_WIDGET} input[name="fields.orderNumber"]`);
    await order.waitFor();
    await trip.step('ticket-form');
    // Sent empty, the form says what to fix and focus goes to the first field to fix.
    await trip.press(page.locator(`${IN_WIDGET} button[type=submit]`));
    await trip.focusOn(/^input:/);
    // Each field to fix says why under it, and is marked invalid for a screen reader.
    await page.locator(`${IN_WIDGET} .error`).first().waitFor();
    expect(await page.locator(`${IN_WIDGET} [aria-invalid=true]`).count()).toBeGreaterThan(0);
    await trip.step('ticket-errors');
    await trip.type(order, 'GY2026120400042');
    await chooseOption(trip, 'fields.issue', { zh: '申请退款', en: 'Refund' });
    const number = await sendTicket(trip);
    expect(number).toMatch(/^K-[0-9A-Z]{5}$/);
    await trip.step('ticket-sent');
  },
);
