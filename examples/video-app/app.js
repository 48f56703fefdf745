// The example video app: a player and kefu's widget, configured as a video app would. The page
// has no bundler: kefu.iife.js loads async; until then the snippet in index.html queues calls.
const endpoint = `${location.origin}/api`;
const params = new URLSearchParams(location.search);
// The app's language wins; the browser's is the fallback (?lang=en forces one for demos).
let locale = params.get('lang') ?? (navigator.language.startsWith('zh') ? 'zh-CN' : 'en');
const video = document.getElementById('video');

let player;
if (params.has('hls') && window.Hls?.isSupported()) {
  player = new Hls();
  player.loadSource('/media/hls/master.m3u8');
  player.attachMedia(video);
} else {
  video.src = '/media/clip.mp4';
}

Kefu.init({
  endpoint,
  appId: 'guangying-video',
  appVersion: '1.0.0',
  locale,
  widget: {
    video,
    player,
    theme: params.get('theme') ?? 'system',
    // ?tv=1 shows the 10-foot layout a TV app would use (large text, arrow-key focus).
    layout: params.has('tv') ? 'tv' : 'auto',
    brandColor: '#c2185b',
    // Viewers watch downloads on trains: help must open, and take a ticket, with no network,
    // even if they never opened it before. Loaded when the page is idle (README, "Offline");
    // ?prefetch=0 shows the default, where nothing is fetched before the first open.
    prefetch: params.get('prefetch') !== '0',
    contentId: () => 'drama-42-ep3',
    // The player page: the home view leads with the playback articles.
    page: { category: 'playback' },
    // The help article answering each self-check finding, by id (the same in every language).
    findingArticles: {
      network_too_slow: 'playback-buffering',
      high_latency: 'playback-buffering',
      data_saver: 'playback-change-quality',
      device_struggles: 'playback-change-quality',
      unsupported_media: 'playback-black-screen',
      autoplay_blocked: 'playback-no-sound',
    },
    // What the contact view states: only commitments the support team keeps.
    contact: {
      channels: [
        { type: 'ticket' },
        { type: 'phone', value: '400-820-8820' },
        { type: 'email', value: 'help@guangying.example' },
      ],
      hours: { timeZone: 'Asia/Shanghai', from: '09:00', to: '21:00' },
      replyHours: { normal: 24, urgent: 1 },
    },
  },
});

// What is playing: tickets and reports carry it (with the player's position at submit), so the
// user need not type "episode 3" and the agent's inbox shows what they were watching.
Kefu.setWatchContext({ contentId: 'drama-42-ep3', title: '雨夜来信', episode: '第 3 集' }, video);

// The app's own menu entry opens the same panel as the launcher.
document.getElementById('help').addEventListener('click', () => Kefu.open());

// The player's own full screen is the whole player (video, title and the help button), as video
// apps with their own controls do: help opens from it, and kefu's panel shows inside it.
const playerSection = document.querySelector('section.player');
const fullscreen = document.getElementById('fullscreen');
fullscreen.addEventListener('click', () =>
  document.fullscreenElement ? document.exitFullscreen() : playerSection.requestFullscreen(),
);
document.addEventListener('fullscreenchange', () => labels());

const lang = document.getElementById('lang');
const labels = () => {
  const zh = locale === 'zh-CN';
  document.documentElement.lang = locale;
  lang.textContent = zh ? 'English' : '中文';
  document.getElementById('help').textContent = zh ? '帮助与反馈' : 'Help & feedback';
  fullscreen.textContent = zh ? '全屏' : 'Full screen';
  fullscreen.setAttribute('aria-pressed', String(document.fullscreenElement === playerSection));
};
labels();
lang.addEventListener('click', () => {
  locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  Kefu.setLocale(locale);
  labels();
});
