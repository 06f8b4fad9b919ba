export { MetricsFileError } from './errors';
export { scoreFile, scoreKinds, scoreKindFields, type ScoreKind, type Scored } from './score-kinds';
