/** The playbook engine: rules file → validated rules; (signals, rules, history, day) → firings; renderers. */
export type {
  Action, ActionType, AllCondition, AnyCondition, ComparisonCondition, ComparisonOp, Condition, ConditionValue,
  CoverageActions, FigureValue, Firing, FiringHistory, FiringTask, InCondition, NoneAction, NotCondition,
  NullCondition, PlaybookAccount, Rule, Rules, TaskAction, TaskPriority, TriggerAction,
} from './types';
export { COMPARISON_OPS, REASON_MAX, TASK_PRIORITIES } from './types';
export { rulesSchema } from './schema';
export { checkRulesText, parseRules, type RulesCheck } from './parse';
export { evaluateCondition, type ConditionResult } from './conditions';
export { fillTemplate, scanTemplate, templateFields } from './templates';
export { formatFigure, roundFigure } from './figures';
export { addBusinessDays } from './dates';
export { EMPTY_HISTORY, historyFromFirings, type FiringRecord } from './history';
export { evaluatePlaybooks, firingKey, inCooldown, reasonText, taskBody } from './evaluate';
export { closestNames, didYouMean, editDistance } from './suggest';
export { renderFiringsTable, firingsToJson, firingToJson } from './preview';
export { DEFAULT_RULES_FILE_NAME, DEFAULT_RULES_YAML } from './defaults';
export { defaultRules, loadRules, writeDefaultRules } from './load';
