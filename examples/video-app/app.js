// The example video app: a player, and a help panel built on kefu's headless API. Every text
// from the FAQ is put into the page as text nodes, never as markup.
const endpoint = `${location.origin}/api`;
const locale = navigator.language.startsWith('zh') ? 'zh-CN' : 'en';
const video = document.getElementById('video');
const useHls = new URLSearchParams(location.search).has('hls');

let player;
if (useHls && window.Hls?.isSupported()) {
  player = new Hls();
  player.loadSource('/media/hls/master.m3u8');
  player.attachMedia(video);
} else {
  video.src = '/media/clip.mp4';
}
const watcher = Kefu.watchPlayback(player ?? video);
const kefu = Kefu.init({ endpoint, appId: 'guangying-video', appVersion: '1.0.0', locale });

// FAQ: served from the cache at once when there is one, refreshed behind.
let index;
Kefu.loadFaq({ endpoint, locale }).then(({ articles, refreshed }) => {
  index = Kefu.createFaqIndex(articles, { synonyms: Kefu.videoAppSynonyms });
  refreshed.then((fresh) => fresh && (index = Kefu.createFaqIndex(fresh, { synonyms: Kefu.videoAppSynonyms })));
  render();
});

const query = document.getElementById('query');
const hits = document.getElementById('hits');
const empty = document.getElementById('empty');
function highlighted(text, highlights, field) {
  const fragment = document.createDocumentFragment();
  for (const part of Kefu.highlightSegments(text, highlights, field)) {
    const node = part.match ? document.createElement('mark') : document.createTextNode(part.text);
    if (part.match) node.textContent = part.text;
    fragment.append(node);
  }
  return fragment;
}
function render() {
  hits.replaceChildren();
  const q = query.value.trim();
  if (!index || !q) return void (empty.hidden = true);
  const results = index.search(q, { limit: 5 });
  empty.hidden = results.length > 0;
  for (const hit of results) {
    const li = document.createElement('li');
    const title = document.createElement('strong');
    title.append(highlighted(hit.article.title, hit.highlights, 'title'));
    const body = document.createElement('p');
    body.append(highlighted(hit.article.body.slice(0, 160), hit.highlights.filter((h) => h.end <= 160), 'body'));
    li.append(title, body);
    hits.append(li);
  }
}
query.addEventListener('input', render);

// Diagnostics: captured when the panel opens, shown before anything is sent.
const panel = document.getElementById('panel');
const preview = document.getElementById('preview-text');
let snapshot;
document.getElementById('help').addEventListener('click', async () => {
  panel.showModal();
  query.focus();
  snapshot = await Kefu.captureDiagnostics({ video, player, watcher });
  preview.textContent = Kefu.describeDiagnostics(snapshot).map((l) => `${l.path}: ${l.value}`).join('\n');
});

const form = document.getElementById('ticket');
const status = document.getElementById('status');
kefu.on('sent', () => (status.textContent = '已送达客服 Delivered to support.'));
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  status.textContent = '发送中… Sending…';
  try {
    const receipt = await kefu.submitTicket({
      category: String(data.get('category')),
      description: String(data.get('description')),
      ...(data.get('email') ? { contact: { email: String(data.get('email')) } } : {}),
      context: { contentId: 'drama-42-ep3', title: '雨夜来信', episode: '3', positionSec: Math.round(video.currentTime) },
      ...(data.get('diagnostics') && snapshot ? { diagnostics: snapshot } : {}),
    });
    status.textContent =
      receipt.status === 'sent'
        ? `已提交，工单号 ${receipt.id}。Sent: ticket ${receipt.id}.`
        : '已保存，联网后自动发送。Saved: it will be sent when you are back online.';
    if (receipt.status !== 'dropped') form.reset();
  } catch (error) {
    // The text stays in the form: the user fixes it and sends again.
    status.textContent = Kefu.isKefuError(error) ? `未能提交：${error.message}` : String(error);
  }
});
