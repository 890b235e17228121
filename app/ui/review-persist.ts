/**
 * Review marks survive a reload, beside the settings in localStorage, per
 * data and unit (see `reviewKey`). Nothing leaves the machine.
 */
import type { ReviewMark } from '../core/evaluate/review-marks.ts';

const REVIEW_KEY = 'law.review.v1';

/** What is kept for one data and unit. */
export interface SavedReview {
  marks: ReviewMark[];
  addNormalToBaseline: boolean;
}

export function saveReviews(reviews: Record<string, SavedReview>): void {
  try {
    localStorage.setItem(REVIEW_KEY, JSON.stringify(reviews));
  } catch {
    // Private mode or a full quota: the marks still count, they just won't survive a reload.
  }
}

export function loadReviews(): Record<string, SavedReview> {
  try {
    const text = localStorage.getItem(REVIEW_KEY);
    const saved = text ? (JSON.parse(text) as unknown) : null;
    return saved && typeof saved === 'object' && !Array.isArray(saved) ? (saved as Record<string, SavedReview>) : {};
  } catch {
    return {};
  }
}
