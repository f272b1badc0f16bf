// The shape of a segment rule, with no imports: the table definition stores it (segments.rule).

/** A condition of a segment rule: `aum gte 50000000`, `tags has_any ["代发工资"]`. */
export type SegmentCondition = { field: string; op: string; value?: unknown };
/** A group of conditions and groups joined by AND or OR, optionally negated. */
export type SegmentGroup = { combinator: 'and' | 'or'; not?: boolean; rules: (SegmentCondition | SegmentGroup)[] };
/** A stored or submitted rule: the top group; nested items are checked by validateRule. */
export type SegmentRule = { combinator: 'and' | 'or'; not?: boolean; rules: Record<string, unknown>[] };
