import { expect } from 'vitest';
import { signInBrowser } from '../browser/helpers/agent';
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

// Short-drama coins paid for but not credited: the ticket carries what the user was watching
// (the app's watch context), so the agent sees the episode without the user typing it. On TV
// the remote goes back Up from the issue list to the description, past fields scrolled under the
// panel's header.
journey('drama-coins', [SCREENS['phone-zh'], SCREENS['desktop-en'], SCREENS.tv], async (trip) => {
  const { page } = trip;
  await openHelp(trip);
  await search(trip, { zh: '金币没到账', en: 'coins not credited' });
  await trip.step('search');
  await openArticle(
    trip,
    trip.screen.lang === 'zh' ? /已付款但金币或会员没到账/ : /I paid but the coins/,
  );
  await trip.step('article');
  await stillNeedHelp(trip);
  const order = page.locator(`${IN_WIDGET} input[name="fields.orderNumber"]`);
  await trip.type(order, 'GY2026120499001');
  await chooseOption(trip, 'fields.issue', {
    zh: '会员权益未生效',
    en: 'Membership not applied',
  });
  await trip.type(
    page.locator(`${IN_WIDGET} textarea[name=description]`),
    trip.say({ zh: '充了 100 金币没到账', en: 'Paid for 100 coins, none arrived' }),
  );
  await trip.step('ticket-form');
  const number = await sendTicket(trip);
  await trip.step('ticket-sent');

  await signInBrowser(trip.context, trip.server);
  const inbox = await trip.context.newPage();
  await inbox.goto(`${trip.server.url}/inbox`);
  const row = inbox.getByRole('row').filter({ hasText: number });
  await expect.poll(() => row.textContent()).toMatch(/雨夜来信 · 第 3 集 · drama-42-ep3/);
  await row.getByRole('link').click();
  await inbox.getByText(number).first().waitFor();
  // The ticket page names the episode too, not "watching –".
  await inbox.getByText('drama-42-ep3').first().waitFor();
  await inbox.close();
});
