import { describe, expect, it } from 'vitest';
import { BASE, messageEnvelope, postJson, proof, SECRET, setup } from '../helpers';

describe('smoke', () => {
  it('works', async () => {
    const { relay, store } = setup();
    const first = messageEnvelope('Hello, my video stutters');
    const created = await relay(postJson('/conversations', first, { headers: proof }));
    expect(created.status).toBe(201);
    console.log(await created.json());
    const again = await relay(postJson('/conversations', first, { headers: proof }));
    expect(again.status).toBe(200);
    const next = messageEnvelope('Still there?', first.id);
    const r2 = await relay(
      postJson(`/conversations/${first.id}/messages`, next, { headers: proof }),
    );
    expect(r2.status).toBe(201);
    const get = await relay(new Request(`${BASE}/conversations/${first.id}`, { headers: proof }));
    console.log(await get.json());
    const poll = await relay(
      new Request(`${BASE}/events/poll?after=0&wait=0`, {
        headers: { 'Kefu-Stream-Proofs': `${first.id}:${SECRET}` },
      }),
    );
    console.log(JSON.stringify(await poll.json()));
    const stream = await relay(
      new Request(`${BASE}/stream`, {
        headers: { 'Kefu-Stream-Proofs': `${first.id}:${SECRET}`, 'Last-Event-ID': '2' },
      }),
    );
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const dec = new TextDecoder();
    console.log(dec.decode((await reader.read()).value));
    console.log(dec.decode((await reader.read()).value));
    await store.conversations!.addAgentMessage(first.id, {
      body: 'Hi!',
      agentName: 'Li',
      at: new Date().toISOString(),
    });
    console.log(dec.decode((await reader.read()).value));
    await reader.cancel();
    const noproof = await relay(new Request(`${BASE}/stream`));
    console.log(noproof.status, await noproof.text());
  });
});
