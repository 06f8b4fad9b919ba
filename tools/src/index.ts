export { lintSource, type LintFinding } from './checks/lint-source';
