/** Every view the panel can show, which `open(view)` goes straight to (checked at run time too). */
export const WIDGET_VIEWS = [
  'home',
  'article',
  'ticket',
  'check',
  'feedback',
  'mine',
  'contact',
  'chat',
] as const;
