import { describe, expect, it } from 'vitest';
import { cardKeys } from '../../../app/ui/parts/card-keys.ts';

/** A keydown as the card sees it: the key, its modifiers, and whether it was taken. */
function press(key: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey'>> = {}) {
  const e = { key, ctrlKey: false, metaKey: false, altKey: false, ...mods, prevented: false, preventDefault() { e.prevented = true; } };
  return e;
}

describe('cardKeys', () => {
  const done: string[] = [];
  const keydown = cardKeys(
    { mark: (label) => done.push(`mark ${label}`), move: (step) => done.push(`move ${step}`) },
    { Backspace: () => done.push('undo') },
  );
  const run = (e: ReturnType<typeof press>) => {
    done.length = 0;
    keydown(e as unknown as KeyboardEvent);
    return { done: [...done], prevented: e.prevented };
  };

  it('marks with a and n and moves with j, k and the arrows', () => {
    expect(['a', 'n', 'j', 'k', 'ArrowRight', 'ArrowLeft'].map((k) => run(press(k)).done[0])).toEqual(['mark 1', 'mark 0', 'move 1', 'move -1', 'move 1', 'move -1']);
  });

  it("adds the card's own keys, and takes every key it acts on from the browser", () => {
    expect(run(press('Backspace'))).toEqual({ done: ['undo'], prevented: true });
    expect(run(press('a'))).toEqual({ done: ['mark 1'], prevented: true });
  });

  it('leaves other keys and shortcuts with Ctrl, ⌘ or Alt to the browser', () => {
    expect(run(press('x'))).toEqual({ done: [], prevented: false });
    expect(run(press('toString'))).toEqual({ done: [], prevented: false });
    for (const mod of ['ctrlKey', 'metaKey', 'altKey'] as const) expect(run(press('a', { [mod]: true }))).toEqual({ done: [], prevented: false });
  });
});
