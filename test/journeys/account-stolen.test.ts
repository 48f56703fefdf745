import { expect } from 'vitest';
import { IN_WIDGET, journey } from './helpers/journey';
import { SCREENS } from './helpers/screens';
import { openArticle, openHelp, search, sendTicket, stillNeedHelp } from './helpers/steps';

// Someone else is using the account: the article says what to do at once, the ticket goes to
// the account team, with an email this time, so the confirmation may promise a reply by email.
journey(
  'account-stolen',
  [SCREENS['phone-zh'], SCREENS['desktop-en'], SCREENS['keyboard-200']],
  async (trip) => {
    const { page } = trip;
    await openHelp(trip);
    await search(trip, { zh: '账号被盗', en: 'account hacked' });
    await trip.step('search');
    await openArticle(
      trip,
      trip.screen.lang === 'zh' ? /账号被盗或被他人登录/ : /Someone else is using my account/,
    );
    await trip.step('article');
    await stillNeedHelp(trip);
    await trip.type(
      page.locator(`${IN_WIDGET} textarea[name=description]`),
      trip.say({ zh: '有人在异地登录了我的账号', en: 'Someone logged in from another city' }),
    );
    await trip.type(page.locator(`${IN_WIDGET} input[name="contact.email"]`), 'li.lei@example.com');
    await trip.step('ticket-form');
    await sendTicket(trip);
    // An email was given: now, and only now, the reply is promised by email too.
    expect(await page.locator(`${IN_WIDGET} [data-kefu-outcome]`).textContent()).toMatch(
      trip.screen.lang === 'zh' ? /邮件/ : /by email/,
    );
    await trip.step('ticket-sent');
  },
);
