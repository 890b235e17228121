// Draws the Compare cell's plot specs (compare-plots.ts) for a PlotBox. A plot
// that cannot be drawn says why instead of breaking the page.
import * as Plot from '@observablehq/plot';
import type { SmallMultiples } from './compare-plots.ts';

type Drawn = SVGSVGElement | HTMLElement;

function safely(draw: () => Drawn): () => Drawn {
  return () => {
    try {
      return draw();
    } catch (e) {
      const p = document.createElement('p');
      p.className = 'error';
      p.textContent = `This plot could not be drawn: ${(e as Error).message}`;
      return p;
    }
  };
}

/** A PlotBox `render` of one plot; the spec is built inside, so the box redraws when what it reads changes. */
export function drawPlot(spec: () => Plot.PlotOptions): () => Drawn {
  return safely(() => Plot.plot(spec()));
}

/** A PlotBox `render` of small multiples: the shared legend above, the plots wrapping beside each other. */
export function drawSmallMultiples(spec: () => SmallMultiples): () => Drawn {
  return safely(() => {
    const { legend, plots } = spec();
    const box = document.createElement('div');
    box.className = 'small-multiples';
    box.append(Plot.legend(legend) as HTMLElement);
    const grid = document.createElement('div');
    grid.style.cssText = 'display: flex; flex-wrap: wrap; gap: 8px 18px';
    for (const p of plots) grid.append(Plot.plot(p));
    box.append(grid);
    return box;
  });
}
