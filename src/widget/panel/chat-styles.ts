// The conversation view's styles: in its own chunk, put in the shadow root by the view with the
// page's CSP nonce. Colours are the panel's custom properties, so dark mode and brand follow.
export const CHAT_CSS = `
.chat{display:flex;flex-direction:column;gap:8px;min-height:100%}
.log{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}
.bubble{max-width:85%;padding:8px 12px;border-radius:16px;background:var(--soft);align-self:flex-start;overflow-wrap:anywhere}
.bubble.user{align-self:flex-end;background:var(--brand);color:var(--on-brand);border-end-end-radius:4px}
.bubble.agent,.bubble.bot{border-end-start-radius:4px}
.bubble.system{align-self:center;background:transparent;color:var(--muted);font-size:15px;text-align:center}
.bubble p{margin:0;white-space:pre-wrap}
.bubble .meta{display:block;font-size:13px;opacity:.85;margin-top:2px}
.bubble.user .meta{text-align:end}
.bubble .who{font-weight:600;font-size:14px;display:block}
.bubble.failed{background:var(--bg);color:var(--bad);border:2px solid var(--bad)}
.bubble img{display:block;max-width:100%;max-height:240px;border-radius:8px;margin-top:4px}
.bubble ul{margin:4px 0 0;padding:0;list-style:none}
.bubble button.link{color:var(--link);padding:8px 0;min-height:44px}
.quick{display:flex;flex-wrap:wrap;gap:8px;align-self:flex-start}
.typing{color:var(--muted);font-size:15px;margin:0}
.compose{position:sticky;bottom:-16px;background:var(--bg);padding:8px 0 0;margin-top:auto;border-top:1px solid var(--line)}
.compose.flow{position:static}
.compose textarea{min-height:64px}
.compose .row{justify-content:space-between}
.queue{margin:0}
dialog[data-layout=tv] .bubble .meta{font-size:20px}
@media (forced-colors:active){.bubble{border:1px solid CanvasText}}
`;
