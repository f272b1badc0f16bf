import { type ErrorCatalogue, errorFactory } from '../../kernel/errors';

/** The segmentation domain's error codes and their kinds (convention 4). */
export const segmentationCodes = {
  // a rule naming an unknown field, an operator the field does not take or a bad value
  'segmentation.invalid_rule': 'invalid',
  'segmentation.segment_not_found': 'not_found',
  'segmentation.segment_archived': 'conflict',
  'segmentation.version_conflict': 'conflict',
  'segmentation.static_rule_fixed': 'conflict',
} as const satisfies ErrorCatalogue;

export type SegmentationErrorCode = keyof typeof segmentationCodes;

export const segmentationError = errorFactory(segmentationCodes);
