// Ranking and threshold metrics, matching scikit-learn 1.2.1.
export { averagePrecision, averagePrecisionFromRanking } from './average-precision.ts';
export { bestF1, bestF1FromRanking, type BestF1 } from './best-f1.ts';
export { confusionAt, precisionRecallF1, type Confusion, type PrecisionRecallF1 } from './confusion.ts';
export { sortScores, thresholdForContamination, thresholdForPercentile, unitsAsked } from './contamination-threshold.ts';
export { capThreshold, flaggedAt, thresholdForCount, tieAtCut, type TieAtCut } from './threshold-for-count.ts';
export {
  precisionRecallCurve,
  precisionRecallCurveFromRanking,
  type PrecisionRecallCurve,
} from './precision-recall-curve.ts';
export { countAnomalies, rankByScore, type Ranking } from './rank-by-score.ts';
export { rocAuc, rocAucFromRanking } from './roc-auc.ts';
export { rocCurve, rocCurveFromRanking, type RocCurve } from './roc-curve.ts';
export { summarizeMetrics, type Metrics } from './summarize-metrics.ts';
export { scoreHistogram, type ScoreBin } from './score-histogram.ts';
export { topK } from './top-k.ts';
export { anomalyGroups, maskMessage, GROUP_WILDCARD, type AnomalyGroup, type AnomalyGroupsInput, type FlaggedRows } from './anomaly-groups.ts';
export {
  reviewEstimate,
  reviewSample,
  type ReviewEstimate,
  type ReviewItem,
  type ReviewSample,
  type ReviewSampleOptions,
  type ReviewStratum,
} from './review-sample.ts';
export { runAgreement, type RunAgreement } from './run-agreement.ts';
export { scorePercentile } from './score-percentile.ts';
export { thresholdCurve, thresholdCurveFromRanking, type ThresholdCurve } from './threshold-curve.ts';
export {
  ALERT_PERIOD_MS,
  explainThreshold,
  flaggingNotes,
  pickThreshold,
  pickThresholdWithNotes,
  thresholdNotes,
  MATERIAL_SHORTFALL,
  type ThresholdNote,
  type ThresholdNoteKind,
  THRESHOLD_METHODS,
  type AlertPeriod,
  type PickThresholdOptions,
  type ThresholdMethodName,
  type ThresholdMethodSpec,
} from './threshold-methods.ts';
