/** What a card marked one unit at a time does. */
export interface MarkingCard {
  /** Marks the shown unit: 1 anomalous, 0 normal. */
  mark(label: 0 | 1): void;
  /** Shows the next (1) or the previous (-1) unit. */
  move(step: 1 | -1): void;
}

/**
 * The keyboard of a card marked one unit at a time (the review card, the
 * pooled screen review): a anomalous, n normal, j or → next, k or ← back,
 * plus the card's own `more` keys. Keys held with Ctrl, ⌘ or Alt stay the
 * browser's shortcuts; a key that acts does nothing else (no scrolling, no
 * going back on Backspace).
 */
export function cardKeys(card: MarkingCard, more: Readonly<Record<string, () => void>> = {}): (e: KeyboardEvent) => void {
  const actions: Record<string, () => void> = {
    a: () => card.mark(1),
    n: () => card.mark(0),
    j: () => card.move(1),
    k: () => card.move(-1),
    ArrowRight: () => card.move(1),
    ArrowLeft: () => card.move(-1),
    ...more,
  };
  return (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const act = Object.hasOwn(actions, e.key) ? actions[e.key] : undefined;
    if (!act) return;
    e.preventDefault();
    act();
  };
}
