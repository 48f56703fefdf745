import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { signal, tracked, useComputed, useSignal } from '../../src/widget/panel/signals';

// The panel's binding of signals to Preact (src/widget/panel/signals.ts): what @preact/signals'
// integration did for every component, here for the components wrapped in `tracked`.

let host: HTMLElement | undefined;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = undefined;
});

// Preact renders again on the next tick after a state change.
const tick = () => new Promise((r) => setTimeout(r, 20));

function mount(node: preact.VNode) {
  host = document.createElement('div');
  document.body.append(host);
  render(node, host);
  return host;
}

describe('tracked components', () => {
  it('render again when a signal they read changes, and not when one they no longer read does', async () => {
    const which = signal<'a' | 'b'>('a');
    const a = signal('a-1');
    const b = signal('b-1');
    let renders = 0;
    const Show = tracked(() => {
      renders++;
      return <p>{which.value === 'a' ? a.value : b.value}</p>;
    });
    const el = mount(<Show />);
    expect(el.textContent).toBe('a-1');
    a.value = 'a-2';
    await tick();
    expect(el.textContent).toBe('a-2');
    expect(renders).toBe(2);
    which.value = 'b';
    await tick();
    expect(el.textContent).toBe('b-1');
    expect(renders).toBe(3);
    // `a` was not read by the last render: a change of it renders nothing.
    a.value = 'a-3';
    await tick();
    expect(renders).toBe(3);
    b.value = 'b-2';
    await tick();
    expect(el.textContent).toBe('b-2');
    expect(renders).toBe(4);
  });

  it('render once for several changes made together, and never after they are unmounted', async () => {
    // `unwatched` tells when the last subscriber left (each render subscribes afresh).
    let watching = true;
    const first = signal('Ada', {
      watched: () => (watching = true),
      unwatched: () => (watching = false),
    });
    const last = signal('Lovelace');
    let renders = 0;
    const Name = tracked(() => {
      renders++;
      return <p>{`${first.value} ${last.value}`}</p>;
    });
    const el = mount(<Name />);
    first.value = 'Grace';
    last.value = 'Hopper';
    await tick();
    expect(el.textContent).toBe('Grace Hopper');
    expect(renders).toBe(2);
    expect(watching).toBe(true);
    render(null, el);
    expect(watching).toBe(false);
    first.value = 'Alan';
    await tick();
    expect(renders).toBe(2);
    expect(el.textContent).toBe('');
  });

  it('keep a component signal across renders and render again when it is written', async () => {
    let click: () => void = () => {};
    const Counter = tracked(() => {
      const count = useSignal(0);
      const double = useComputed(() => count.value * 2);
      click = () => count.value++;
      return <p>{`${count.value}/${double.value}`}</p>;
    });
    const el = mount(<Counter />);
    expect(el.textContent).toBe('0/0');
    click();
    click();
    await tick();
    expect(el.textContent).toBe('2/4');
  });

  it('read the latest closure in a computed signal, so a new prop is not lost', async () => {
    const factor = signal(1);
    const Scaled = tracked(({ by }: { by: number }) => {
      const value = useComputed(() => factor.value * by);
      return <p>{value.value}</p>;
    });
    const el = mount(<Scaled by={10} />);
    expect(el.textContent).toBe('10');
    render(<Scaled by={100} />, el);
    factor.value = 2;
    await tick();
    expect(el.textContent).toBe('200');
  });

  it('leave an untracked component as it was: a plain function does not follow signals', async () => {
    const text = signal('before');
    const Plain = () => <p>{text.value}</p>;
    const el = mount(<Plain />);
    text.value = 'after';
    await tick();
    expect(el.textContent).toBe('before');
  });
});

// Every component of the panel, found in its source: a top-level function or arrow function
// named with a capital, and whether it is wrapped.
const PANEL = join(process.cwd(), 'src/widget/panel/');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.tsx')
        ? [join(dir, entry.name)]
        : [],
  );

describe('the components of the panel', () => {
  const files = sources(PANEL).map((path) => ({
    path: path.slice(PANEL.length),
    text: readFileSync(path, 'utf8'),
  }));

  it('are found in the source, so that the check below has something to check', () => {
    const tracked = files.flatMap(({ text }) => [
      ...text.matchAll(/^(?:export )?const ([A-Z]\w*) = tracked\(function \1\(/gm),
    ]);
    expect(tracked.length).toBeGreaterThan(25);
    expect(tracked.map((m) => m[1])).toContain('HomeView');
  });

  it('are all tracked, or arrow functions that read no signal', () => {
    const untracked = files.flatMap(({ path, text }) => [
      // A function declaration renders without following signals.
      ...[...text.matchAll(/^(?:export )?function ([A-Z]\w*)\(/gm)].map((m) => `${path}: ${m[1]}`),
      // An arrow component up to the next top-level statement, if it reads `.value`.
      ...[...text.matchAll(/^(?:export )?const ([A-Z]\w*) = \([\s\S]*?(?=^\S)/gm)]
        .filter((m) => /\.value\b/.test(m[0]))
        .map((m) => `${path}: ${m[1]}`),
    ]);
    expect(untracked).toEqual([]);
  });
});
