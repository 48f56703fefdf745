// The styles of the views other than home, loaded with the first of them (src/widget/panel/
// view-chunks.tsx) in a `<style>` with the page's CSP nonce: forms, stars, findings, threads,
// files, contact channels, articles' media. Not in PANEL_CSS, which every open of the panel
// downloads before the search answers (issue 19). Same colours as PANEL_CSS (its contrast notes).
export const VIEW_CSS = `
textarea{min-height:120px;resize:vertical}
input[type=checkbox],input[type=radio]{width:24px;height:24px;min-height:0;margin:10px;accent-color:var(--brand);flex:none}
fieldset{border:1px solid var(--line);border-radius:8px;padding:4px 12px 8px}
legend{font-weight:600;padding:0 4px}
.check{display:flex;align-items:center;font-weight:400}
.error{color:var(--bad);font-size:15px;margin:4px 0 0}
[aria-invalid=true]{border-color:var(--bad);border-width:2px}
.md img,.md video{max-width:100%;height:auto;border-radius:8px}
.md figure{margin:12px 0}
pre{white-space:pre-wrap;word-break:break-all;font-size:14px;background:var(--soft);padding:8px;border-radius:8px;max-height:240px;overflow:auto}
details summary{cursor:pointer;min-height:44px;display:flex;align-items:center;color:var(--link)}
.star{position:relative;display:inline-flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;font-size:30px;color:#b06000;font-weight:400;cursor:pointer}
.star input{position:absolute;opacity:0;inset:0;width:100%;height:100%;margin:0;cursor:pointer}
.star:focus-within{outline:3px solid var(--link);border-radius:8px}
dialog[data-theme=dark] .star{color:#fdd663}
@media (prefers-color-scheme:dark){dialog[data-theme=system] .star{color:#fdd663}}
.finding{border-bottom:1px solid var(--line);padding:4px 0 8px}
.finding .steps{margin:4px 0 8px;padding-inline-start:24px}
.finding .steps li{margin:0 0 4px}
.finding .steps-label{margin:8px 0 0}
.finding .link{border:0;color:var(--link);font-weight:600;text-decoration:underline;text-underline-offset:3px;padding:10px 0}
a.button{display:inline-flex;align-items:center;text-decoration:none;color:var(--link);font-weight:600}
.channels li{margin:0 0 8px}
.badge{display:inline-block;padding:0 8px;border-radius:10px;border:1px solid var(--line);font-size:14px;color:var(--fg)}
.thread .msg{padding:8px 12px;border-radius:8px;background:var(--soft);margin:0 0 8px}
.thread .msg.agent{border-inline-start:4px solid var(--brand)}
.thread p{margin:4px 0 0;white-space:pre-wrap}
.files li{display:flex;align-items:center;justify-content:space-between;gap:8px}
p.label{font-weight:600;margin:0 0 4px}
label.pick{display:inline-flex;align-items:center;margin:0}
.pick:focus-within{outline:3px solid var(--link);outline-offset:2px}
`;
