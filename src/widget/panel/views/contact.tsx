import { fill } from '../../locales/load';
import { safeUrl } from '../markdown';
import { dayNames, serviceWindow } from '../service-hours';
import type { PanelState } from '../state';
import { tracked } from '../signals';

/**
 * Contact: the channels the app configures, the service hours shown in the user's time zone with
 * whether support is open now, and the reply times the app commits to.
 */
export const ContactView = tracked(function ContactView({ state }: { state: PanelState }) {
  const t = state.t.value.contact;
  const locale = state.t.value.locale;
  const config = state.options.contact ?? {};
  const channels = config.channels ?? [{ type: 'ticket' as const }];
  const window = config.hours ? serviceWindow(config.hours) : undefined;
  const time = (d: Date) =>
    new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(d);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <>
      <h3 tabIndex={-1}>{t.title}</h3>
      <ul class="plain channels">
        {channels.map((channel, i) => {
          const label = channel.label?.[locale] ?? channel.label?.en ?? channel.value ?? '';
          if (channel.type === 'ticket')
            return (
              <li key={i}>
                <button type="button" class="primary" onClick={() => state.go('ticket')}>
                  {t.ticket}
                </button>
              </li>
            );
          const href =
            channel.type === 'phone'
              ? `tel:${(channel.value ?? '').replace(/[^\d+]/g, '')}`
              : channel.type === 'email'
                ? `mailto:${channel.value ?? ''}`
                : safeUrl(channel.value ?? '');
          if (!href) return null;
          const text =
            channel.type === 'phone'
              ? fill(t.call, { value: channel.value ?? '' })
              : channel.type === 'email'
                ? fill(t.email, { value: channel.value ?? '' })
                : fill(t.link, { label });
          return (
            <li key={i}>
              <a
                class="button"
                href={href}
                {...(channel.type === 'link'
                  ? { target: '_blank', rel: 'noopener noreferrer' }
                  : {})}
              >
                {text}
              </a>
            </li>
          );
        })}
      </ul>
      {window ? (
        <section aria-labelledby="kefu-hours">
          <h4 id="kefu-hours">{t.hours}</h4>
          <p data-kefu-hours="">
            {fill(t.days, {
              days: dayNames(window.days, locale),
              from: time(window.from),
              to: time(window.to),
            })}
          </p>
          <p class="hint">{fill(t.yourTime, { tz: zone })}</p>
          <p class={`status ${window.open ? 'good' : ''}`}>
            {window.open ? t.openNow : t.closedNow}
          </p>
        </section>
      ) : null}
      {config.replyHours ? (
        <section>
          <p>{fill(t.reply, { n: config.replyHours.normal })}</p>
          {config.replyHours.urgent ? (
            <p>{fill(t.urgent, { n: config.replyHours.urgent })}</p>
          ) : null}
        </section>
      ) : null}
    </>
  );
});
