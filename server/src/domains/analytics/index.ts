/**
 * The analytics domain: the model kit (classifiers, cross-validation,
 * metrics, reason codes; `model/`), and on top of it churn early warning,
 * response propensity, RM scorecards and dashboards.
 */
export * from './model';
