import type { RoundKind } from '../../content/schema.js';

export const ROUND_KIND_LABELS: Record<RoundKind, string> = {
  coding: 'Coding',
  system_design: 'System design',
  behavioral: 'Behavioral',
  hiring_manager: 'Hiring manager',
  debugging: 'Debugging',
  product_sense: 'Product sense',
  technical_deep_dive: 'Technical deep dive',
  ml_design: 'ML system design',
  data_modeling: 'Data modeling',
  execution: 'Execution',
  leadership: 'Leadership',
  recruiter_screen: 'Recruiter screen',
};

/** A round kind's label; a kind this version does not know (from a newer pack) shows its id. */
export function roundKindLabel(kind: string): string {
  return (ROUND_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

export function formatMinutes(minutes: number): string {
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}
