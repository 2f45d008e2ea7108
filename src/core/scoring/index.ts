export {
  scoreUnit,
  compileCriteriaSet,
  CompiledCriteriaSet,
  InvalidCriteriaSetError,
  type CriterionScore,
  type CriterionStatus,
  type DataValues,
  type MemberOutcome,
  type MemberUnit,
  type ScoreUnitInput,
  type UnitScore,
} from './engine';
export { validateCriteriaSet, type CriteriaSetIssue, type CriteriaSetValidation } from './validate';
export { explainComparison, formatTarget, formatValue, levelMemberNouns, levelScopeLabels, type DisplayKind } from './explain';
