// How much the Compare cell's scatter plots (timeline, projection) draw: enough
// to see the data's shape, few enough that Plot draws them in a few milliseconds.

/** Most points a scatter plot draws. */
export const MAX_POINTS = 5000;
/** Most flagged points a scatter plot draws (the highest scores). */
export const MAX_FLAGGED = 4000;
