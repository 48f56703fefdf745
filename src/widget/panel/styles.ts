// The panel's styles, put in a `<style>` that carries the page's CSP nonce. Colours are custom
// properties so an app themes the panel from outside the shadow root (`--kefu-brand` and the
// rest inherit through the host). Every pair below is ≥ 4.5:1: #1f1f1f/#fff 16:1, #5e5e5e/#fff
// 6.5:1, #0b57d0/#fff 6.9:1, #e8eaed/#1f1f1f 13:1, #bdc1c6/#1f1f1f 9:1, #a8c7fa/#1f1f1f 9.4:1.
export const PANEL_CSS = `
:host{all:initial}
dialog{--fg:#1f1f1f;--muted:#5e5e5e;--bg:#fff;--soft:#f1f3f4;--line:#c4c7c5;--link:var(--kefu-brand,#0b57d0);--brand:var(--kefu-brand,#0b57d0);--on-brand:#fff;--mark:#fde293;--bad:#b3261e;--good:#146c2e;
color-scheme:light;box-sizing:border-box;position:fixed;inset:0 0 0 auto;margin:0;padding:0;border:0;width:var(--kefu-width,420px);max-width:var(--kefu-vw,100vw);height:100%;max-height:var(--kefu-vh,100dvh);
background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Microsoft YaHei",sans-serif;box-shadow:0 0 24px rgba(0,0,0,.35);overflow:hidden}
dialog[data-position=left]{inset:0 auto 0 0}
dialog::backdrop{background:rgba(0,0,0,.4)}
dialog[data-theme=dark]{color-scheme:dark;--fg:#e8eaed;--muted:#bdc1c6;--bg:#1f1f1f;--soft:#2d2f31;--line:#5f6368;--link:#a8c7fa;--mark:#fde293;--bad:#f2b8b5;--good:#6dd58c}
@media (prefers-color-scheme:dark){dialog[data-theme=system]{color-scheme:dark;--fg:#e8eaed;--muted:#bdc1c6;--bg:#1f1f1f;--soft:#2d2f31;--line:#5f6368;--link:#a8c7fa;--mark:#fde293;--bad:#f2b8b5;--good:#6dd58c}}
@media (max-width:600px){dialog,dialog[data-position=left]{inset:var(--kefu-top,0) 0 0;width:var(--kefu-vw,100vw);height:var(--kefu-vh,100%)}}
*{box-sizing:border-box}
.panel{display:flex;flex-direction:column;height:100%}
.head{display:flex;align-items:center;gap:8px;padding:8px 8px 8px 16px;border-bottom:1px solid var(--line)}
h2{flex:1;margin:0;font-size:20px;line-height:1.3}
h3{font-size:20px;margin:0 0 8px;line-height:1.35}
h4,h5,h6{font-size:17px;margin:16px 0 4px}
.body{flex:1;overflow:auto;padding:16px;overscroll-behavior:contain}
button,.button{font:inherit;min-height:44px;min-width:44px;padding:8px 16px;border-radius:8px;border:1px solid var(--line);background:var(--soft);color:var(--fg);cursor:pointer}
button.primary{background:var(--brand);color:var(--on-brand);border-color:var(--brand);font-weight:600}
button.icon{padding:0;font-size:24px;line-height:1;background:transparent;border-color:transparent}
button.link{display:block;width:100%;text-align:start;background:transparent;border:0;border-bottom:1px solid var(--line);border-radius:0;padding:12px 4px}
:focus-visible{outline:3px solid var(--link);outline-offset:2px}
a{color:var(--link)}
input,select,textarea{font:inherit;font-size:16px;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:8px;padding:10px 12px;width:100%;min-height:44px}
label{display:block;font-weight:600;margin:0 0 4px}
.field{margin:0 0 16px}
.hint,.muted{color:var(--muted);font-size:15px;font-weight:400}
mark{background:var(--mark);color:#1f1f1f;border-radius:2px}
.hits,.plain{list-style:none;margin:0 0 16px;padding:0}
.hits .snippet{display:block;color:var(--muted);font-size:15px;margin-top:2px}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 16px;padding:0;list-style:none}
.chips button[aria-pressed=true]{background:var(--brand);color:var(--on-brand);border-color:var(--brand)}
section{margin:0 0 20px}
.row{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.status{padding:12px;border-radius:8px;background:var(--soft);margin:12px 0}
.status.bad{color:var(--bad)}
.status.good{color:var(--good)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.status>p{margin:0}
.status>p+p{margin-top:8px}
.status>.row{margin-top:12px}
form+form{margin-top:24px}
.search-row{display:flex;gap:8px;align-items:center}
.voice[aria-pressed=true]{background:var(--soft);border-color:var(--brand)}
@media (prefers-reduced-motion:no-preference){dialog[open]{animation:kefu-in .16s ease-out}@keyframes kefu-in{from{opacity:.4;transform:translateX(24px)}}}
@media (forced-colors:active){button.primary,.chips button[aria-pressed=true]{border:2px solid ButtonText}}
`;
