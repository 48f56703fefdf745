// The TV layout's styles (`layout: 'tv'`), put after PANEL_CSS in the panel's `<style>` with the
// D-pad code (src/widget/panel/dpad.ts), which loads only for that layout: bigger type and
// targets for a screen read from the sofa, and a focus ring a remote's user can follow.
export const TV_CSS = `
dialog[data-layout=tv]{width:min(760px,50vw);font-size:24px}
dialog[data-layout=tv] :is(button,input,select,textarea,summary,.button){font-size:24px;min-height:64px}
dialog[data-layout=tv] :is(h2,h3){font-size:32px}
dialog[data-layout=tv] :is(h4,h5,h6,label,legend){font-size:26px}
dialog[data-layout=tv] :is(.hint,.snippet,.error,.badge){font-size:20px}
dialog[data-layout=tv] :focus{outline:4px solid var(--link);outline-offset:3px}
`;
