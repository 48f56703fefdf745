import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { IN_WIDGET, openVideoApp, type Trip } from './journey';

/**
 * Steps several journeys share, told in the person's terms. Each ends where the person's
 * attention is, asserts what they see there, and takes the step's screenshot.
 */

/** Opens the example app and the help panel from its launcher: focus lands on the search box. */
export async function openHelp(trip: Trip, query = ''): Promise<void> {
  await openVideoApp(trip, query);
  const launcher = trip.page.locator('[data-kefu-launcher] button');
  // On a TV the app's own focus system brings the remote to its help button; kefu's D-pad
  // navigation starts inside the panel. So the journey puts focus there, and the remote's OK opens.
  if (trip.screen.input === 'remote') await launcher.focus();
  await trip.press(launcher);
  await trip.role('heading', { zh: '帮助与反馈', en: 'Help & feedback' }).waitFor();
  await trip.focusOn(/^input:/);
}

/** Types a search and waits for the answers. */
export async function search(trip: Trip, words: { zh: string; en: string }): Promise<void> {
  await trip.type(trip.page.locator(`${IN_WIDGET} #kefu-q`), trip.say(words));
  await trip.page.locator(`${IN_WIDGET} .hits button`).first().waitFor();
}

/** Opens a search hit by its title; focus lands on the article's heading. */
export async function openArticle(trip: Trip, title: RegExp): Promise<void> {
  await trip.press(trip.role('button', title));
  await trip.focusOn(new RegExp(`^h3:.*${title.source}`));
}

/** Goes back one view with this screen's Back (the remote's Back, Escape, or the ← button). */
export async function goBack(trip: Trip): Promise<void> {
  if (trip.screen.input === 'remote') await trip.back();
  else await trip.press(trip.role('button', { zh: '返回', en: 'Back' }));
}

/**
 * Chooses the ticket's topic: on a TV a list of options the remote moves through (arrows move
 * focus, OK picks); elsewhere the native select, reached by the screen's own input.
 */
export async function chooseTopic(trip: Trip, topic: { zh: string; en: string }): Promise<void> {
  const inWidget = trip.page.locator(IN_WIDGET);
  if (trip.screen.input === 'remote') {
    const option = inWidget.getByRole('radio', { name: trip.say(topic), exact: true });
    await trip.press(option);
    await expect.poll(() => option.isChecked()).toBe(true);
    return;
  }
  const select = inWidget.locator('#kefu-category');
  if (trip.screen.input === 'keyboard') await trip.reach(select);
  await select.selectOption({ label: trip.say(topic) });
}

/** The short ticket number the confirmation shows (`K-XXXXX`). */
export async function ticketNumber(page: Page): Promise<string> {
  const text = (await page.locator(`${IN_WIDGET} [data-kefu-outcome]`).textContent()) ?? '';
  const found = /K-[0-9A-Z]{5}/.exec(text);
  if (!found) throw new Error(`no short ticket number in "${text}"`);
  return found[0];
}

/**
 * Chooses an option of a select field of the ticket form by its label: on a TV a list of
 * options (arrows move, OK picks), elsewhere the native select.
 */
export async function chooseOption(
  trip: Trip,
  field: string,
  option: { zh: string; en: string },
): Promise<void> {
  const inWidget = trip.page.locator(IN_WIDGET);
  if (trip.screen.input === 'remote') {
    const radio = inWidget
      .locator(`fieldset#kefu-f-${field.replace(/\W/g, '-')}`)
      .getByRole('radio', { name: trip.say(option), exact: true });
    await trip.press(radio);
    await expect.poll(() => radio.isChecked()).toBe(true);
    return;
  }
  const select = inWidget.locator(`select[name="${field}"]`);
  if (trip.screen.input === 'keyboard') await trip.reach(select);
  await select.selectOption({ label: trip.say(option) });
}

/** Sends the ticket form; focus lands on the confirmation, which gives the short number. */
export async function sendTicket(trip: Trip): Promise<string> {
  await trip.press(trip.page.locator(`${IN_WIDGET} button[type=submit]`));
  await trip.focusOn(trip.sayRe({ zh: '已提交，工单号 K-', en: 'Sent. Your ticket number is K-' }));
  return ticketNumber(trip.page);
}

/** From an article, "still need help": the ticket form opens with the article's topic chosen. */
export async function stillNeedHelp(trip: Trip): Promise<void> {
  await trip.press(
    trip.role('button', { zh: '仍需帮助？联系客服', en: 'Still need help? Contact support' }),
  );
  await trip.focusOn(trip.sayRe({ zh: '联系客服', en: 'Contact support' }));
  await trip.page.locator(`${IN_WIDGET} textarea[name=description]`).waitFor();
}
